/** Words many screens share. */
export default {
  'common.cancel': 'Cancel',
  'common.close': 'Close',
  'common.pending': 'Pending',
  'common.loading': 'Loading…',
  'common.nothingYet': 'Nothing yet.',
  'common.email': 'Email',
  'common.password': 'Password',
  'common.name': 'Name',
  'common.language': 'Language',
  'common.appTitle': (p: { page: string }) => `${p.page} · TopUp`,
};
