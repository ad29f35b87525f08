import { describe, expect, it } from 'vitest';
import { formatAed, formatWhen } from '../../../app/lib/format';
import { formatAed as sharedFormatAed } from '../../../worker/domain/money';
import { byIso } from '../../../app/offline/model';

describe('app formatters (no Intl on the first screen)', () => {
  it('formatAed gives exactly the text of the shared Intl formatAed', () => {
    const values = [0, 1, 5, 10, 99, 100, 101, 999, 1000, 12345, 99999, 100000, 123456, 1000000, 10_000_000, 99_999_999, 123_456_789_012, -1, -100, -300, -123456];
    for (const fils of values) expect(formatAed(fils), String(fils)).toBe(sharedFormatAed(fils));
  });

  it('formatWhen gives the 2-digit en-AE clock for today', () => {
    const clock = new Intl.DateTimeFormat('en-AE', { hour: '2-digit', minute: '2-digit' });
    for (const [h, m] of [[0, 0], [0, 5], [9, 5], [11, 59], [12, 0], [12, 30], [13, 7], [23, 59]]) {
      const at = new Date(2026, 10, 25, h, m);
      expect(formatWhen(at.toISOString(), new Date(2026, 10, 25, 23, 59, 59))).toBe(clock.format(at));
    }
  });

  it('byIso orders ISO timestamps by time', () => {
    const list = ['2026-11-25T10:00:00.000Z', '2026-01-02T00:00:00.000Z', '2026-11-25T09:59:59.999Z'];
    expect([...list].sort(byIso)).toEqual(['2026-01-02T00:00:00.000Z', '2026-11-25T09:59:59.999Z', '2026-11-25T10:00:00.000Z']);
  });
});
