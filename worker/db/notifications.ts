/** Notifications and their push outbox rows, as statements for the batch of the event they report (ADR 014). */
import { and, desc, eq, inArray, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { notifications, pushDeliveries } from './schema';
import type { Db } from './client';
import { wordsOf, type Lang, type NotificationData, type NotificationKind, type WordsContext } from '../domain/notifications';
import type { ApiNotification } from '../contract/types';

export type NewNotification<K extends NotificationKind> = {
  userId: string;
  kind: K;
  data: NotificationData[K];
  /** ISO time of the event. */
  at: string;
  /** At most one notification per user and dedupe key. */
  dedupeKey?: string | null;
  /** `{nickname}` in the words is this beneficiary's nickname. */
  beneficiaryId?: string | null;
  /** Facts for the words that `data` does not carry (a top-up's amount). */
  words?: WordsContext;
  /** Subscriptions registered by this session are not pushed to (new_sign_in). */
  exceptSession?: string | null;
  /** Written only when this holds inside the batch ("still pending"). */
  when?: SQL;
};

export type NotificationWrite = { id: string; statements: readonly [ReturnType<typeof insertRow>, ReturnType<typeof insertPushes>] };

/** The texts of one language as SQL, placeholders filled from the rows the batch sees. */
function filled(text: string, fill: Record<string, SQL>): SQL {
  let expr: SQL = sql`${text}`;
  for (const [name, value] of Object.entries(fill)) {
    if (text.includes(`{${name}}`)) expr = sql`replace(${expr}, ${`{${name}}`}, ${value})`;
  }
  return expr;
}

function nicknameOf(beneficiaryId: string): SQL {
  return sql`COALESCE((SELECT nickname FROM beneficiaries WHERE id = ${beneficiaryId}), '')`;
}

type Row = {
  id: string;
  userId: string;
  kind: NotificationKind;
  data: SQL;
  words: Record<Lang, { title: SQL; body: SQL }>;
  dedupeKey: string | null;
  at: string;
  when: SQL | undefined;
};

function insertRow(db: Db, r: Row) {
  const pick = (part: 'title' | 'body') => sql`CASE u.lang WHEN 'ar' THEN ${r.words.ar[part]} ELSE ${r.words.en[part]} END`;
  return db
    .insert(notifications)
    .select(
      sql`SELECT NULL, ${r.id}, u.id, ${r.kind}, ${r.data}, ${pick('title')}, ${pick('body')}, u.lang, ${r.dedupeKey}, ${r.at}, NULL
          FROM users u WHERE u.id = ${r.userId} AND (${r.when ?? sql`1`})`,
    )
    .onConflictDoNothing();
}

function insertPushes(db: Db, p: { id: string; userId: string; at: string; exceptSession: string | null }) {
  return db.insert(pushDeliveries).select(
    sql`SELECT ${p.id}, s.id, s.user_id, 0, ${p.at}, ${p.at} FROM push_subscriptions s
        WHERE s.user_id = ${p.userId} AND (${p.exceptSession} IS NULL OR s.session_id IS NULL OR s.session_id <> ${p.exceptSession})
          AND EXISTS (SELECT 1 FROM notifications n WHERE n.id = ${p.id})`,
  );
}

/** A notification whose data and words are SQL (limit_near computes them in its batch). */
function notificationRowInsert(db: Db, r: Omit<Row, 'id'> & { exceptSession?: string | null }): NotificationWrite {
  const id = crypto.randomUUID();
  return { id, statements: [insertRow(db, { ...r, id }), insertPushes(db, { id, userId: r.userId, at: r.at, exceptSession: r.exceptSession ?? null })] };
}

export function notificationInsert<K extends NotificationKind>(db: Db, n: NewNotification<K>): NotificationWrite {
  const fill: Record<string, SQL> = n.beneficiaryId ? { nickname: nicknameOf(n.beneficiaryId) } : {};
  const words = (lang: Lang) => {
    const w = wordsOf(n.kind, n.data, lang, n.words);
    return { title: filled(w.title, fill), body: filled(w.body, fill) };
  };
  return notificationRowInsert(db, {
    userId: n.userId,
    kind: n.kind,
    data: sql`${JSON.stringify(n.data)}`,
    words: { en: words('en'), ar: words('ar') },
    dedupeKey: n.dedupeKey ?? null,
    at: n.at,
    when: n.when,
    exceptSession: n.exceptSession ?? null,
  });
}

/** The notifications whose pushes a committed batch queued (`result`: the batch's result of the write's second statement). */
export function pushesOf(writes: { write: NotificationWrite; result: unknown }[]): string[] {
  return writes.filter(({ result }) => changesOf(result) > 0).map(({ write }) => write.id);
}

export function changesOf(result: unknown): number {
  const meta = (result as { meta?: { changes?: number } } | undefined)?.meta;
  return meta?.changes ?? 0;
}

export type NotificationRow = typeof notifications.$inferSelect;

export function notificationsPageQuery(db: Db, userId: string, limit: number, cursor: number | undefined) {
  return db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), cursor === undefined ? undefined : lt(notifications.seq, cursor)))
    .orderBy(desc(notifications.seq))
    .limit(limit + 1);
}

export function unreadQuery(db: Db, userId: string) {
  return db
    .select({ unread: sql<number>`COUNT(*)`.mapWith(Number) })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
}

/** Marks the user's notifications read (`ids`, or all of them); another user's ids match nothing. */
export function markRead(db: Db, userId: string, ids: string[] | 'all', at: string) {
  return db
    .update(notifications)
    .set({ readAt: at })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt), ids === 'all' ? undefined : inArray(notifications.id, ids)));
}

export function toApiNotification(row: NotificationRow): ApiNotification {
  return {
    id: row.id,
    kind: row.kind,
    data: JSON.parse(row.data) as Record<string, unknown>,
    title: row.title,
    body: row.body,
    created_at: row.createdAt,
    read_at: row.readAt,
  };
}

export function accountStatusNotification(db: Db, userId: string, frozen: boolean, at: string): NotificationWrite {
  return notificationInsert(db, { userId, kind: 'account_status', data: { frozen }, at });
}

export function problemUpdateNotification(db: Db, p: { userId: string; problemId: string; topupId: string; status: 'resolved' }, at: string): NotificationWrite {
  return notificationInsert(db, { userId: p.userId, kind: 'problem_update', data: { problem_id: p.problemId, topup_id: p.topupId, status: p.status }, at });
}

/** `topup_settled` for a pending top-up an operator settled (as the reconciler's settlement tells it). */
export function topupSettledNotification(
  db: Db,
  topup: { id: string; userId: string; beneficiaryId: string; amount: number; status: string; failureCode: string | null },
  at: string,
): NotificationWrite {
  const status = topup.status === 'completed' ? 'completed' : 'failed';
  return notificationInsert(db, {
    userId: topup.userId,
    kind: 'topup_settled',
    data: { topup_id: topup.id, status, failure_code: topup.failureCode },
    at,
    beneficiaryId: topup.beneficiaryId,
    words: { amount: topup.amount },
  });
}

/** Money in SQL as domain/notifications.ts `aed` writes it (non-negative amounts). */
function aedSql(fils: SQL, lang: Lang): SQL {
  const text = sql`printf('%,d.%02d', (${fils}) / 100, (${fils}) % 100)`;
  return lang === 'ar' ? sql`${text} || ' د.إ.'` : sql`'AED ' || ${text}`;
}

/** `limit_near`, for the top-up's debit batch after its insert (usage as that batch leaves it); the dedupe key makes it one per scope and month. */
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
      return { title: filled(w.title, fill), body: filled(w.body, fill) };
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
