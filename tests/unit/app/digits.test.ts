import { describe, expect, it } from 'vitest';
import { latinDigits } from '../../../app/lib/input';
import { parseAedToFils } from '../../../worker/domain/money';
import { normalizeUaeMobile } from '../../../worker/domain/phone';
import { walletMove } from '../../../app/lib/format';

describe('latinDigits: what Arabic and Persian keyboards type, read as the rules expect', () => {
  it('turns Arabic-Indic and Persian digits into Latin ones, each to its own value', () => {
    expect(latinDigits('٠١٢٣٤٥٦٧٨٩')).toBe('0123456789');
    expect(latinDigits('۰۱۲۳۴۵۶۷۸۹')).toBe('0123456789');
  });

  it('reads the Arabic decimal and thousands separators', () => {
    expect(latinDigits('٥٠٫٢٥')).toBe('50.25');
    expect(latinDigits('١٬٠٠٠٫٥')).toBe('1,000.5');
  });

  it('leaves everything else as typed (the shared rules still decide)', () => {
    expect(latinDigits('+971 50-123 4567')).toBe('+971 50-123 4567');
    expect(latinDigits('abc ٥x')).toBe('abc 5x');
    expect(latinDigits('')).toBe('');
  });

  it('mixes scripts in one field', () => {
    expect(latinDigits('05٠۱23٤٥٦٧')).toBe('0501234567');
  });

  it('makes a phone and an amount typed in Arabic digits valid', () => {
    expect(normalizeUaeMobile(latinDigits('٠٥٠١٢٣٤٥٦٧'))).toBe('+971501234567');
    expect(normalizeUaeMobile(latinDigits('+۹۷۱ ۵۵ ۹۸۷ ۶۵۴۳'))).toBe('+971559876543');
    expect(parseAedToFils(latinDigits('٥٠'))).toBe(5000);
    expect(parseAedToFils(latinDigits('٢٠٫٥'))).toBe(2050);
    expect(parseAedToFils(latinDigits('۱۲٫۳۴'))).toBe(1234);
    // Without it, they are refused: the reason this exists.
    expect(normalizeUaeMobile('٠٥٠١٢٣٤٥٦٧')).toBeNull();
    expect(parseAedToFils('٥٠')).toBeNull();
  });
});

describe('walletMove: how far the wallet moved in a ledger item', () => {
  it('is amount − fee for every kind (a refund gives the fee back)', () => {
    expect(walletMove({ amount: -1000, fee: 100 })).toBe(-1100);
    expect(walletMove({ amount: 1000, fee: -100 })).toBe(1100);
    expect(walletMove({ amount: 5000, fee: 0 })).toBe(5000);
  });
});
