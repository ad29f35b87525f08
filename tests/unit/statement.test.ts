import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { aed, csvField, statementCsv, type CsvItem } from '../../worker/domain/statement-csv';
import { dubaiMinute, monthBounds, statementMonth, totalsOf } from '../../worker/domain/statement';

// A month of every kind of movement, with the nicknames people really type (quotes, commas, formulas).
const ITEMS: CsvItem[] = [
  { id: 'tx-1', kind: 'deposit', amount: 50_000, fee: 0, balanceAfter: 50_000, status: 'completed', createdAt: '2026-10-31T20:00:00.000Z', nickname: null, phone: null, providerRef: null },
  { id: 'tx-2', kind: 'topup', amount: -2_000, fee: 100, balanceAfter: 47_900, status: 'completed', createdAt: '2026-11-02T09:05:00.000Z', nickname: 'Mum, "home"', phone: '+971501234567', providerRef: 'SIM-abc' },
  { id: 'tx-3', kind: 'topup', amount: -500, fee: 100, balanceAfter: 47_300, status: 'failed', createdAt: '2026-11-03T10:00:00.000Z', nickname: '=HYPERLINK("x")', phone: '+971501230000', providerRef: null },
  { id: 'tx-4', kind: 'refund', amount: 500, fee: -100, balanceAfter: 47_900, status: 'completed', createdAt: '2026-11-03T10:00:01.000Z', nickname: '=HYPERLINK("x")', phone: '+971501230000', providerRef: null },
  { id: 'tx-5', kind: 'topup', amount: -1_000, fee: 100, balanceAfter: 46_800, status: 'completed', createdAt: '2026-11-20T19:59:00.000Z', nickname: 'أمي', phone: '+971551112222', providerRef: '@ref' },
  { id: 'tx-6', kind: 'withdrawal', amount: -46_800, fee: 0, balanceAfter: 0, status: 'completed', createdAt: '2026-11-30T19:59:59.000Z', nickname: null, phone: null, providerRef: null },
];

function golden(name: string, actual: string) {
  const path = new URL(`./golden/${name}`, import.meta.url);
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(path, actual);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

describe('statement CSV', () => {
  it('matches the golden file in English', () => golden('statement-en.csv', statementCsv(ITEMS, 'en')));
  it('matches the golden file in Arabic', () => golden('statement-ar.csv', statementCsv(ITEMS, 'ar')));

  it('starts with a byte order mark and the contract’s header, every line ends in CRLF', () => {
    const csv = statementCsv(ITEMS, 'en');
    expect(csv.startsWith('\uFEFFdate,kind,description,beneficiary,phone,amount,fee,balance_after,status,reference\r\n')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replace(/\r\n/g, '').includes('\n')).toBe(false);
    expect(csv.split('\r\n')).toHaveLength(ITEMS.length + 2);
  });

  it('quotes per RFC 4180 and neutralises formulas, never numbers', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('=1+2')).toBe("'=1+2");
    expect(csvField('+cmd')).toBe("'+cmd");
    expect(csvField('-cmd')).toBe("'-cmd");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('-20.00')).toBe('-20.00');
    expect(csvField('+971501234567')).toBe('+971501234567');
  });

  it('writes fils as AED with two decimals, exactly', () => {
    expect([aed(-2000), aed(5), aed(-5), aed(0), aed(123_456_789), aed(-100)]).toEqual(['-20.00', '0.05', '-0.05', '0.00', '1234567.89', '-1.00']);
  });
});

describe('statement months (Asia/Dubai)', () => {
  const now = new Date('2026-11-30T21:00:00.000Z'); // already December in Dubai
  it('takes YYYY-MM up to the current Dubai month only', () => {
    expect(statementMonth('2026-12', now)).toBe('2026-12');
    expect(statementMonth('2026-11', now)).toBe('2026-11');
    expect(statementMonth('1999-01', now)).toBe('1999-01');
    for (const bad of ['2027-01', '2026-13', '2026-00', '2026-1', '26-11', '2026-11-01', '', '2026/11']) expect(statementMonth(bad, now), bad).toBeNull();
  });
  it('bounds a month at Dubai midnight, and shows times in Dubai', () => {
    expect(monthBounds('2026-12')).toEqual({ from: '2026-11-30T20:00:00.000Z', to: '2026-12-31T20:00:00.000Z' });
    expect(dubaiMinute('2026-11-30T20:00:00.000Z')).toBe('2026-12-01 00:00');
  });
  it('totals add up: opening + deposits − topups − fees + refunds − withdrawals + adjustments = closing', () => {
    const t = totalsOf(ITEMS);
    expect(t).toEqual({ deposits: 50_000, topups: 3_500, fees: 300, refunds: 600, withdrawals: 46_800, adjustments: 0 });
    expect(0 + t.deposits - t.topups - t.fees + t.refunds - t.withdrawals + t.adjustments).toBe(ITEMS.at(-1)!.balanceAfter);
  });
});
