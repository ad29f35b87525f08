/** A statement as CSV: UTF-8 with a BOM (Excel), CRLF, RFC 4180 quoting, formula injection neutralised, words in the user's language. */
import { dubaiMinute, type Kind } from './statement';

export type Lang = 'en' | 'ar';

export const CSV_COLUMNS = ['date', 'kind', 'description', 'beneficiary', 'phone', 'amount', 'fee', 'balance_after', 'status', 'reference'] as const;

const WORDS: Record<Lang, { kind: Record<Kind, string>; description: (kind: Kind, nickname: string | null) => string }> = {
  en: {
    kind: { deposit: 'Deposit', topup: 'Top-up', refund: 'Refund', withdrawal: 'Withdrawal', adjustment: 'Adjustment' },
    description: (kind, nickname) =>
      ({
        deposit: 'Money added from your bank',
        topup: nickname ? `Top-up for ${nickname}` : 'Top-up',
        refund: nickname ? `Refund of a failed top-up for ${nickname}` : 'Refund of a failed top-up',
        withdrawal: 'Money sent back to your bank',
        adjustment: 'Adjustment by TopUp',
      })[kind],
  },
  ar: {
    kind: { deposit: 'إيداع', topup: 'شحن', refund: 'استرداد', withdrawal: 'سحب', adjustment: 'تسوية' },
    description: (kind, nickname) =>
      ({
        deposit: 'مبلغ مضاف من حسابك المصرفي',
        topup: nickname ? `شحن لـ ${nickname}` : 'شحن',
        refund: nickname ? `استرداد شحن لم يكتمل لـ ${nickname}` : 'استرداد شحن لم يكتمل',
        withdrawal: 'مبلغ أعيد إلى حسابك المصرفي',
        adjustment: 'تسوية من TopUp',
      })[kind],
  },
};

export type CsvItem = {
  id: string;
  kind: Kind;
  amount: number;
  fee: number;
  balanceAfter: number;
  status: string;
  createdAt: string;
  nickname: string | null;
  phone: string | null;
  providerRef: string | null;
};

/** "-20.00" for -2000 fils: exact, no floating point. */
export function aed(fils: number): string {
  const sign = fils < 0 ? '-' : '';
  const abs = Math.abs(fils);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

const NUMBER = /^[+-]?\d+(\.\d+)?$/;

/** One field: neutralised if a spreadsheet would read it as a formula, then quoted when RFC 4180 needs it. */
export function csvField(value: string): string {
  const safe = /^[=+\-@]/.test(value) && !NUMBER.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function statementCsv(items: readonly CsvItem[], lang: Lang): string {
  const words = WORDS[lang];
  const rows = items.map((i) =>
    [
      dubaiMinute(i.createdAt),
      words.kind[i.kind],
      words.description(i.kind, i.nickname),
      i.nickname ?? '',
      i.phone ?? '',
      aed(i.amount),
      aed(i.fee),
      aed(i.balanceAfter),
      i.status,
      i.providerRef ?? i.id,
    ].map(csvField),
  );
  return `\uFEFF${[[...CSV_COLUMNS], ...rows].map((r) => r.join(',')).join('\r\n')}\r\n`;
}
