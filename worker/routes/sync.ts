/** POST /api/sync: an offline queue in one round trip; each action goes through the whole app as if sent alone, meeting its own route's rules. */
import { Hono } from 'hono';
import * as v from 'valibot';
import type { AppEnv } from '../app-env';
import { readAsUser } from '../writes/read';
import { ANSWERS, answer, describe } from '../contract/describe';
import { SyncActionSchema, SyncResultsSchema } from '../contract/schemas';
import type { SyncResult } from '../contract/types';
import { requireAuth } from '../middleware/session';
import { json } from '../middleware/exchange';

const SyncBody = v.object({
  actions: v.pipe(v.array(SyncActionSchema, 'Must be a list of actions'), v.minLength(1, 'At least 1 action'), v.maxLength(100, 'At most 100 actions')),
});

// Headers that carry who is asking and from where; everything else is per action.
const FORWARDED = ['Authorization', 'Cookie', 'X-TopUp-User', 'Origin', 'Sec-Fetch-Site', 'User-Agent'];

/** Every /api answer is JSON or empty; anything else is passed on as text, never a 500. */
function parseResult(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** `observe` takes each action's X-D1-Bookmark, so the queue's answer covers its writes. */
export type Dispatch = (request: Request, c: { env: AppEnv['Bindings']; ctx: unknown; observe?: (bookmark: string | null) => void }) => Promise<Response>;

export function syncRoutes(dispatch: Dispatch) {
  return new Hono<AppEnv>().post(
    '/',
    describe({
      summary: 'Replay an offline queue in one round trip',
      description: 'Each action is handled exactly as if sent alone with `Idempotency-Key: key`, in order; `results[i].status` and `body` are that answer.',
      tags: ['Sync'],
      signedIn: true,
      ok: { 200: answer('One result per action, in order', SyncResultsSchema) },
      errors: [...ANSWERS.write, ...ANSWERS.validated],
    }),
    requireAuth,
    json(SyncBody),
    async (c) => {
      const { actions } = c.req.valid('json');
      // An ended session is 401 for the whole queue: per-action 401s inside a 200 could
      // read as refusals and get the queue dropped.
      await readAsUser(c.var);
      let ctx: unknown;
      try {
        ctx = c.executionCtx;
      } catch {
        ctx = undefined;
      }
      const origin = new URL(c.req.url).origin;
      const results: SyncResult[] = [];
      for (const action of actions) {
        const headers = new Headers({ 'Idempotency-Key': action.key });
        for (const name of FORWARDED) {
          const value = c.req.header(name);
          if (value !== undefined) headers.set(name, value);
        }
        const hasBody = action.body !== undefined;
        if (hasBody) headers.set('Content-Type', 'application/json');
        const request = new Request(origin + action.path, {
          method: action.method,
          headers,
          body: hasBody ? JSON.stringify(action.body) : null,
        });
        const response = await dispatch(request, { env: c.env, ctx, observe: c.var.shards.observe });
        const text = await response.text();
        results.push({ key: action.key, status: response.status, body: parseResult(text) });
      }
      return c.json({ results }, 200);
    },
  );
}
