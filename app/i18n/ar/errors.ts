import type en from '../en/errors';

const ar: typeof en = {
  'errors.BAD_REQUEST': 'تعذّرت قراءة الطلب',
  'errors.UNAUTHENTICATED': 'يُرجى تسجيل الدخول مجددًا',
  'errors.INVALID_CREDENTIALS': 'البريد الإلكتروني أو كلمة المرور غير صحيحة',
  'errors.FORBIDDEN': 'غير مسموح',
  'errors.NOT_FOUND': 'غير موجود',
  'errors.EMAIL_TAKEN': 'يوجد حساب بهذا البريد الإلكتروني بالفعل',
  'errors.IDEMPOTENCY_IN_PROGRESS': 'الإجراء نفسه ما زال قيد المعالجة',
  'errors.PAYLOAD_TOO_LARGE': 'البيانات أكبر من المسموح في طلب واحد',
  'errors.VALIDATION_FAILED': 'بعض البيانات غير صحيحة',
  'errors.RATE_LIMITED': 'محاولات كثيرة. انتظر بضع دقائق ثم حاول مجددًا',
  'errors.UNKNOWN': 'حدث خطأ ما. حاول مجددًا',
  'errors.network': 'أنت غير متصل. هذا يحتاج إلى اتصال؛ حاول مجددًا عند عودة الاتصال.',
};
export default ar;
