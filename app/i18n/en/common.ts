export default {
  'common.cancel': 'Cancel',
};
