import { isolate, plural } from '../plural';
import type en from '../en/shell';

const ar: typeof en = {
  'shell.skip': 'انتقل إلى المحتوى',
  'shell.sessionExpired': 'انتهت جلستك.',
  'shell.waiting': (p) =>
    plural('ar', p.count, {
      zero: 'سجّل الدخول مجددًا.',
      one: 'سجّل الدخول مجددًا لإرسال التغيير المنتظر.',
      two: 'سجّل الدخول مجددًا لإرسال التغييرين المنتظرين.',
      few: 'سجّل الدخول مجددًا لإرسال # تغييرات منتظرة.',
      many: 'سجّل الدخول مجددًا لإرسال # تغييرًا منتظرًا.',
      other: 'سجّل الدخول مجددًا لإرسال # تغيير منتظر.',
    }),
  'shell.signInAgain': 'سجّل الدخول مجددًا',
  'nav.label': 'القائمة الرئيسية',
  'nav.home': 'الرئيسية',
  'nav.beneficiaries': 'المستفيدون',
  'nav.activity': 'النشاط',
  'nav.account': 'الحساب',
  'sync.syncing': 'جارٍ المزامنة…',
  'sync.pending': (p) =>
    plural('ar', p.count, {
      zero: 'لا شيء قيد الانتظار',
      one: 'تغيير واحد قيد الانتظار',
      two: 'تغييران قيد الانتظار',
      few: '# تغييرات قيد الانتظار',
      many: '# تغييرًا قيد الانتظار',
      other: '# تغيير قيد الانتظار',
    }),
  'sync.willRetry': 'ستُعاد المحاولة',
  'sync.synced': (p) => `تمت المزامنة ${p.time}`,
  'sync.offline': 'غير متصل',
  'sync.lastSynced': (p) => `آخر مزامنة ${p.time}`,
  'sync.never': 'لم تتم المزامنة بعد',
  'update.available': 'يتوفر تحديث',
  'update.reload': 'إعادة التحميل',
  'update.later': 'لاحقًا',
  'signout.button': 'تسجيل الخروج',
  'signout.title': 'تسجيل الخروج وفقدان التغييرات غير المرسلة؟',
  'signout.body': (p) =>
    plural('ar', p.count, {
      one: 'هناك تغيير واحد لم يصل إلى الخادم بعد. تسجيل الخروج يحذفه ويحذف كل بياناتك من هذا الجهاز.',
      two: 'هناك تغييران لم يصلا إلى الخادم بعد. تسجيل الخروج يحذفهما ويحذف كل بياناتك من هذا الجهاز.',
      few: 'هناك # تغييرات لم تصل إلى الخادم بعد. تسجيل الخروج يحذفها ويحذف كل بياناتك من هذا الجهاز.',
      many: 'هناك # تغييرًا لم تصل إلى الخادم بعد. تسجيل الخروج يحذفها ويحذف كل بياناتك من هذا الجهاز.',
      other: 'هناك # تغيير لم تصل إلى الخادم بعد. تسجيل الخروج يحذفها ويحذف كل بياناتك من هذا الجهاز.',
    }),
  'signout.keep': 'أبقِني مسجّلًا',
  'signout.anyway': 'تسجيل الخروج على أي حال',
  'notFound.title': 'الصفحة غير موجودة',
  'notFound.body': 'لا يوجد شيء على هذا العنوان.',
  'notFound.home': 'العودة إلى الرئيسية',
  'attention.title': 'يحتاج إلى انتباهك',
  'attention.notDone': (p) => `لم يتم: ${p.reason}`,
  'attention.retry': 'أعد المحاولة',
  'attention.dismiss': 'تجاهل',
  'attention.retryLabel': (p) => `أعد المحاولة: ${isolate(p.what)}`,
  'attention.dismissLabel': (p) => `تجاهل: ${isolate(p.what)}`,
  'attention.olderVersion': 'إجراء حفظه إصدار أقدم من التطبيق',
  'attention.olderReason': 'حفظه إصدار أقدم من التطبيق ولم يمكن إرساله',
};
export default ar;
