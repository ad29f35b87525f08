/** What a notification says, in English and Arabic (ADR 014); the writing statement picks the user's language and fills `{nickname}` etc. */
export const LANGS = ['en', 'ar'] as const;
export type Lang = (typeof LANGS)[number];

export const NOTIFICATION_KINDS = ['schedule_run', 'topup_settled', 'low_balance', 'limit_near', 'new_sign_in', 'problem_update', 'account_status'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** The contract's `data` of each kind. */
export type NotificationData = {
  schedule_run: { schedule_id: string; beneficiary_id: string; result: 'completed' | 'failed' | 'pending' | 'refused'; code: string | null; topup_id: string | null };
  topup_settled: { topup_id: string; status: 'completed' | 'failed'; failure_code: string | null };
  low_balance: { schedule_id: string; next_run_at: string; needed: number };
  limit_near: { scope: 'beneficiary' | 'total'; beneficiary_id: string | null; used: number; limit: number };
  new_sign_in: { session_id: string; method: 'password' | 'passkey'; user_agent: string | null };
  problem_update: { problem_id: string; topup_id: string; status: string };
  account_status: { frozen: boolean };
};

/** Extra facts for the words that `data` does not carry. */
export type WordsContext = { amount?: number };

export type Words = { title: string; body: string };

/** `dir` of a push payload. */
export function dirOf(lang: Lang): 'ltr' | 'rtl' {
  return lang === 'ar' ? 'rtl' : 'ltr';
}

/** AED from fils, Latin digits in both languages (as the app shows money). */
export function aed(fils: number, lang: Lang): string {
  const sign = fils < 0 ? '-' : '';
  const abs = Math.abs(fils);
  const whole = Math.trunc(abs / 100).toLocaleString('en-US');
  const text = `${sign}${whole}.${String(abs % 100).padStart(2, '0')}`;
  return lang === 'ar' ? `${text} د.إ.` : `AED ${text}`;
}

function dubaiTime(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(lang === 'ar' ? 'ar-AE-u-nu-latn' : 'en-AE', {
    timeZone: 'Asia/Dubai',
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
}

const REFUSAL: Record<Lang, Record<string, string>> = {
  en: {
    INSUFFICIENT_BALANCE: 'not enough balance in your wallet',
    BENEFICIARY_MONTHLY_LIMIT: "this number's monthly limit is reached",
    MONTHLY_LIMIT: 'your monthly limit is reached',
    BENEFICIARY_INACTIVE: 'the number is inactive',
    NOT_FOUND: 'the number was removed',
    ACCOUNT_FROZEN: 'your account is frozen',
  },
  ar: {
    INSUFFICIENT_BALANCE: 'الرصيد في محفظتك غير كافٍ',
    BENEFICIARY_MONTHLY_LIMIT: 'بلغ هذا الرقم حدّه الشهري',
    MONTHLY_LIMIT: 'بلغتَ حدّك الشهري',
    BENEFICIARY_INACTIVE: 'الرقم غير نشط',
    NOT_FOUND: 'أُزيل الرقم',
    ACCOUNT_FROZEN: 'حسابك مجمَّد',
  },
};

type Texts = { [K in NotificationKind]: (d: NotificationData[K], lang: Lang, ctx: WordsContext) => Words };

function en(): Texts {
  return {
    schedule_run: (d, _l, c) => {
      const amount = aed(c.amount ?? 0, 'en');
      if (d.result === 'completed') return { title: 'Auto top-up done', body: `${amount} sent to {nickname}.` };
      if (d.result === 'failed') return { title: 'Auto top-up failed', body: `${amount} to {nickname} did not go through. Your wallet was refunded.` };
      if (d.result === 'pending') return { title: 'Auto top-up on its way', body: `${amount} to {nickname} is waiting for the network. We will tell you when it is settled.` };
      return { title: 'Auto top-up skipped', body: `${amount} to {nickname} was not sent: ${REFUSAL.en[d.code ?? ''] ?? 'it was refused'}.` };
    },
    topup_settled: (d, _l, c) =>
      d.status === 'completed'
        ? { title: 'Top-up completed', body: `${aed(c.amount ?? 0, 'en')} to {nickname} went through.` }
        : { title: 'Top-up failed', body: `${aed(c.amount ?? 0, 'en')} to {nickname} did not go through. Your wallet was refunded.` },
    low_balance: (d) => ({
      title: 'Balance too low for an auto top-up',
      body: `{nickname}'s auto top-up on ${dubaiTime(d.next_run_at, 'en')} needs ${aed(d.needed, 'en')}. Add money to your wallet.`,
    }),
    limit_near: (d) =>
      d.scope === 'beneficiary'
        ? { title: 'Monthly limit almost reached', body: '{used} of {limit} used this month for {nickname}.' }
        : { title: 'Monthly limit almost reached', body: '{used} of your {limit} monthly limit is used.' },
    new_sign_in: (d) => ({
      title: 'New sign-in to TopUp',
      body: `Someone signed in with ${d.method === 'passkey' ? 'a passkey' : 'your password'}. Not you? End that session in Account.`,
    }),
    problem_update: (d) =>
      d.status === 'resolved'
        ? { title: 'Your problem report is resolved', body: 'We answered your report. Open it to read the answer.' }
        : { title: 'Your problem report was updated', body: 'Open it to see what changed.' },
    account_status: (d) =>
      d.frozen
        ? { title: 'Your account is frozen', body: 'You can sign in and look, but money cannot move until support unfreezes it.' }
        : { title: 'Your account is unfrozen', body: 'You can top up and move money again.' },
  };
}

function ar(): Texts {
  return {
    schedule_run: (d, _l, c) => {
      const amount = aed(c.amount ?? 0, 'ar');
      if (d.result === 'completed') return { title: 'تمّ الشحن التلقائي', body: `أُرسل ${amount} إلى {nickname}.` };
      if (d.result === 'failed') return { title: 'فشل الشحن التلقائي', body: `لم يتمّ شحن ${amount} إلى {nickname}. أُعيد المبلغ إلى محفظتك.` };
      if (d.result === 'pending') return { title: 'الشحن التلقائي في الطريق', body: `شحن ${amount} إلى {nickname} بانتظار الشبكة. سنخبرك عند اكتماله.` };
      return { title: 'تخطّينا الشحن التلقائي', body: `لم يُرسل ${amount} إلى {nickname}: ${REFUSAL.ar[d.code ?? ''] ?? 'رُفض الطلب'}.` };
    },
    topup_settled: (d, _l, c) =>
      d.status === 'completed'
        ? { title: 'اكتمل الشحن', body: `وصل شحن ${aed(c.amount ?? 0, 'ar')} إلى {nickname}.` }
        : { title: 'فشل الشحن', body: `لم يتمّ شحن ${aed(c.amount ?? 0, 'ar')} إلى {nickname}. أُعيد المبلغ إلى محفظتك.` },
    low_balance: (d) => ({
      title: 'الرصيد لا يكفي للشحن التلقائي',
      body: `يحتاج الشحن التلقائي لـ{nickname} يوم ${dubaiTime(d.next_run_at, 'ar')} إلى ${aed(d.needed, 'ar')}. أضف رصيدًا إلى محفظتك.`,
    }),
    limit_near: (d) =>
      d.scope === 'beneficiary'
        ? { title: 'اقتربتَ من الحدّ الشهري', body: 'استُخدم {used} من {limit} هذا الشهر لـ{nickname}.' }
        : { title: 'اقتربتَ من الحدّ الشهري', body: 'استُخدم {used} من حدّك الشهري البالغ {limit}.' },
    new_sign_in: (d) => ({
      title: 'تسجيل دخول جديد إلى TopUp',
      body: `سجّل أحدهم الدخول ${d.method === 'passkey' ? 'بمفتاح مرور' : 'بكلمة المرور'}. لست أنت؟ أنهِ تلك الجلسة من الحساب.`,
    }),
    problem_update: (d) =>
      d.status === 'resolved'
        ? { title: 'تمّ حلّ بلاغك', body: 'رددنا على بلاغك. افتحه لقراءة الرد.' }
        : { title: 'تحديث على بلاغك', body: 'افتحه لترى ما تغيّر.' },
    account_status: (d) =>
      d.frozen
        ? { title: 'حسابك مجمَّد', body: 'يمكنك تسجيل الدخول والاطلاع، لكن لا يمكن تحريك المال حتى يفكّ الدعم التجميد.' }
        : { title: 'فُكّ تجميد حسابك', body: 'يمكنك الشحن وتحريك المال من جديد.' },
  };
}

const TEXTS: Record<Lang, Texts> = { en: en(), ar: ar() };

/** The title and body of a notification in `lang` (placeholders left for the writing statement). */
export function wordsOf<K extends NotificationKind>(kind: K, data: NotificationData[K], lang: Lang, ctx: WordsContext = {}): Words {
  return (TEXTS[lang][kind] as (d: NotificationData[K], l: Lang, c: WordsContext) => Words)(data, lang, ctx);
}
