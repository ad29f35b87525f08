/**
 * The per-client budget and the passkey origins are configuration (API.md "Per client,
 * too"): read wrangler.toml as wrangler reads it, per environment.
 */
import { describe, expect, it } from 'vitest';
import { unstable_readConfig } from 'wrangler';

type Read = (args: { config: string; env?: string }) => { ratelimits: unknown; vars: Record<string, unknown>; queues: { producers?: { binding: string; queue: string }[]; consumers?: { queue: string }[] } };
const read = (env?: string) => (unstable_readConfig as unknown as Read)({ config: 'wrangler.toml', ...(env ? { env } : {}) });

describe('wrangler.toml', () => {
  it('gives sign-up and sign-in a per-client budget of 100 a minute locally and 20 in staging and production', () => {
    const expected: [string | undefined, number][] = [[undefined, 100], ['staging', 20], ['production', 20]];
    for (const [env, limit] of expected) {
      expect(read(env).ratelimits, env).toEqual([{ name: 'AUTH_LIMITER', namespace_id: expect.any(String), simple: { limit, period: 60 } }]);
    }
  });

  it('checks passkey origins against configuration in staging and production, and not locally', () => {
    expect(read().vars['WEBAUTHN_ORIGINS']).toBeUndefined();
    for (const env of ['staging', 'production']) expect(String(read(env).vars['WEBAUTHN_ORIGINS']), env).toMatch(/^https:\/\/[^/,]+(,https:\/\/[^/,]+)*$/);
  });

  it('sends pushes from a queue in every environment, and accepts http push endpoints only locally', () => {
    for (const env of [undefined, 'staging', 'production']) {
      const { queues, vars } = read(env);
      const producer = queues.producers?.find((p) => p.binding === 'PUSHES');
      expect(producer?.queue, env).toMatch(/-pushes$/);
      expect(queues.consumers?.map((c) => c.queue), env).toContain(producer?.queue);
      expect(String(vars['VAPID_SUBJECT']), env).toMatch(/^(mailto:|https:\/\/)/);
      expect(vars['PUSH_ALLOW_HTTP'], env).toBe(env ? 'off' : 'on');
    }
  });
});
