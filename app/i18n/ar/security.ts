import { isolate } from '../plural';
import type en from '../en/security';

const ar: typeof en = {
  'security.passkeyCancelled': 'لم يُستخدم أي مفتاح مرور. حاول مرة أخرى، أو سجّل الدخول بكلمة المرور.',
  'security.passkeyRefused': 'لم يُقبل مفتاح المرور هذا، وربما حُذف. سجّل الدخول بكلمة المرور.',
  'security.rateLimited': 'محاولات كثيرة. انتظر دقيقة ثم حاول مرة أخرى.',
  'security.offline': 'أنت غير متصل بالإنترنت. يتطلب هذا اتصالًا.',
  'security.failed': 'حدث خطأ ما. حاول مرة أخرى.',

  'security.passkeysTitle': 'مفاتيح المرور',
  'security.passkeysIntro': 'سجّل الدخول ببصمة إصبعك أو وجهك أو قفل الشاشة بدلًا من كلمة المرور.',
  'security.passkeysEmpty': 'ليس لديك أي مفتاح مرور بعد.',
  'security.passkeysUnsupported': 'لا يستطيع هذا المتصفح إنشاء مفاتيح المرور.',
  'security.addPasskey': 'إضافة مفتاح مرور',
  'security.passkeyAdded': 'أُضيف مفتاح المرور.',
  'security.removePasskey': (p) => `إزالة مفتاح المرور ${isolate(p.name)}`,
  'security.remove': 'إزالة',
  'security.passkeyRemoved': 'أُزيل مفتاح المرور.',
  'security.created': (p) => `أُضيف ${p.when}`,
  'security.lastUsed': (p) => `آخر استخدام ${p.when}`,
  'security.neverUsed': 'لم يُستخدم بعد',

  'security.sessionsTitle': 'الأجهزة التي سجّلت الدخول منها',
  'security.thisDevice': 'هذا الجهاز',
  'security.signedInWithPasskey': 'سُجّل الدخول بمفتاح مرور',
  'security.signedInWithPassword': 'سُجّل الدخول بكلمة المرور',
  'security.since': (p) => `منذ ${p.when}`,
  'security.activeAt': (p) => `آخر نشاط ${p.when}`,
  'security.endSession': 'إنهاء',
  'security.endSessionOf': (p) => `إنهاء الجلسة على ${isolate(p.device)}`,
  'security.sessionEnded': 'انتهت الجلسة.',
  'security.unknownDevice': 'جهاز غير معروف',
  'security.someBrowser': 'متصفح',
  'security.someSystem': 'نظام غير معروف',
  'security.deviceOn': (p) => `${isolate(p.browser)} على ${isolate(p.os)}`,

  'security.passwordTitle': 'تغيير كلمة المرور',
  'security.currentPassword': 'كلمة المرور الحالية',
  'security.newPassword': 'كلمة المرور الجديدة',
  'security.newPasswordHint': 'من 8 إلى 128 حرفًا. ستبقى مسجّلًا هنا، وسيُسجَّل خروجك من كل مكان آخر.',
  'security.changePassword': 'تغيير كلمة المرور',
  'security.passwordChanged': 'تغيّرت كلمة المرور، وانتهت كل الجلسات الأخرى.',
  'security.wrongPassword': 'كلمة المرور الحالية غير صحيحة.',
  'security.passwordLength': 'استخدم من 8 إلى 128 حرفًا.',
  'security.loading': 'جارٍ التحميل…',
};
export default ar;
