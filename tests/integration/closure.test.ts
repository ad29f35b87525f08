/**
 * Your money and your data: the export (everything, no secrets) and closing the
 * account (refused while money or a pending top-up remains; then nothing of the
 * person is left but the ledger's amounts, and the email is free again).
 */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { expectLedgerConsistent, freshPhone, makeHarness } from './harness';
import { SoftAuthenticator } from './webauthn/authenticator';
import { userDb } from './shard-queries';
import { expectConsole } from '../shared/console-guard';

const h = makeHarness();
const ORIGIN = 'http://localhost';

const close = (token: string, password: string, headers?: Record<string, string>) =>
  h.call('POST', '/api/me/close', { token, body: { password }, ...(headers ? { headers } : {}) });

async function addPasskey(token: string) {
  const authenticator = new SoftAuthenticator(ORIGIN);
  const options = (await h.call('POST', '/api/me/passkeys/options', { token, body: {} })).json.options;
  const { json } = await authenticator.register(options);
  expect((await h.call('POST', '/api/me/passkeys', { token, body: { name: 'Phone', response: json } })).status).toBe(201);
  return authenticator;
}

async function passkeySignIn(authenticator: SoftAuthenticator) {
  const options = (await h.call('POST', '/api/auth/passkey/options', { body: {}, key: false })).json.options;
  return h.call('POST', '/api/auth/passkey', { body: { response: await authenticator.assert(options) }, key: false });
}

/** A user with a passkey, a beneficiary, a schedule, a completed top-up and a problem report. */
async function busyUser() {
  const u = await h.signUp('Layla Example');
  await h.deposit(u.token, 10_000);
  const b = await h.addBeneficiary(u.token, { nickname: 'Mum', phone: freshPhone() });
  const topup = (await h.call('POST', '/api/topups', { token: u.token, body: { beneficiary_id: b.id, amount: 2000 } })).json.topup;
  expect((await h.call('POST', '/api/schedules', { token: u.token, body: { beneficiary_id: b.id, amount: 500, every: 'month' } })).status).toBe(201);
  expect((await h.call('POST', `/api/topups/${topup.id}/problems`, { token: u.token, body: { reason: 'not_received' } })).status).toBe(201);
  const authenticator = await addPasskey(u.token);
  return { ...u, beneficiary: b, topup, authenticator };
}

describe('GET /api/me/export', () => {
  it('holds everything about the person as an attachment, and no hash or key', async () => {
    const u = await busyUser();
    const res = await h.call('GET', '/api/me/export', { token: u.token });
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Disposition')).toMatch(/^attachment; filename="topup-data-\d{4}-\d{2}-\d{2}\.json"$/);
    const data = res.json;
    expect(Object.keys(data).sort()).toEqual(
      ['beneficiaries', 'exported_at', 'notifications', 'passkeys', 'problems', 'push_subscriptions', 'schedules', 'sessions', 'topups', 'transactions', 'user'].sort(),
    );
    expect(data.user).toMatchObject({ id: u.user.id, email: u.email, name: 'Layla Example', balance: 7_900, lang: 'en' });
    expect(data.beneficiaries).toEqual([expect.objectContaining({ id: u.beneficiary.id, nickname: 'Mum', phone: u.beneficiary.phone, deleted_at: null })]);
    expect(data.topups).toEqual([u.topup]);
    expect(data.transactions.map((t) => t.kind)).toEqual(['deposit', 'topup']);
    expect(data.schedules).toHaveLength(1);
    expect(data.sessions.length).toBeGreaterThanOrEqual(1);
    expect(data.passkeys).toEqual([expect.objectContaining({ name: 'Phone' })]);
    expect(data.problems).toEqual([expect.objectContaining({ topup_id: u.topup.id, reason: 'not_received', status: 'open' })]);
    expect(data.push_subscriptions).toEqual([]);
    expect(data.notifications).toEqual([]);
    // No secret in any form: the stored hash, the passkey's public key and credential id appear nowhere.
    const row = await (await userDb(u.user.id)).prepare(`SELECT u.password_hash AS hash, p.public_key AS key, p.credential_id AS cred FROM users u JOIN passkeys p ON p.user_id = u.id WHERE u.id = ?`).bind(u.user.id).first<{ hash: string; key: string; cred: string }>();
    for (const secret of [row!.hash, row!.key, row!.cred]) expect(res.text).not.toContain(secret);
    expect(res.text).not.toMatch(/password_?hash|public_?key|credential_?id|p256dh|"auth"/i);
    expect((await h.call('GET', '/api/me/export')).status).toBe(401);
  });
});

describe('POST /api/me/close', () => {
  it('refuses while money remains (409 BALANCE_NOT_ZERO with the balance) and changes nothing', async () => {
    const u = await busyUser();
    const res = await close(u.token, u.password);
    expect(res.status).toBe(409);
    expect(res.json.error).toMatchObject({ code: 'BALANCE_NOT_ZERO', details: { balance: 7_900 } });
    expect((await h.call('GET', '/api/me', { token: u.token })).json.user).toMatchObject({ email: u.email, balance: 7_900 });
    // The right password was not a failed sign-in.
    const failures = await (await userDb(u.user.id)).prepare(`SELECT COUNT(*) AS n FROM login_failures WHERE email = ?`).bind(u.email).first<{ n: number }>();
    expect(failures?.n).toBe(0);
  });

  it('refuses while a top-up is pending (409 TOPUP_PENDING)', async () => {
    expectConsole(/provider gave no answer/);
    const u = await h.signUp();
    await h.deposit(u.token, 2_100);
    const b = await h.addBeneficiary(u.token, { phone: '+971559999999' });
    const t = await h.call('POST', '/api/topups', { token: u.token, body: { beneficiary_id: b.id, amount: 2000 } });
    expect([t.json.topup.status, t.json.balance]).toEqual(['pending', 0]);
    const res = await close(u.token, u.password);
    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe('TOPUP_PENDING');
  });

  it('refuses a wrong password with 401 INVALID_CREDENTIALS, counted as a failed sign-in', async () => {
    const u = await h.signUp();
    const res = await close(u.token, 'not my password');
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe('INVALID_CREDENTIALS');
    const failures = await (await userDb(u.user.id)).prepare(`SELECT COUNT(*) AS n FROM login_failures WHERE email = ?`).bind(u.email).first<{ n: number }>();
    expect(failures?.n).toBe(1);
    expect((await h.call('GET', '/api/me', { token: u.token })).status).toBe(200);
    expect((await h.call('POST', '/api/me/close', { token: u.token, body: {} })).status).toBe(422);
    expect((await h.call('POST', '/api/me/close', { body: { password: u.password } })).status).toBe(401);
  });

  it('closes: every session, password and passkey refused; the person’s data gone; the ledger kept and balanced; the email free again', async () => {
    const u = await busyUser();
    const d1 = await userDb(u.user.id);
    const second = (await h.call('POST', '/api/auth/login', { body: { email: u.email, password: u.password }, key: false })).json.token;
    expect((await h.call('POST', '/api/wallet/withdrawals', { token: u.token, body: { amount: 7_900 } })).json.balance).toBe(0);
    const res = await close(u.token, u.password);
    expect(res.status).toBe(204);
    expect(res.headers.get('Set-Cookie')).toMatch(/^__Host-topup_session=;/);

    for (const token of [u.token, second]) {
      expect((await h.call('GET', '/api/me', { token })).status).toBe(401);
      expect((await h.call('POST', '/api/wallet/deposits', { token, body: { amount: 1000 } })).status).toBe(401);
    }
    const login = await h.call('POST', '/api/auth/login', { body: { email: u.email, password: u.password }, key: false });
    expect([login.status, login.json.error.code]).toEqual([401, 'INVALID_CREDENTIALS']);
    expect((await passkeySignIn(u.authenticator)).status).toBe(401);

    const user = await d1.prepare(`SELECT email, name, password_hash, closed_at FROM users WHERE id = ?`).bind(u.user.id).first<Record<string, string>>();
    expect(user).toEqual({ email: `closed:${u.user.id}`, name: '', password_hash: '', closed_at: h.clock.now.toISOString() });
    const [bens, sessions, passkeys, schedules, topups, keys, ledger] = await d1.batch([
      d1.prepare(`SELECT nickname, phone, active, deleted_at IS NOT NULL AS gone FROM beneficiaries WHERE user_id = ?`).bind(u.user.id),
      d1.prepare(`SELECT COUNT(*) AS n FROM sessions WHERE user_id = ? AND revoked_at IS NULL`).bind(u.user.id),
      d1.prepare(`SELECT COUNT(*) AS n FROM passkeys WHERE user_id = ?`).bind(u.user.id),
      d1.prepare(`SELECT COUNT(*) AS n FROM schedules WHERE user_id = ? AND deleted_at IS NULL`).bind(u.user.id),
      d1.prepare(`SELECT phone, amount FROM topups WHERE user_id = ?`).bind(u.user.id),
      d1.prepare(`SELECT COUNT(*) AS n FROM idempotency_keys WHERE scope = ?`).bind(`user:${u.user.id}`),
      d1.prepare(`SELECT kind, amount FROM ledger_transactions WHERE user_id = ? ORDER BY seq`).bind(u.user.id),
    ]);
    expect(bens!.results).toEqual([{ nickname: '', phone: '', active: 0, gone: 1 }]);
    expect([sessions!.results[0], passkeys!.results[0], schedules!.results[0], keys!.results[0]]).toEqual([{ n: 0 }, { n: 0 }, { n: 0 }, { n: 0 }]);
    expect(topups!.results).toEqual([{ phone: '', amount: 2000 }]);
    expect(ledger!.results).toEqual([
      { kind: 'deposit', amount: 10_000 },
      { kind: 'topup', amount: -2000 },
      { kind: 'withdrawal', amount: -7_900 },
    ]);
    const dir = await env.DIRECTORY.batch([
      env.DIRECTORY.prepare(`SELECT COUNT(*) AS n FROM users_directory WHERE email = ? OR user_id = ?`).bind(u.email, u.user.id),
      env.DIRECTORY.prepare(`SELECT COUNT(*) AS n FROM passkey_credentials WHERE user_id = ?`).bind(u.user.id),
    ]);
    expect(dir.map((r) => r.results[0])).toEqual([{ n: 0 }, { n: 0 }]);
    await expectLedgerConsistent();

    // The email can sign up again: a new person, a new id, an empty wallet.
    const again = await h.call('POST', '/api/auth/signup', { body: { email: u.email, password: 'another good password', name: 'New' }, key: false });
    expect(again.status).toBe(201);
    expect(again.json.user).toMatchObject({ email: u.email, name: 'New', balance: 0 });
    expect(again.json.user.id).not.toBe(u.user.id);
    expect((await h.call('GET', '/api/transactions', { token: again.json.token })).json.items).toEqual([]);
  });

  it('under a racing top-up: closes only once the top-up is settled and the wallet empty, else refuses; the top-up is never lost', async () => {
    const outcomes = new Set<string>();
    for (let round = 0; round < 8; round++) {
      const u = await h.signUp();
      await h.deposit(u.token, 2_100);
      const b = await h.addBeneficiary(u.token, { phone: freshPhone() });
      const d1 = await userDb(u.user.id);
      const [closed, topup] = await Promise.all([
        close(u.token, u.password),
        h.call('POST', '/api/topups', { token: u.token, body: { beneficiary_id: b.id, amount: 2000 } }),
      ]);
      const user = await d1.prepare(`SELECT closed_at FROM users WHERE id = ?`).bind(u.user.id).first<{ closed_at: string | null }>();
      const rows = await d1.prepare(`SELECT status FROM topups WHERE user_id = ?`).bind(u.user.id).all<{ status: string }>();
      // The top-up's debit batch ran before the closing mark, or was refused by it: it is never half done.
      if (topup.status === 201) expect(rows.results).toEqual([{ status: topup.json.topup.status }]);
      else expect([topup.status, rows.results]).toEqual([401, []]);
      if (closed.status === 204) {
        expect(user?.closed_at).not.toBeNull();
        expect(rows.results.every((r) => r.status !== 'pending')).toBe(true);
        outcomes.add(`closed after ${topup.status === 201 ? 'the top-up' : 'refusing it'}`);
      } else {
        expect(['BALANCE_NOT_ZERO', 'TOPUP_PENDING']).toContain(closed.json.error.code);
        expect(user?.closed_at).toBeNull();
        outcomes.add(closed.json.error.code);
      }
    }
    expect(outcomes.size).toBeGreaterThan(0);
    await expectLedgerConsistent();
  });

  it('under a racing deposit: either closes and the deposit is refused, or refuses and the deposit lands; never both', async () => {
    for (let round = 0; round < 6; round++) {
      const u = await h.signUp();
      const d1 = await userDb(u.user.id);
      const [closed, deposit] = await Promise.all([close(u.token, u.password), h.call('POST', '/api/wallet/deposits', { token: u.token, body: { amount: 100 + round } })]);
      const wallet = await d1.prepare(`SELECT balance FROM accounts WHERE id = ?`).bind(`wallet:${u.user.id}`).first<{ balance: number }>();
      if (closed.status === 204) {
        expect(deposit.status).toBe(401);
        expect(wallet?.balance).toBe(0);
      } else {
        expect([closed.json.error.code, deposit.status, wallet?.balance]).toEqual(['BALANCE_NOT_ZERO', 201, 100 + round]);
      }
    }
    await expectLedgerConsistent();
  });

  it('no money moves into a closed account, even written straight to the ledger', async () => {
    const u = await h.signUp();
    const d1 = await userDb(u.user.id);
    expect((await close(u.token, u.password)).status).toBe(204);
    await expect(
      d1.prepare(`INSERT INTO ledger_transactions (id, user_id, kind, amount, fee, balance_after, created_at) VALUES ('x', ?, 'deposit', 1, 0, 1, 'now')`).bind(u.user.id).run(),
    ).rejects.toThrow(/UNAUTHENTICATED/);
  });
});
