/**
 * Notifications and pushes under test: a harness whose PUSHES queue records what is
 * announced, the Worker's jobs (cron and queue consumer) with the harness's clock, a
 * push transport that reaches the real local push service (web-push-testing, started
 * for the run) unless a test scripts its answers, and that service's client side.
 */
import { createExecutionContext, createMessageBatch, env, getQueueResult } from 'cloudflare:test';
import { expect } from 'vitest';
import { createJobs } from '../../worker/jobs/index';
import { createSimulator, type TelecomProvider } from '../../worker/provider/provider';
import type { PushMessage } from '../../worker/domain/push';
import type { PushTransport } from '../../worker/push/send';
import type { ApiNotification } from '../../worker/contract/types';
import { makeHarness, type Harness } from './harness';
import { makeRunner } from './schedules-runner';

export type ServiceSubscription = { endpoint: string; keys: { p256dh: string; auth: string }; clientHash: string };

/** The local push service, as a browser and a test see it. */
export const pushService = {
  async subscribe(): Promise<ServiceSubscription> {
    const res = await fetch(`${env.PUSH_SERVICE_URL}/subscribe`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ userVisibleOnly: 'true', applicationServerKey: env.VAPID_PUBLIC_KEY }),
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { data: ServiceSubscription }).data;
  },
  /** What arrived at a subscription, decrypted by the service (it refused anything it could not verify). */
  async received(sub: ServiceSubscription): Promise<{ notification: ApiNotification & { lang: string; dir: string } }[]> {
    const res = await fetch(`${env.PUSH_SERVICE_URL}/get-notifications`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ clientHash: sub.clientHash }),
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { data: { messages: string[] } }).data.messages.map((m) => JSON.parse(m) as never);
  },
  async expire(sub: ServiceSubscription): Promise<void> {
    expect((await fetch(`${env.PUSH_SERVICE_URL}/expire-subscription/${sub.clientHash}`, { method: 'POST' })).status).toBe(200);
  },
};

export function makePushKit(options: { now?: Date; provider?: TelecomProvider } = {}) {
  const announced: PushMessage[] = [];
  const queue = {
    send(body: PushMessage) {
      announced.push(body);
      return Promise.resolve();
    },
    sendBatch(messages: Iterable<MessageSendRequest<PushMessage>>) {
      for (const m of messages) announced.push(m.body);
      return Promise.resolve();
    },
  } as unknown as Queue<PushMessage>;
  const provider = options.provider ?? createSimulator();
  const h: Harness = makeHarness({ now: options.now, provider, env: { PUSHES: queue } });
  /** null: the real push service; else each push request is answered by this script. */
  const transport: { script: ((request: Request) => Response | Promise<Response>) | null; requests: Request[] } = { script: null, requests: [] };
  const send: PushTransport = async (request) => {
    transport.requests.push(request.clone() as Request);
    return transport.script ? transport.script(request) : fetch(request);
  };
  const jobs = createJobs({ now: () => new Date(h.clock.now), provider: () => provider, push: send });
  const runner = makeRunner(h, provider, jobs);
  let ids = 0;

  /** Delivers push messages to the consumer as one batch; answers what it acknowledged and retried. */
  async function deliverPushes(messages: PushMessage[] = announced.splice(0)) {
    const batch = createMessageBatch<PushMessage>(
      'topup-pushes',
      messages.map((body) => ({ id: `push-${++ids}`, timestamp: new Date(h.clock.now), attempts: 1, body })),
    );
    const ctx = createExecutionContext();
    await jobs.queue!(batch, runner.bindings, ctx);
    return getQueueResult(batch, ctx);
  }

  /** A signed-in user with a subscription on the local push service, registered by their session. */
  async function subscribedUser(name = 'Push User') {
    const u = await h.signUp(name);
    const sub = await pushService.subscribe();
    const res = await h.call('POST', '/api/me/push-subscriptions', { token: u.token, body: { endpoint: sub.endpoint, keys: sub.keys, expirationTime: null } });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    return { ...u, sub, subscriptionId: res.json.subscription.id };
  }

  const inbox = async (token: string) => (await h.call('GET', '/api/notifications', { token })).json as { items: ApiNotification[]; next_cursor: string | null; unread: number };

  return { h, runner, jobs, announced, transport, deliverPushes, subscribedUser, inbox };
}
