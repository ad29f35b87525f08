/**
 * Deleting a beneficiary deletes its schedule in the same batch (API.md: "Deleting a
 * beneficiary deletes its schedule"): whichever of the request's D1 round trips fails,
 * the two are both deleted or both still there, never one without the other.
 */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { freshPhone, makeHarness } from './harness';
import { shardRow } from './shard-queries';
import { expectConsole } from '../shared/console-guard';

const EXECUTE = new Set(['run', 'all', 'raw', 'first']);

/** SHARD_0 whose `n`-th round trip (a statement or a batch) of this binding fails, as if D1 went away. */
function failingAt(binding: D1Database, n: number): D1Database {
  let trips = 0;
  const targets = new WeakMap<object, object>();
  const trip = () => ++trips === n;
  const statement = (s: D1PreparedStatement): D1PreparedStatement => {
    const proxy = new Proxy(s, {
      get(target, prop) {
        if (prop === 'bind') return (...values: unknown[]) => statement(target.bind(...values));
        const value: unknown = Reflect.get(target, prop, target);
        if (typeof value !== 'function') return value;
        if (typeof prop === 'string' && EXECUTE.has(prop)) {
          return (...args: unknown[]) => (trip() ? Promise.reject(new Error('D1 is unavailable')) : (value as (...a: unknown[]) => unknown).apply(target, args));
        }
        return (value as (...a: unknown[]) => unknown).bind(target);
      },
    });
    targets.set(proxy, s);
    return proxy;
  };
  const database = <D extends D1Database | D1DatabaseSession>(d: D): D =>
    new Proxy(d, {
      get(target, prop) {
        if (prop === 'prepare') return (query: string) => statement(target.prepare(query));
        if (prop === 'batch') {
          return (list: D1PreparedStatement[]) =>
            trip() ? Promise.reject(new Error('D1 is unavailable')) : target.batch(list.map((s) => (targets.get(s) ?? s) as D1PreparedStatement));
        }
        if (prop === 'withSession') return (constraint?: string) => database((target as D1Database).withSession(constraint));
        const value: unknown = Reflect.get(target, prop, target);
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
  return database(binding);
}

const h = makeHarness({ env: { SHARDS_OPEN: '0' } });

describe('DELETE /api/beneficiaries/:id with its schedule', () => {
  it('deletes both or neither, whichever round trip fails', async () => {
    expectConsole(/D1 is unavailable/);
    const u = await h.signUp();
    for (let n = 1; n <= 3; n++) {
      const b = await h.addBeneficiary(u.token, { phone: freshPhone() });
      const s = await h.call('POST', '/api/schedules', { token: u.token, body: { beneficiary_id: b.id, amount: 500, every: 'week' } });
      expect(s.status).toBe(201);
      const faulty = makeHarness({ env: { SHARDS_OPEN: '0', SHARD_0: failingAt(env.SHARD_0!, n) } });
      const res = await faulty.call('DELETE', `/api/beneficiaries/${b.id}`, { token: u.token, key: false });
      expect([204, 500], `round trip ${n}`).toContain(res.status);
      const beneficiary = await shardRow<{ deleted_at: string | null }>('SELECT deleted_at FROM beneficiaries WHERE id = ?', b.id);
      const schedule = await shardRow<{ deleted_at: string | null }>('SELECT deleted_at FROM schedules WHERE id = ?', s.json.schedule.id);
      expect([beneficiary?.deleted_at !== null, schedule?.deleted_at !== null], `round trip ${n} failed: ${res.status}`).toEqual(res.status === 204 ? [true, true] : [false, false]);
    }
  });
});
