/** Words many screens share. */
export default {
  /** Between two items said together (a name and an amount in a button's hidden label). */
  'common.comma': ', ',
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
