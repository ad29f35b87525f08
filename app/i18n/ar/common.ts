import type en from '../en/common';

const ar: typeof en = {
  'common.cancel': 'إلغاء',
};
export default ar;
