/** The words of notifications: every kind and outcome in both languages, money and placeholders as the inbox shows them. */
import { describe, expect, it } from 'vitest';
import { aed, dirOf, wordsOf, type Lang, type NotificationData, type NotificationKind } from '../../worker/domain/notifications';

const samples: { [K in NotificationKind]: NotificationData[K][] } = {
  schedule_run: (['completed', 'failed', 'pending', 'refused'] as const).map((result) => ({ schedule_id: 's', beneficiary_id: 'b', result, code: result === 'refused' ? 'MONTHLY_LIMIT' : null, topup_id: null })),
  topup_settled: (['completed', 'failed'] as const).map((status) => ({ topup_id: 't', status, failure_code: null })),
  low_balance: [{ schedule_id: 's', next_run_at: '2026-11-30T21:00:00.000Z', needed: 2100 }],
  limit_near: [{ scope: 'beneficiary', beneficiary_id: 'b', used: 1, limit: 2 }, { scope: 'total', beneficiary_id: null, used: 1, limit: 2 }],
  new_sign_in: [{ session_id: 's', method: 'password', user_agent: null }, { session_id: 's', method: 'passkey', user_agent: null }],
  problem_update: [{ problem_id: 'p', topup_id: 't', status: 'resolved' }],
  account_status: [{ frozen: true }, { frozen: false }],
};

describe('notification words', () => {
  it('exist for every kind and outcome in English and Arabic, and differ between them', () => {
    for (const [kind, list] of Object.entries(samples) as [NotificationKind, NotificationData[NotificationKind][]][]) {
      for (const data of list) {
        const en = wordsOf(kind, data as never, 'en', { amount: 2000 });
        const ar = wordsOf(kind, data as never, 'ar', { amount: 2000 });
        for (const w of [en, ar]) expect(w.title.length * w.body.length, kind).toBeGreaterThan(0);
        expect(ar.title, kind).not.toBe(en.title);
        expect(ar.body, kind).toMatch(/[\u0600-\u06FF]/);
        expect(en.body, kind).not.toMatch(/[\u0600-\u06FF]/);
      }
    }
  });

  it('say the refusal reason and the amount, the time in Dubai, money with Latin digits', () => {
    expect(wordsOf('schedule_run', samples.schedule_run[3]!, 'en', { amount: 2000 }).body).toBe('AED 20.00 to {nickname} was not sent: your monthly limit is reached.');
    expect(wordsOf('low_balance', samples.low_balance[0]!, 'en').body).toContain('Tue, 1 Dec');
    const money: [number, Lang, string][] = [[123_456, 'en', 'AED 1,234.56'], [500, 'ar', '5.00 د.إ.'], [-2000, 'en', 'AED -20.00']];
    for (const [fils, lang, text] of money) expect(aed(fils, lang)).toBe(text);
    expect([dirOf('en'), dirOf('ar')]).toEqual(['ltr', 'rtl']);
  });
});
