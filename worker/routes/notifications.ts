/** The inbox: notifications newest first, and marking them read (API.md "Notifications (v3)"). */
import { Hono } from 'hono';
import * as v from 'valibot';
import type { AppEnv } from '../app-env';
import { readAsUser } from '../writes/read';
import { ANSWERS, answer, describe } from '../contract/describe';
import { NotificationsPageSchema, UnreadSchema } from '../contract/schemas';
import { paginate } from '../db/ledger';
import { notificationsPageQuery, toApiNotification, unreadQuery } from '../db/notifications';
import { markNotificationsRead } from '../writes/notifications';
import { boundedString, documentedAs, idempotent, json, pageQuery, query, reply } from '../middleware/exchange';
import { requireAuth } from '../middleware/session';

const TAGS = ['Notifications'];

const ReadBody = v.pipe(
  v.object({
    ids: v.optional(v.pipe(v.array(boundedString(100, 'Must be a notification id')), v.minLength(1, 'Give 1 to 100 ids'), v.maxLength(100, 'Give 1 to 100 ids'))),
    all: v.optional(v.literal(true, 'Must be true')),
  }),
  v.forward(
    v.check((body) => (body.ids === undefined) !== (body.all === undefined), 'Give either ids or all: true'),
    ['ids'],
  ),
  documentedAs({ oneOf: [{ required: ['ids'] }, { required: ['all'] }] }),
);

export const notificationRoutes = new Hono<AppEnv>()
  .get(
    '/',
    describe({
      summary: 'Notifications, newest first, with the unread count',
      tags: TAGS,
      signedIn: true,
      ok: { 200: answer('A page of notifications', NotificationsPageSchema) },
      errors: ANSWERS.validated,
    }),
    requireAuth,
    query(pageQuery),
    async (c) => {
      const { limit, cursor } = c.req.valid('query');
      const { db, auth } = c.var;
      const [, rows, unread] = await readAsUser(c.var, notificationsPageQuery(db, auth.userId, limit, cursor), unreadQuery(db, auth.userId));
      const page = paginate(rows, limit);
      return c.json({ items: page.rows.map(toApiNotification), next_cursor: page.nextCursor, unread: unread[0]?.unread ?? 0 }, 200);
    },
  )
  .post(
    '/read',
    describe({
      summary: 'Mark notifications read',
      description: '`{ids}` (1–100 of your notification ids; others are ignored) or `{all: true}`.',
      tags: TAGS,
      signedIn: true,
      ok: { 200: answer('How many are still unread', UnreadSchema) },
      errors: [...ANSWERS.keyedWrite, ...ANSWERS.validated],
    }),
    requireAuth,
    idempotent(),
    json(ReadBody),
    async (c) => {
      const body = c.req.valid('json');
      const outcome = await markNotificationsRead(c.var, body);
      return reply(c, outcome);
    },
  );
