import type en from '../en/errors';

const ar: typeof en = {
  'errors.BAD_REQUEST': 'تعذّرت قراءة الطلب',
  'errors.UNAUTHENTICATED': 'يُرجى تسجيل الدخول مجددًا',
  'errors.INVALID_CREDENTIALS': 'البريد الإلكتروني أو كلمة المرور غير صحيحة',
  'errors.FORBIDDEN': 'غير مسموح',
  'errors.USER_MISMATCH': 'هذا الإجراء يخص حسابًا آخر',
  'errors.NOT_FOUND': 'غير موجود',
  'errors.EMAIL_TAKEN': 'يوجد حساب بهذا البريد الإلكتروني بالفعل',
  'errors.ACTIVE_LIMIT_REACHED': 'عدد المستفيدين النشطين بلغ الحد الأقصى',
  'errors.DUPLICATE_BENEFICIARY': 'لديك مستفيد بهذا الرقم بالفعل',
  'errors.BENEFICIARY_INACTIVE': 'هذا المستفيد غير نشط',
  'errors.INSUFFICIENT_BALANCE': 'الرصيد في محفظتك غير كافٍ',
  'errors.BENEFICIARY_MONTHLY_LIMIT': 'يتجاوز الحد الشهري لهذا المستفيد',
  'errors.MONTHLY_LIMIT': 'يتجاوز إجمالي الشحن الشهري المسموح لك',
  'errors.IDEMPOTENCY_IN_PROGRESS': 'الإجراء نفسه ما زال قيد المعالجة',
  'errors.ID_CONFLICT': 'هذا العنصر موجود بالفعل',
  'errors.DUPLICATE_SCHEDULE': 'يوجد جدول مماثل بالفعل',
  'errors.PAYLOAD_TOO_LARGE': 'البيانات أكبر من المسموح في طلب واحد',
  'errors.VALIDATION_FAILED': 'بعض البيانات غير صحيحة',
  'errors.IDEMPOTENCY_KEY_REUSED': 'أُرسل هذا الإجراء من قبل ببيانات مختلفة',
  'errors.RATE_LIMITED': 'محاولات كثيرة. انتظر بضع دقائق ثم حاول مجددًا',
  'errors.UNKNOWN': 'حدث خطأ ما. حاول مجددًا',
  'errors.network': 'أنت غير متصل. هذا يحتاج إلى اتصال؛ حاول مجددًا عند عودة الاتصال.',
};
export default ar;
