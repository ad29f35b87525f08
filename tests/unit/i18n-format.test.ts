/** Amounts and times in Arabic: built by hand like the English ones, the same text as Intl (ar-AE, Latin digits). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aedOptionLabel, formatAed, formatWhen } from '../../app/lib/format';
import { setLocale } from '../../app/i18n';

describe('Arabic formatters (no Intl on the first screen)', () => {
  beforeAll(() => setLocale('ar'));
  afterAll(() => setLocale('en'));

  it('formatAed gives exactly the text of Intl.NumberFormat ar-AE-u-nu-latn, AED, Latin digits', () => {
    const intl = new Intl.NumberFormat('ar-AE-u-nu-latn', { style: 'currency', currency: 'AED' });
    for (const fils of [0, 1, 5, 99, 100, 12345, 100000, 123456, 99_999_999, 123_456_789_012, -1, -300, -123456]) {
      expect(formatAed(fils), String(fils)).toBe(intl.format(fils / 100));
      expect(formatAed(fils), String(fils)).not.toMatch(/[٠-٩]/);
    }
  });

  it('formatWhen gives the 2-digit ar-AE clock for today', () => {
    const clock = new Intl.DateTimeFormat('ar-AE-u-nu-latn', { hour: '2-digit', minute: '2-digit' });
    for (const [h, m] of [[0, 0], [9, 5], [11, 59], [12, 0], [13, 7], [23, 59]] as const) {
      const at = new Date(2026, 10, 25, h, m);
      expect(formatWhen(at.toISOString(), new Date(2026, 10, 25, 23, 59, 59))).toBe(clock.format(at));
    }
  });

  it('an amount option reads "20 د.إ."', () => {
    expect(aedOptionLabel(2000)).toBe('20 د.إ.');
    expect(aedOptionLabel(2050)).toBe('20.50 د.إ.');
  });
});

describe('signed amounts', () => {
  it('put the sign where Intl puts it (signDisplay always), in both languages', async () => {
    const { formatSignedAed } = await import('../../app/lib/format');
    await setLocale('ar');
    const ar = new Intl.NumberFormat('ar-AE-u-nu-latn', { style: 'currency', currency: 'AED', signDisplay: 'always' });
    expect(formatSignedAed(5000)).toBe(ar.format(50));
    expect(formatSignedAed(-2100).replace('−', '-')).toBe(ar.format(-21));
    await setLocale('en');
    expect([formatSignedAed(5000), formatSignedAed(-2100), formatSignedAed(0)]).toEqual(['+AED\u00a050.00', '−AED\u00a021.00', 'AED\u00a00.00']);
  });
});
