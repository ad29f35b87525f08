/** Web Push: the application server key, and this user's browsers' subscriptions (API.md "Notifications (v3)"). */
import { Hono } from 'hono';
import * as v from 'valibot';
import type { AppEnv } from '../app-env';
import { readAsUser } from '../writes/read';
import { ANSWERS, answer, describe } from '../contract/describe';
import { PushKeySchema, PushSubscriptionListSchema, PushSubscriptionResultSchema } from '../contract/schemas';
import { listSubscriptionsQuery, toApiSubscription } from '../db/push-subscriptions';
import { subscribe, unsubscribe } from '../writes/notifications';
import { DomainError } from '../domain/errors';
import { acceptableEndpoint, ENDPOINT_PATTERN } from '../domain/push';
import { boundedString, documentedAs, idempotent, jsonFor, reply } from '../middleware/exchange';
import { requireAuth } from '../middleware/session';

const TAGS = ['Notifications'];
const Base64Url = (min: number, max: number) => v.pipe(v.string('Must be base64url'), v.regex(/^[A-Za-z0-9_-]+=*$/, 'Must be base64url'), v.minLength(min, 'Not a key'), v.maxLength(max, 'Not a key'));

const SubscriptionBody = (allowLocalHttp: boolean) =>
  v.object({
    endpoint: v.pipe(
      boundedString(2048),
      v.check((e) => acceptableEndpoint(e, allowLocalHttp), allowLocalHttp ? 'Must be an https:// URL (or a local http push service)' : 'Must be an https:// URL'),
      documentedAs({ pattern: ENDPOINT_PATTERN }),
    ),
    keys: v.object({ p256dh: Base64Url(80, 100), auth: Base64Url(16, 32) }),
    // A browser's PushSubscription JSON also carries these: accepted and not stored. An EpochTimeStamp:
    // whole milliseconds, and every number in a body is an integer literal (middleware/exchange.ts).
    expirationTime: v.optional(v.nullable(v.pipe(v.number(), v.integer()))),
  });

export const pushKeyRoutes = new Hono<AppEnv>().get(
  '/key',
  describe({ summary: 'The VAPID application server key, for pushManager.subscribe', tags: TAGS, signedIn: false, ok: { 200: answer('The key', PushKeySchema) }, errors: ['FORBIDDEN'] }),
  (c) => {
    const push = c.var.config.push;
    if (!push) throw new DomainError('FORBIDDEN', 'Web Push is not configured on this deployment');
    return c.json({ public_key: push.publicKey }, 200);
  },
);

export const pushSubscriptionRoutes = new Hono<AppEnv>()
  .post(
    '/',
    describe({
      summary: 'Register this browser for Web Push',
      description: 'A browser `PushSubscription` as JSON. The same endpoint again answers 200 with the same subscription.',
      tags: TAGS,
      signedIn: true,
      ok: { 201: answer('Registered', PushSubscriptionResultSchema), 200: answer('Already registered', PushSubscriptionResultSchema) },
      errors: [...ANSWERS.keyedWrite, ...ANSWERS.validated],
    }),
    requireAuth,
    idempotent(),
    jsonFor((config) => SubscriptionBody(config.push?.allowHttp ?? false), SubscriptionBody(false)),
    async (c) => {
      const body = c.req.valid('json');
      const outcome = await subscribe(c.var, body, c.req.header('User-Agent') ?? null);
      return reply(c, outcome);
    },
  )
  .get(
    '/',
    describe({ summary: 'Your push subscriptions', tags: TAGS, signedIn: true, ok: { 200: answer('The subscriptions', PushSubscriptionListSchema) }, errors: [] }),
    requireAuth,
    async (c) => {
      const { db, auth } = c.var;
      const [, rows] = await readAsUser(c.var, listSubscriptionsQuery(db, auth.userId));
      return c.json({ items: rows.map(toApiSubscription) }, 200);
    },
  )
  .delete(
    '/:id',
    describe({ summary: 'Remove a push subscription', tags: TAGS, signedIn: true, ok: { 204: { description: 'Removed' } }, errors: [...ANSWERS.keyedWrite, 'NOT_FOUND'] }),
    requireAuth,
    idempotent(),
    async (c) => {
      const id = c.req.param('id');
      const outcome = await unsubscribe(c.var, id);
      return reply(c, outcome);
    },
  );
