import type en from '../en/refusals';

const ar: typeof en = {
  'errors.USER_MISMATCH': 'هذا الإجراء يخص حسابًا آخر',
  'errors.ACCOUNT_FROZEN': 'حسابك مجمّد. تواصل مع الدعم',
  'errors.ACTIVE_LIMIT_REACHED': 'عدد المستفيدين النشطين بلغ الحد الأقصى',
  'errors.DUPLICATE_BENEFICIARY': 'لديك مستفيد بهذا الرقم بالفعل',
  'errors.BENEFICIARY_INACTIVE': 'هذا المستفيد غير نشط',
  'errors.INSUFFICIENT_BALANCE': 'الرصيد في محفظتك غير كافٍ',
  'errors.BENEFICIARY_MONTHLY_LIMIT': 'يتجاوز الحد الشهري لهذا المستفيد',
  'errors.MONTHLY_LIMIT': 'يتجاوز إجمالي الشحن الشهري المسموح لك',
  'errors.ID_CONFLICT': 'هذا العنصر موجود بالفعل',
  'errors.DUPLICATE_SCHEDULE': 'يوجد جدول مماثل بالفعل',
  'errors.SAME_APPROVER': 'يجب أن يوافق على هذا موظف آخر',
  'errors.TOPUP_NOT_PENDING': 'عملية الشحن هذه لم تعد قيد الانتظار',
  'errors.ALREADY_DECIDED': 'تم البت في هذا بالفعل',
  'errors.IDEMPOTENCY_KEY_REUSED': 'أُرسل هذا الإجراء من قبل ببيانات مختلفة',
  'errors.DUPLICATE_PROBLEM': 'لقد أبلغت بالفعل عن مشكلة في عملية الشحن هذه',
  'errors.BALANCE_NOT_ZERO': 'اسحب رصيدك قبل إغلاق الحساب',
  'errors.TOPUP_PENDING': 'عملية شحن قيد المعالجة: حاول مجددًا عند اكتمالها',
};
export default ar;
