import { isolate } from '../plural';
import type en from '../en/home';

const ar: typeof en = {
  'home.title': 'الرئيسية',
  'home.hello': (p) => `مرحبًا ${isolate(p.name)}`,
  'home.balance': 'رصيد المحفظة',
  'home.addFunds': 'إضافة رصيد',
  'home.usage': 'الشحن هذا الشهر',
  'home.left': (p) => `يتبقى ${p.amount} من إجمالي الشحن الشهري.`,
  'home.beneficiaries': 'المستفيدون',
  'home.manage': 'إدارة',
  'home.noBeneficiaries': 'لا يوجد مستفيدون بعد. أضف الأرقام التي تشحنها.',
  'home.recent': 'آخر العمليات',
  'home.seeAll': 'عرض الكل',
  'item.deposit': 'إضافة رصيد',
  'item.topup': 'شحن',
  'item.refund': 'استرداد',
  'item.titleFor': (p) => `${p.kind} · ${isolate(p.name)}`,
  'item.someone': 'مستفيد',
  'item.failed': 'فشلت',
  'item.processing': 'قيد المعالجة',
  'item.completed': 'تمت',
  'funds.title': 'إضافة رصيد',
  'funds.amount': 'المبلغ',
  'funds.hint': (p) => `بالدرهم، من ${p.min} إلى ${p.max}`,
  'funds.missing': 'أدخل المبلغ بالدرهم.',
  'funds.invalid': 'أدخل مبلغًا مثل \u206650\u2069 أو \u206650.25\u2069.',
  'funds.range': (p) => `أدخل مبلغًا بين ${p.min} و${p.max}`,
  'funds.submit': 'أضف إلى المحفظة',
  'usage.of': (p) => `${p.used} من ${p.limit}`,
  'usage.used': (p) => `مستخدم ${p.text}`,
};
export default ar;
