import { describe, expect, it } from 'vitest';
import { likelyOperator, normalizeUaeMobile } from '../../worker/domain/phone';
import { checkNickname, graphemeLength, NICKNAME_MAX } from '../../worker/domain/nickname';
import { beneficiaryLimit, DEFAULT_LIMITS, dubaiMonth, formatAed, isFils, isTopupAmount, parseAedToFils, topupRefusal, usage } from '../../worker/domain/money';

describe('normalizeUaeMobile', () => {
  it.each([
    ['0501234567'],
    ['501234567'],
    ['+971501234567'],
    ['971501234567'],
    ['00971501234567'],
    ['+971 50 123 4567'],
    ['050-123-4567'],
    ['(050) 123 4567'],
    ['+971 (50) 123-4567'],
    ['00 971 50 1234567'],
    [' 0501234567 '],
    ['050\t123\u00A04567'],
  ])('accepts %j as +971501234567', (input) => {
    expect(normalizeUaeMobile(input)).toBe('+971501234567');
  });

  it('keeps every digit of every mobile prefix', () => {
    for (const prefix of ['50', '51', '52', '53', '54', '55', '56', '57', '58', '59']) {
      expect(normalizeUaeMobile(`0${prefix}9876543`)).toBe(`+971${prefix}9876543`);
    }
  });

  it.each([
    '', ' ', 'abc', '0412345678', '+97141234567', '97141234567', '050123456', '05012345678', '5012345678', '50123456',
    '+966501234567', '+9715012345678', '+0501234567', '0971501234567', '+00971501234567', '+971 0 50 123 4567',
    '٠٥٠١٢٣٤٥٦٧', '０５０１２３４５６７', '050 123 456a', '0501234567 ext 2', '+971-50-123-456', '050123456७',
    `0501234567${' '.repeat(40)}`, '050/123/4567', '050_123_4567', '+971501234567\n1',
  ])('rejects %j', (input) => {
    expect(normalizeUaeMobile(input)).toBeNull();
  });
});

describe('likelyOperator', () => {
  it('reads the prefix: 50/54/56 etisalat, 52/55/58 du, others unknown', () => {
    const expected: Record<string, string | null> = {
      '50': 'etisalat', '54': 'etisalat', '56': 'etisalat',
      '52': 'du', '55': 'du', '58': 'du',
      '51': null, '53': null, '57': null, '59': null,
    };
    for (const [prefix, operator] of Object.entries(expected)) expect(likelyOperator(`+971${prefix}1234567`), prefix).toBe(operator);
  });
});

describe('checkNickname', () => {
  it('trims and returns the value', () => {
    expect(checkNickname('  Mum \n')).toEqual({ ok: true, value: 'Mum' });
  });

  it('counts grapheme clusters, not code units or code points', () => {
    expect(graphemeLength('👨‍👩‍👧')).toBe(1);
    expect(graphemeLength('🇦🇪')).toBe(1);
    expect(graphemeLength('e\u0301')).toBe(1);
    expect(graphemeLength('👍🏽')).toBe(1);
    expect(graphemeLength('محمد')).toBe(4);
    for (const unit of ['a', '👨‍👩‍👧', '🇦🇪', 'e\u0301', '👨🏽‍👩🏽‍👧🏽‍👦🏽', 'ع']) {
      expect(checkNickname(unit.repeat(NICKNAME_MAX)).ok, unit).toBe(true);
      expect(checkNickname(unit.repeat(NICKNAME_MAX + 1)).ok, unit).toBe(false);
    }
    expect(NICKNAME_MAX).toBe(20);
  });

  it('refuses empty and blank nicknames', () => {
    for (const blank of ['', '   ', '\n\t ']) expect(checkNickname(blank).ok).toBe(false);
  });

  it('refuses control characters, bidi overrides and isolates, line separators', () => {
    const bad = ['a\u0000b', 'a\nb', 'a\tb', 'a\rb', '\u0007', 'a\u007Fb', 'a\u0085b', 'a\u009Fb', '\u202Eevil', 'a\u202Ab', 'a\u202Db', 'a\u2066b', 'a\u2067b', 'a\u2068b', 'a\u2069b', 'a\u2028b', 'a\u2029b'];
    for (const text of bad) {
      const result = checkNickname(text);
      expect(result.ok, JSON.stringify(text)).toBe(false);
      if (!result.ok) expect(result.message.length).toBeGreaterThan(0);
    }
  });

  it('refuses lone surrogates', () => {
    for (const text of ['\uD800', 'a\uDC00', 'x\uD83Dy', '\uD83D']) expect(checkNickname(text).ok, JSON.stringify(text)).toBe(false);
    expect(checkNickname('\uD83D\uDE00').ok).toBe(true);
  });

  it('keeps HTML and quotes as plain text', () => {
    expect(checkNickname('<b>hi</b> & "x"')).toEqual({ ok: true, value: '<b>hi</b> & "x"' });
  });
});

describe('dubaiMonth', () => {
  it.each([
    ['2026-11-30T19:59:59.999Z', '2026-11'],
    ['2026-11-30T20:00:00.000Z', '2026-12'],
    ['2026-11-30T21:00:00.000Z', '2026-12'],
    ['2026-10-31T20:00:00.000Z', '2026-11'],
    ['2026-11-01T00:00:00.000Z', '2026-11'],
    ['2026-12-31T19:59:59.999Z', '2026-12'],
    ['2026-12-31T20:00:00.000Z', '2027-01'],
    ['2028-02-28T20:00:00.000Z', '2028-02'],
    ['2028-02-29T20:00:00.000Z', '2028-03'],
  ])('%s is %s in Asia/Dubai', (iso, month) => {
    expect(dubaiMonth(new Date(iso))).toBe(month);
  });

  it('agrees with the runtime’s Asia/Dubai time zone across a year, hour by hour', () => {
    const format = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Dubai', year: 'numeric', month: '2-digit' });
    for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 2); t += 3600_000) {
      const parts = Object.fromEntries(format.formatToParts(new Date(t)).map((p) => [p.type, p.value]));
      expect(dubaiMonth(new Date(t))).toBe(`${parts.year}-${parts.month}`);
    }
  });
});

describe('money', () => {
  it.each([
    ['20', 2000],
    ['20.5', 2050],
    ['20.05', 2005],
    ['20.', 2000],
    ['0.01', 1],
    ['0', 0],
    ['1,000.25', 100_025],
    ['1,000', 100_000],
    ['12,345,678.9', 1_234_567_890],
    [' 7 ', 700],
    ['999999999.99', 99_999_999_999],
  ])('parseAedToFils(%j) is %d fils', (text, fils) => {
    expect(parseAedToFils(text)).toBe(fils);
  });

  it('parses without floating-point error', () => {
    // 0.29 * 100 = 28.999999999999996 in binary floating point.
    expect(parseAedToFils('0.29')).toBe(29);
    expect(parseAedToFils('1.13')).toBe(113);
    expect(parseAedToFils('4.35')).toBe(435);
  });

  it.each(['', ' ', 'abc', '-1', '+1', '20.505', '.5', '1e3', '1_000', 'NaN', 'Infinity', '1.2.3', '1000000000', 'AED 20', '٢٠', '5,00', '20,5', '1,5', ',5', '1,00,000', '1000,000', '1,000,00'])('parseAedToFils(%j) is null', (text) => {
    expect(parseAedToFils(text)).toBeNull();
  });

  it('formats fils as AED with two decimals', () => {
    const text = formatAed(123_456);
    expect(text).toMatch(/AED/);
    expect(text.replace(/[^\d.,]/g, '')).toBe('1,234.56');
    expect(formatAed(5).replace(/[^\d.,]/g, '')).toBe('0.05');
    expect(formatAed(2000).replace(/[^\d.,]/g, '')).toBe('20.00');
  });

  it('isFils accepts only safe integers, never -0', () => {
    for (const ok of [0, 1, 100, 9_007_199_254_740_991, -100]) expect(isFils(ok), String(ok)).toBe(true);
    for (const bad of [-0, 1.5, NaN, Infinity, 2 ** 53, '100', null, undefined]) expect(isFils(bad), String(bad)).toBe(false);
  });

  it('isTopupAmount knows the options', () => {
    expect([500, 1000, 2000, 3000, 5000, 7500, 10000].every((a) => isTopupAmount(a))).toBe(true);
    for (const a of [0, 100, 2500, 10001]) expect(isTopupAmount(a)).toBe(false);
    expect(isTopupAmount(2500, [2500])).toBe(true);
  });
});

describe('limits', () => {
  it('usage reports what is left, never below zero', () => {
    expect(usage(0, 50_000)).toEqual({ used: 0, limit: 50_000, remaining: 50_000 });
    expect(usage(49_500, 50_000)).toEqual({ used: 49_500, limit: 50_000, remaining: 500 });
    expect(usage(60_000, 50_000)).toEqual({ used: 60_000, limit: 50_000, remaining: 0 });
  });

  it('beneficiaryLimit depends on verification', () => {
    expect(beneficiaryLimit(DEFAULT_LIMITS, false)).toBe(50_000);
    expect(beneficiaryLimit(DEFAULT_LIMITS, true)).toBe(100_000);
    expect(DEFAULT_LIMITS).toEqual({ beneficiaryMonthly: { verified: 100_000, unverified: 50_000 }, totalMonthly: 300_000, maxActiveBeneficiaries: 5 });
  });

  const base = { amount: 2000, fee: 100, balance: 2100, beneficiary: usage(0, 50_000), total: usage(0, 300_000) };

  it('topupRefusal passes exact boundaries: the fee is not counted in limits, it is in the balance', () => {
    expect(topupRefusal(base)).toBeNull();
    expect(topupRefusal({ ...base, beneficiary: usage(48_000, 50_000) })).toBeNull();
    expect(topupRefusal({ ...base, total: usage(298_000, 300_000) })).toBeNull();
  });

  it('topupRefusal refuses one fils over each boundary', () => {
    expect(topupRefusal({ ...base, balance: 2099 })).toBe('INSUFFICIENT_BALANCE');
    expect(topupRefusal({ ...base, beneficiary: usage(48_001, 50_000) })).toBe('BENEFICIARY_MONTHLY_LIMIT');
    expect(topupRefusal({ ...base, total: usage(298_001, 300_000) })).toBe('MONTHLY_LIMIT');
  });

  it('topupRefusal checks the beneficiary limit, then the total, then the balance (as the server does)', () => {
    const everything = { ...base, balance: 0, beneficiary: usage(50_000, 50_000), total: usage(300_000, 300_000) };
    expect(topupRefusal(everything)).toBe('BENEFICIARY_MONTHLY_LIMIT');
    expect(topupRefusal({ ...everything, beneficiary: usage(0, 50_000) })).toBe('MONTHLY_LIMIT');
  });
});
