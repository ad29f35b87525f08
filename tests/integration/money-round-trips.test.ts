/**
 * What issue 24's routes cost in D1 round trips (D1_TRACE=on lists each in X-D1-Trace):
 * every read and every money write is one batch with its session check; closing an
 * account is the sign-in's accounting, one shard batch and one directory batch.
 */
import { expect, it } from 'vitest';
import { freshPhone, makeHarness } from './harness';

const h = makeHarness({ env: { D1_TRACE: 'on' } });
const trips = (headers: Headers) => (headers.get('X-D1-Trace') ?? '').split(',').filter((t) => t && t !== 'provider');

it('answers each new route in as few round trips as it can', async () => {
  const u = await h.signUp();
  await h.deposit(u.token, 10_000);
  const b = await h.addBeneficiary(u.token, { phone: freshPhone() });
  const topup = (await h.call('POST', '/api/topups', { token: u.token, body: { beneficiary_id: b.id, amount: 2000 } })).json.topup;
  const measured: Record<string, string[]> = {};
  const measure = async (name: string, method: string, path: string, body?: unknown) => {
    const res = await h.call(method, path, { token: u.token, ...(body === undefined ? {} : { body }) });
    expect(res.status, `${name}: ${res.text}`).toBeLessThan(300);
    measured[name] = trips(res.headers);
  };
  await measure('withdrawal', 'POST', '/api/wallet/withdrawals', { amount: 7_900 });
  await measure('story', 'GET', `/api/topups/${topup.id}`);
  await measure('problem', 'POST', `/api/topups/${topup.id}/problems`, { reason: 'other' });
  await measure('problems', 'GET', '/api/problems');
  await measure('statement', 'GET', '/api/statements/2026-11');
  await measure('statement csv', 'GET', '/api/statements/2026-11.csv');
  await measure('export', 'GET', '/api/me/export');
  await measure('close', 'POST', '/api/me/close', { password: u.password });
  console.info(JSON.stringify(measured));
  for (const name of ['withdrawal', 'story', 'problem', 'problems', 'statement', 'statement csv', 'export']) expect(measured[name], name).toHaveLength(1);
  expect(measured.close?.map((t) => t.replace(/:.*$/, ''))).toEqual([
    expect.stringMatching(/^shard\d\.(query|batch\(\d+\))$/), // the session's user
    expect.stringMatching(/^shard\d\.batch\(3\)$/), // the sign-in accounting (a failure counted before the password check)
    expect.stringMatching(/^shard\d\.batch\(\d+\)$/), // the closing batch
    'directory.batch(2)',
  ]);
});
