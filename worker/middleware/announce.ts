/** Queues the pushes a request's batches wrote, after the answer when it can; the outbox is committed, so a lost message waits for the sweep. */
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env';
import { announcer, type Announce } from '../push/queue';
import { pushesOf, type NotificationWrite } from '../db/notifications';

export function announceOn(c: Context<AppEnv>, shard: number): Announce {
  const send = announcer(c.env.PUSHES, shard);
  return async (ids) => {
    if (ids.length === 0) return;
    const sending = send(ids).catch((error: unknown) => {
      console.error(JSON.stringify({ level: 'error', msg: 'could not queue pushes (the sweep will)', error: String(error) }));
    });
    let ctx: { waitUntil(p: Promise<unknown>): void } | undefined;
    try {
      ctx = c.executionCtx;
    } catch {
      ctx = undefined; // app.request() in tests: no execution context, so the caller waits for it
    }
    if (ctx) ctx.waitUntil(sending);
    else await sending;
  };
}

export const requestAnnouncer: MiddlewareHandler<AppEnv> = async (c, next) => {
  c.set('announce', (ids) => (c.var.auth ? announceOn(c, c.var.auth.shard)(ids) : Promise.resolve()));
  await next();
};

/** Queues the pushes of `write` once its batch committed; `results` are that batch's, the notice's statements last. */
export async function announceAfter(c: { env: AppEnv['Bindings'] }, shard: number, write: NotificationWrite, results: readonly unknown[]): Promise<void> {
  // An operator's context carries more variables than a customer's; announceOn reads only the bindings and the execution context.
  await announceOn(c as unknown as Context<AppEnv>, shard)(pushesOf([{ write, result: results[results.length - 1] }]));
}
