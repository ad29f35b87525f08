import type en from '../en/auth';

const ar: typeof en = {
  'signin.title': 'تسجيل الدخول',
  'signin.expired': 'انتهت جلستك. سجّل الدخول مجددًا؛ كل ما فعلته دون اتصال ما زال في قائمة الانتظار وسيُرسل.',
  'signin.missing': 'أدخل بريدك الإلكتروني وكلمة المرور.',
  'signin.submit': 'تسجيل الدخول',
  'signin.new': 'جديد على TopUp؟',
  'signin.create': 'أنشئ حسابًا',
  'signup.title': 'أنشئ حسابك',
  'signup.nameMissing': 'أدخل اسمك.',
  'signup.emailInvalid': 'أدخل بريدًا إلكترونيًا صحيحًا، مثل \u2066name@example.com\u2069.',
  'signup.passwordLength': 'استخدم من 8 إلى 128 حرفًا.',
  'signup.passwordHint': 'من 8 إلى 128 حرفًا.',
  'signup.emailTaken': 'يوجد حساب بهذا البريد الإلكتروني بالفعل.',
  'signup.submit': 'إنشاء الحساب',
  'signup.have': 'لديك حساب بالفعل؟',
  'signup.signIn': 'سجّل الدخول',
  'auth.offline': 'أنت غير متصل. تسجيل الدخول يحتاج إلى اتصال بالإنترنت.',
  'auth.rateLimited': 'محاولات كثيرة. انتظر بضع دقائق ثم حاول مجددًا.',
  'security.signInWithPasskey': 'تسجيل الدخول بمفتاح المرور',
  'security.or': 'أو',
};
export default ar;
