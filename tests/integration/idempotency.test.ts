/**
 * Idempotency rules no other file pins: a key still running is 409
 * IDEMPOTENCY_IN_PROGRESS (made deterministic by holding the provider with a
 * gate), the key's format on direct routes, and signup keys scoped to the email.
 */
import { describe, expect, it, vi } from 'vitest';
import { freshPhone, makeHarness } from './harness';
import { gated, truthProvider } from './workload/provider';

describe('the same key while the first request is still running', () => {
  it('is 409 IDEMPOTENCY_IN_PROGRESS, then, once the first is done, replays its answer', async () => {
    const gate = gated(truthProvider(() => 0), 'held');
    // A long provider timeout: the first request waits at the gate until released, never times out.
    const h = makeHarness({ provider: gate.provider, env: { PROVIDER_TIMEOUT_MS: '60000' } });
    const u = await h.signUp();
    await h.deposit(u.token, 10_000);
    const b = await h.addBeneficiary(u.token, { phone: freshPhone() });
    const send = () => h.call('POST', '/api/topups', { token: u.token, body: { beneficiary_id: b.id, amount: 2000 }, key: 'held-topup' });

    const first = send();
    await vi.waitFor(() => expect(gate.held()).toBe(1));
    const second = await send();
    expect(second.status).toBe(409);
    expect(second.json.error.code).toBe('IDEMPOTENCY_IN_PROGRESS');
    expect(gate.held()).toBe(1); // the second never reached the provider

    gate.release();
    const answered = await first;
    expect(answered.status).toBe(201);
    expect(answered.json.topup.status).toBe('completed');
    const replay = await send();
    expect(replay.status).toBe(201);
    expect(replay.headers.get('Idempotent-Replayed')).toBe('true');
    expect(replay.json).toEqual(answered.json);
    expect((await h.call('GET', '/api/me', { token: u.token })).json.user.balance).toBe(7900);
  });
});

describe('Idempotency-Key format on direct routes', () => {
  const h = makeHarness();
  // Empty, a control character, DEL, Latin-1 and a 256-character key: only 1–255 printable ASCII characters are keys.
  const BAD = ['', 'a\u0001b', 'k\u007f', 'clé', 'x'.repeat(256)];

  it.each(BAD.map((key) => [JSON.stringify(key).slice(0, 20), key]))('%s is 400 BAD_REQUEST on every write, and nothing happens', async (_, key) => {
    const u = await h.signUp();
    const b = await h.addBeneficiary(u.token, { phone: freshPhone(), nickname: 'Before' });
    const writes = [
      h.call('POST', '/api/wallet/deposits', { token: u.token, body: { amount: 1000 }, key }),
      h.call('POST', '/api/beneficiaries', { token: u.token, body: { nickname: 'New', phone: freshPhone() }, key }),
      h.call('PATCH', `/api/beneficiaries/${b.id}`, { token: u.token, body: { nickname: 'After' }, key }),
      h.call('DELETE', `/api/beneficiaries/${b.id}`, { token: u.token, key }),
      h.call('POST', '/api/topups', { token: u.token, body: { beneficiary_id: b.id, amount: 500 }, key }),
    ];
    for (const res of await Promise.all(writes)) {
      expect(res.status, res.text).toBe(400);
      expect(res.json.error.code).toBe('BAD_REQUEST');
    }
    expect((await h.call('GET', '/api/me', { token: u.token })).json.user.balance).toBe(0);
    const listed = (await h.call('GET', '/api/beneficiaries', { token: u.token })).json.items;
    expect(listed.map((x) => [x.id, x.nickname])).toEqual([[b.id, 'Before']]);
  });

  it('the same key, well formed, works (the control)', async () => {
    const u = await h.signUp();
    expect((await h.call('POST', '/api/wallet/deposits', { token: u.token, body: { amount: 1000 }, key: 'x'.repeat(255) })).status).toBe(201);
    expect((await h.call('POST', '/api/wallet/deposits', { token: u.token, body: { amount: 1000 }, key: ' ~!' })).status).toBe(201);
  });
});

describe('signup keys are scoped to the email', () => {
  it('the same key with another email is another signup; with the same email, a replay', async () => {
    const h = makeHarness();
    const key = `signup-${crypto.randomUUID()}`;
    const body = (email: string) => ({ email, password: 'correct horse battery', name: 'Scoped' });
    const first = await h.call('POST', '/api/auth/signup', { body: body(`a-${key}@example.com`), key });
    const other = await h.call('POST', '/api/auth/signup', { body: body(`b-${key}@example.com`), key });
    expect(first.status).toBe(201);
    expect(other.status).toBe(201);
    expect(other.headers.get('Idempotent-Replayed')).toBeNull();
    expect(other.json.user.id).not.toBe(first.json.user.id);
    expect(other.json.user.email).toBe(`b-${key}@example.com`);

    const again = await h.call('POST', '/api/auth/signup', { body: body(`a-${key}@example.com`), key });
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    expect(again.json.user.id).toBe(first.json.user.id);
    // The email's case and spaces do not make another scope: the key is taken there, for another body.
    const shouted = await h.call('POST', '/api/auth/signup', { body: body(` A-${key}@EXAMPLE.COM`), key });
    expect(shouted.status).toBe(422);
    expect(shouted.json.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });
});
