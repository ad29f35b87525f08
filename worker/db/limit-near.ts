/**
 * `limit_near`: a top-up took a monthly limit past 80 % (API.md "Notifications (v3)").
 * Statements for the top-up's own debit batch, after the top-up's insert: they read the
 * month's usage as that batch leaves it, and write at most one notification per scope
 * and month (dedupe key, unique per user), whatever top-ups race.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from './client';
import { nicknameOf, notificationRowInsert, wordsWith, type NotificationWrite } from './notifications';
import { wordsOf, type Lang } from '../domain/notifications';

/** Money in SQL as domain/notifications.ts `aed` writes it (non-negative amounts). */
function aedSql(fils: SQL, lang: Lang): SQL {
  const text = sql`printf('%,d.%02d', (${fils}) / 100, (${fils}) % 100)`;
  return lang === 'ar' ? sql`${text} || ' د.إ.'` : sql`'AED ' || ${text}`;
}

export function limitNearInserts(db: Db, t: { topupId: string; userId: string; beneficiaryId: string; month: string; at: string }): NotificationWrite[] {
  const counted = sql`status IN ('pending', 'completed') AND month = ${t.month}`;
  const scopes = [
    {
      scope: 'beneficiary' as const,
      used: sql`(SELECT COALESCE(SUM(amount), 0) FROM topups WHERE beneficiary_id = ${t.beneficiaryId} AND ${counted})`,
      limit: sql`(SELECT beneficiary_limit FROM topups WHERE id = ${t.topupId})`,
      key: `limit_near:beneficiary:${t.beneficiaryId}:${t.month}`,
      beneficiaryId: t.beneficiaryId,
    },
    {
      scope: 'total' as const,
      used: sql`(SELECT COALESCE(SUM(amount), 0) FROM topups WHERE user_id = ${t.userId} AND ${counted})`,
      limit: sql`(SELECT total_limit FROM topups WHERE id = ${t.topupId})`,
      key: `limit_near:total:${t.month}`,
      beneficiaryId: null,
    },
  ];
  return scopes.map((s) => {
    const words = (lang: Lang) => {
      const w = wordsOf('limit_near', { scope: s.scope, beneficiary_id: s.beneficiaryId, used: 0, limit: 0 }, lang);
      const fill = { used: aedSql(s.used, lang), limit: aedSql(s.limit, lang), ...(s.beneficiaryId ? { nickname: nicknameOf(s.beneficiaryId) } : {}) };
      return { title: wordsWith(w.title, fill), body: wordsWith(w.body, fill) };
    };
    return notificationRowInsert(db, {
      userId: t.userId,
      kind: 'limit_near',
      data: sql`json_object('scope', ${s.scope}, 'beneficiary_id', ${s.beneficiaryId}, 'used', ${s.used}, 'limit', ${s.limit})`,
      words: { en: words('en'), ar: words('ar') },
      dedupeKey: s.key,
      at: t.at,
      // Past 80 %: used > 0.8 × limit, in integers.
      when: sql`${s.used} * 5 > ${s.limit} * 4 AND EXISTS (SELECT 1 FROM topups WHERE id = ${t.topupId})`,
    });
  });
}
