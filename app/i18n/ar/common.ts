import type en from '../en/common';

const ar: typeof en = {
  'common.comma': '، ',
  'common.cancel': 'إلغاء',
  'common.close': 'إغلاق',
  'common.pending': 'قيد الانتظار',
  'common.loading': 'جارٍ التحميل…',
  'common.nothingYet': 'لا شيء بعد.',
  'common.email': 'البريد الإلكتروني',
  'common.password': 'كلمة المرور',
  'common.name': 'الاسم',
  'common.language': 'اللغة',
  'common.appTitle': (p: { page: string }) => `${p.page} · TopUp`,
};
export default ar;
