import { SignJWT } from 'jose';
import type { ErrorBody } from '../../worker/domain/errors';
import { describe, expect, it } from 'vitest';
import { freshPhone, makeHarness } from './harness';
import { fieldsOf } from './answer';
import { shardRow, shardSum } from './shard-queries';

const h = makeHarness();
const COOKIE = '__Host-topup_session';
const PASSWORD = 'correct horse battery';

function email() {
  return `auth-${crypto.randomUUID()}@example.com`;
}

function signUpBody(overrides: Record<string, unknown> = {}) {
  return { email: email(), password: PASSWORD, name: 'Layla', ...overrides };
}

function cookieHeader(token: string) {
  return { Cookie: `${COOKIE}=${token}` };
}

function b64url(value: unknown): string {
  return btoa(JSON.stringify(value)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function claimsOf(token: string): Record<string, unknown> {
  const part = token.split('.')[1] ?? '';
  return JSON.parse(atob(part.replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>;
}

function expectUnauthenticated(res: { status: number; json: unknown }) {
  expect(res.status).toBe(401);
  expect((res.json as ErrorBody).error.code).toBe('UNAUTHENTICATED');
}

describe('POST /api/auth/signup', () => {
  it('creates the user with exactly the contract shape, a token and the __Host- cookie', async () => {
    const body = signUpBody({ email: `  Mixed.Case-${crypto.randomUUID()}@Example.COM `, name: '  Layla Haddad  ' });
    const res = await h.call('POST', '/api/auth/signup', { body, key: false });
    expect(res.status).toBe(201);
    expect(Object.keys(res.json).sort()).toEqual(['token', 'user']);
    const user = res.json.user;
    expect(Object.keys(user).sort()).toEqual(['balance', 'created_at', 'currency', 'email', 'id', 'lang', 'name', 'verified']);
    expect(user).toEqual({
      id: expect.any(String),
      email: (body.email).trim().toLowerCase(),
      name: 'Layla Haddad',
      verified: false,
      balance: 0,
      currency: 'AED',
      created_at: h.clock.now.toISOString(),
      lang: 'en',
    });
    expect(typeof res.json.token).toBe('string');
    expect(res.json.token.split('.')).toHaveLength(3);

    const cookie = res.headers.get('Set-Cookie') ?? '';
    const [pair, ...attributes] = cookie.split(';').map((part) => part.trim());
    expect(pair).toBe(`${COOKIE}=${res.json.token}`);
    expect(attributes).toEqual(expect.arrayContaining(['HttpOnly', 'Secure', 'SameSite=Strict', 'Path=/']));
    expect(cookie).not.toMatch(/Domain=/i);

    const me = await h.call('GET', '/api/me', { token: res.json.token });
    expect(me.status).toBe(200);
    expect(me.json).toEqual({ user });
  });

  it('treats the email case-insensitively: a second account for it is 409 EMAIL_TAKEN', async () => {
    const local = `Case-${crypto.randomUUID()}`;
    expect((await h.call('POST', '/api/auth/signup', { body: signUpBody({ email: `${local}@example.com` }), key: false })).status).toBe(201);
    const again = await h.call('POST', '/api/auth/signup', {
      body: signUpBody({ email: `${local.toUpperCase()}@EXAMPLE.com`, password: 'another password' }),
      key: false,
    });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('EMAIL_TAKEN');
    expect(again.headers.get('Set-Cookie')).toBeNull();
    // The first account keeps its password.
    const login = await h.call('POST', '/api/auth/login', { body: { email: `${local}@example.com`, password: PASSWORD } });
    expect(login.status).toBe(200);
    const count = await shardSum<{ n: number }>('SELECT COUNT(*) AS n FROM users WHERE email = ?', `${local}@example.com`.toLowerCase());
    expect(count?.n).toBe(1);
  });

  it('accepts passwords of 8 and 128 characters, refuses 7 and 129 with details.fields', async () => {
    for (const password of ['x'.repeat(8), 'y'.repeat(128)]) {
      expect((await h.call('POST', '/api/auth/signup', { body: signUpBody({ password }), key: false })).status).toBe(201);
    }
    for (const password of ['x'.repeat(7), 'y'.repeat(129), 12345678, null]) {
      const body = signUpBody({ password });
      const res = await h.call('POST', '/api/auth/signup', { body, key: false });
      expect(res.status, String(password)).toBe(422);
      expect(res.json.error.code).toBe('VALIDATION_FAILED');
      expect(Object.keys(fieldsOf(res.json))).toEqual(['password']);
      // Nothing was created: the same email signs up fine afterwards.
      expect((await h.call('POST', '/api/auth/signup', { body: { ...body, password: PASSWORD }, key: false })).status).toBe(201);
    }
  });

  it('refuses a bad email and a missing or blank name with 422 naming the field', async () => {
    for (const bad of ['not-an-email', 'a@', '@example.com', 'a b@example.com', '', 42]) {
      const res = await h.call('POST', '/api/auth/signup', { body: signUpBody({ email: bad }), key: false });
      expect(res.status, String(bad)).toBe(422);
      expect(fieldsOf(res.json).email).toEqual(expect.any(String));
    }
    const { name: _omitted, ...noName } = signUpBody();
    const missing = await h.call('POST', '/api/auth/signup', { body: noName, key: false });
    expect(missing.status).toBe(422);
    expect(fieldsOf(missing.json).name).toEqual(expect.any(String));
    expect(fieldsOf((await h.call('POST', '/api/auth/signup', { body: signUpBody({ name: '   ' }), key: false })).json).name).toEqual(expect.any(String));
    expect((await h.call('POST', '/api/auth/signup', { body: signUpBody({ name: 'a\u0000b' }), key: false })).status).toBe(422);
    const all = await h.call('POST', '/api/auth/signup', { body: {}, key: false });
    expect(Object.keys(fieldsOf(all.json)).sort()).toEqual(['email', 'name', 'password']);
  });

  it('answers 400 BAD_REQUEST for malformed JSON, another content type, or no body', async () => {
    const cases: { body: string | undefined; headers: Record<string, string> }[] = [
      { body: '{"email": "a@example.com",', headers: {} },
      { body: JSON.stringify(signUpBody()), headers: { 'Content-Type': 'text/plain' } },
      { body: 'email=a%40example.com&password=x', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } },
      { body: undefined, headers: {} },
      { body: '', headers: { 'Content-Type': 'application/json' } },
    ];
    for (const { body, headers } of cases) {
      const res = await h.call('POST', '/api/auth/signup', { body, headers, key: false });
      expect(res.status, JSON.stringify({ body, headers })).toBe(400);
      expect(res.json).toEqual({ error: { code: 'BAD_REQUEST', message: expect.any(String) } });
    }
  });

  it('replays a signup with the same Idempotency-Key: same user, a new working session', async () => {
    const body = signUpBody();
    const key = `signup-${crypto.randomUUID()}`;
    const first = await h.call('POST', '/api/auth/signup', { body, key });
    expect(first.status).toBe(201);
    expect(first.headers.get('Idempotent-Replayed')).toBeNull();
    const again = await h.call('POST', '/api/auth/signup', { body, key });
    expect(again.status).toBe(201);
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    expect(again.json.user).toEqual(first.json.user);
    expect(again.json.token).not.toBe(first.json.token);
    expect(again.headers.get('Set-Cookie')).toContain(`${COOKIE}=${again.json.token}`);
    for (const token of [first.json.token, again.json.token]) {
      expect((await h.call('GET', '/api/me', { token })).json.user.id).toBe(first.json.user.id);
    }
    // The same key with another password is not a replay (and hands out no session).
    const other = await h.call('POST', '/api/auth/signup', { body: { ...body, password: 'not the same password' }, key });
    expect(other.status).toBe(422);
    expect(other.json.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(other.json.token).toBeUndefined();
    expect(other.headers.get('Set-Cookie')).toBeNull();
  });
});

describe('signup under concurrency', () => {
  it('10 concurrent signups for one email: exactly one account', async () => {
    const address = email();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => h.call('POST', '/api/auth/signup', { body: { email: i % 2 ? address.toUpperCase() : address, password: `password-${i}`, name: 'Race' }, key: false })),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409 && r.json.error.code === 'EMAIL_TAKEN')).toHaveLength(9);
    const count = await shardSum<{ n: number }>('SELECT COUNT(*) AS n FROM users WHERE email = ?', address);
    expect(count?.n).toBe(1);
  });
});

describe('POST /api/auth/login', () => {
  it('signs in (email in any case) with a token and the cookie', async () => {
    const u = await h.signUp();
    const res = await h.call('POST', '/api/auth/login', { body: { email: u.email.toUpperCase(), password: PASSWORD } });
    expect(res.status).toBe(200);
    expect(res.json.user).toEqual(u.user);
    expect(res.json.token).not.toBe(u.token);
    expect(res.headers.get('Set-Cookie')).toMatch(new RegExp(`^${COOKIE}=${res.json.token.replace(/\./g, '\\.')};.*HttpOnly; Secure; SameSite=Strict`));
    expect((await h.call('GET', '/api/me', { token: res.json.token })).status).toBe(200);
  });

  it('gives the same 401 INVALID_CREDENTIALS for a wrong password and an unknown email', async () => {
    const u = await h.signUp();
    const wrong = await h.call('POST', '/api/auth/login', { body: { email: u.email, password: 'wrong password!' } });
    const unknown = await h.call('POST', '/api/auth/login', { body: { email: email(), password: PASSWORD } });
    expect(wrong.status).toBe(401);
    expect(wrong.json.error.code).toBe('INVALID_CREDENTIALS');
    expect(unknown.status).toBe(401);
    expect(unknown.text).toBe(wrong.text);
    expect(wrong.headers.get('Set-Cookie')).toBeNull();
    expect(unknown.headers.get('Set-Cookie')).toBeNull();
  });

  it('after 10 failed logins for an account refuses the 11th with 429 + Retry-After, even with the right password, for 15 minutes', async () => {
    const local = makeHarness({ now: new Date('2026-11-15T10:00:00.000Z') });
    const target = await local.signUp();
    const bystander = await local.signUp();
    for (let i = 0; i < 10; i++) {
      const asTyped = i % 2 === 0 ? target.email : target.email.toUpperCase();
      const res = await local.call('POST', '/api/auth/login', { body: { email: asTyped, password: `wrong-${i}-password` } });
      expect(res.status, `attempt ${i + 1}`).toBe(401);
    }
    const blocked = await local.call('POST', '/api/auth/login', { body: { email: target.email, password: PASSWORD } });
    expect(blocked.status).toBe(429);
    expect(blocked.json.error.code).toBe('RATE_LIMITED');
    expect(blocked.json.token).toBeUndefined();
    const retryAfter = Number(blocked.headers.get('Retry-After'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(blocked.headers.get('Set-Cookie')).toBeNull();

    expect((await local.call('POST', '/api/auth/login', { body: { email: bystander.email, password: PASSWORD } })).status).toBe(200);

    local.clock.now = new Date('2026-11-15T10:14:59.000Z');
    expect((await local.call('POST', '/api/auth/login', { body: { email: target.email, password: PASSWORD } })).status).toBe(429);
    local.clock.now = new Date('2026-11-15T10:15:00.000Z');
    const again = await local.call('POST', '/api/auth/login', { body: { email: target.email, password: PASSWORD } });
    expect(again.status).toBe(200);
    expect(again.json.user.id).toBe(target.user.id);
  });

  it('holds the line under 20 parallel guesses: at most 10 are checked', async () => {
    const u = await h.signUp();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => h.call('POST', '/api/auth/login', { body: { email: u.email, password: `guess-${i}-password` } })),
    );
    expect(results.filter((r) => r.status === 401)).toHaveLength(10);
    expect(results.filter((r) => r.status === 429)).toHaveLength(10);
    expect((await h.call('POST', '/api/auth/login', { body: { email: u.email, password: PASSWORD } })).status).toBe(429);
  });
});

describe('POST /api/auth/logout', () => {
  it('ends the session: the token and the cookie both stop working, other sessions do not', async () => {
    const u = await h.signUp();
    const second = await h.call('POST', '/api/auth/login', { body: { email: u.email, password: PASSWORD } });
    expect((await h.call('GET', '/api/me', { headers: cookieHeader(u.token) })).status).toBe(200);

    const out = await h.call('POST', '/api/auth/logout', { token: u.token });
    expect(out.status).toBe(204);
    expect(out.text).toBe('');
    expect(out.headers.get('Set-Cookie')).toMatch(new RegExp(`^${COOKIE}=;.*Max-Age=0`));

    expectUnauthenticated(await h.call('GET', '/api/me', { token: u.token }));
    expectUnauthenticated(await h.call('GET', '/api/me', { headers: cookieHeader(u.token) }));
    expectUnauthenticated(await h.call('POST', '/api/wallet/deposits', { headers: cookieHeader(u.token), body: { amount: 500 } }));
    expectUnauthenticated(await h.call('POST', '/api/auth/logout', { token: u.token }));
    expect((await h.call('GET', '/api/me', { token: second.json.token })).status).toBe(200);
    const balance = await shardRow<{ balance: number }>('SELECT balance FROM accounts WHERE id = ?', `wallet:${u.user.id}`);
    expect(balance?.balance).toBe(0);
  });

  it('works with the cookie alone, and needs a session', async () => {
    const u = await h.signUp();
    expect((await h.call('POST', '/api/auth/logout', { headers: cookieHeader(u.token) })).status).toBe(204);
    expectUnauthenticated(await h.call('GET', '/api/me', { headers: cookieHeader(u.token) }));
    expectUnauthenticated(await h.call('POST', '/api/auth/logout'));
  });
});

describe('GET /api/me', () => {
  it('answers with the bearer token or the cookie, 401 with neither or a garbage one', async () => {
    const u = await h.signUp('Omar');
    const viaBearer = await h.call('GET', '/api/me', { token: u.token });
    const viaCookie = await h.call('GET', '/api/me', { headers: { Cookie: `theme=dark; ${COOKIE}=${u.token}; other=1` } });
    expect(viaBearer.status).toBe(200);
    expect(viaBearer.json).toEqual({ user: u.user });
    expect(viaCookie.json).toEqual(viaBearer.json);
    expectUnauthenticated(await h.call('GET', '/api/me'));
    expectUnauthenticated(await h.call('GET', '/api/me', { token: 'garbage' }));
    expectUnauthenticated(await h.call('GET', '/api/me', { headers: { Cookie: `topup_session=${u.token}` } }));
  });
});

describe('POST /api/me/verification', () => {
  it('marks the user verified and raises each beneficiary’s monthly limit', async () => {
    const u = await h.signUp();
    const b = await h.addBeneficiary(u.token, { phone: freshPhone() });
    expect(b.month_limit).toBe(50_000);
    const res = await h.call('POST', '/api/me/verification', { token: u.token });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ user: { ...u.user, verified: true } });
    expect((await h.call('GET', '/api/me', { token: u.token })).json.user.verified).toBe(true);
    const list = await h.call('GET', '/api/beneficiaries', { token: u.token });
    expect(list.json.items.map((x) => x.month_limit)).toEqual([100_000]);
    expectUnauthenticated(await h.call('POST', '/api/me/verification'));
  });

  it('is 403 FORBIDDEN when SIMULATED_KYC is off, and changes nothing', async () => {
    const off = makeHarness({ env: { SIMULATED_KYC: 'off' } });
    const u = await off.signUp();
    const res = await off.call('POST', '/api/me/verification', { token: u.token });
    expect(res.status).toBe(403);
    expect(res.json.error.code).toBe('FORBIDDEN');
    expect((await off.call('GET', '/api/me', { token: u.token })).json.user.verified).toBe(false);
  });
});

describe('X-TopUp-User', () => {
  it('another user’s id is 403 USER_MISMATCH and nothing happens; the right id passes', async () => {
    const u = await h.signUp();
    const other = await h.signUp();
    const key = `mismatch-${crypto.randomUUID()}`;
    const headers = { 'X-TopUp-User': other.user.id };
    const deposit = await h.call('POST', '/api/wallet/deposits', { token: u.token, body: { amount: 5000 }, key, headers });
    expect(deposit.status).toBe(403);
    expect(deposit.json.error.code).toBe('USER_MISMATCH');
    const verify = await h.call('POST', '/api/me/verification', { token: u.token, headers });
    expect(verify.json.error.code).toBe('USER_MISMATCH');
    const create = await h.call('POST', '/api/beneficiaries', { token: u.token, body: { nickname: 'X', phone: freshPhone() }, headers });
    expect(create.json.error.code).toBe('USER_MISMATCH');
    expect((await h.call('GET', '/api/me', { token: u.token, headers })).status).toBe(403);

    const me = await h.call('GET', '/api/me', { token: u.token });
    expect(me.json.user).toMatchObject({ balance: 0, verified: false });
    expect((await h.call('GET', '/api/beneficiaries', { token: u.token })).json.items).toEqual([]);
    expect((await h.call('GET', '/api/me', { token: other.token })).json.user.balance).toBe(0);

    // The key was not consumed, and the signed-in user's own id is accepted.
    const own = await h.call('POST', '/api/wallet/deposits', { token: u.token, body: { amount: 5000 }, key, headers: { 'X-TopUp-User': u.user.id } });
    expect(own.status).toBe(201);
    expect(own.headers.get('Idempotent-Replayed')).toBeNull();
  });
});

describe('tokens that must not work', () => {
  const secret = () => new TextEncoder().encode(h.bindings.JWT_SECRET ?? '');
  // Users of one shard each: a crafted token names the right shard (`shd`), so every attack
  // below differs from the control in exactly the claim it names and reaches the check for it.
  const onShard = [makeHarness({ env: { SHARDS_OPEN: '0' } }), makeHarness({ env: { SHARDS_OPEN: '1' } })] as const;

  type Claims = { sub: string; sid: string; shd: number };
  async function craft(claims: Claims, options: { iss?: string; aud?: string; key?: Uint8Array; alg?: string; iat?: number; exp?: number } = {}) {
    const iat = options.iat ?? Math.floor(h.clock.now.getTime() / 1000);
    return new SignJWT({ sid: claims.sid, shd: claims.shd })
      .setProtectedHeader({ alg: options.alg ?? 'HS256', typ: 'JWT' })
      .setSubject(claims.sub)
      .setIssuer(options.iss ?? 'topup')
      .setAudience(options.aud ?? 'topup-api')
      .setIssuedAt(iat)
      .setExpirationTime(options.exp ?? iat + 3600)
      .sign(options.key ?? secret());
  }

  for (const shard of [0, 1] as const) {
    it(`accepts a token crafted with the real key and claims, on shard ${shard} (the control for the attacks below)`, async () => {
      const u = await onShard[shard].signUp();
      const claims = claimsOf(u.token) as Claims;
      expect(claims.shd).toBe(shard);
      const res = await h.call('GET', '/api/me', { token: await craft(claims) });
      expect([res.status, res.json.user?.id]).toEqual([200, u.user.id]);
    });

    it(`refuses alg none, another key, another algorithm, an edited payload, wrong aud or iss, another user's sub: 401 each (shard ${shard})`, async () => {
      const u = await onShard[shard].signUp();
      const victim = await onShard[shard].signUp();
      const claims = claimsOf(u.token) as Claims & { iat: number; exp: number };
      const [header, , signature] = u.token.split('.');
      const attacks: Record<string, string> = {
        'alg none': `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(claims)}.`,
        'alg none, signature kept': `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(claims)}.${signature}`,
        'another key': await craft(claims, { key: new TextEncoder().encode('another-secret-0123456789abcdef0123456789') }),
        'HS512 with the real key': await craft(claims, { alg: 'HS512' }),
        'edited sub': `${header}.${b64url({ ...claims, sub: victim.user.id })}.${signature}`,
        'edited exp': `${header}.${b64url({ ...claims, exp: claims.exp + 1000 })}.${signature}`,
        'wrong aud': await craft(claims, { aud: 'someone-else' }),
        'wrong iss': await craft(claims, { iss: 'evil' }),
        // Signed with the real key: only the binding of a session to its user refuses it.
        'sub of another user on the same shard, own session': await craft({ ...claims, sub: victim.user.id }),
        'unknown session': await craft({ ...claims, sid: crypto.randomUUID() }),
        // Shards 0 and 1 are bound: a claim of 2 or 3 names no database, never "the same one modulo 2".
        'a shard this deployment lacks': await craft({ ...claims, shd: claims.shd + 2 }),
        'expired': await craft(claims, { iat: claims.iat - 7200, exp: claims.iat - 3600 }),
      };
      for (const [name, token] of Object.entries(attacks)) {
        const res = await h.call('GET', '/api/me', { token });
        expect(res.status, name).toBe(401);
        expect(res.json.error.code, name).toBe('UNAUTHENTICATED');
        const write = await h.call('POST', '/api/wallet/deposits', { headers: cookieHeader(token), body: { amount: 1000 } });
        expect(write.status, `${name} (write)`).toBe(401);
      }
      for (const user of [u, victim]) expect((await h.call('GET', '/api/me', { token: user.token })).json.user.balance).toBe(0);
    });
  }

  it('expires a session after 30 days', async () => {
    const local = makeHarness({ now: new Date('2026-11-01T08:00:00.000Z') });
    const u = await local.signUp();
    local.clock.now = new Date('2026-11-30T08:00:00.000Z');
    expect((await local.call('GET', '/api/me', { token: u.token })).status).toBe(200);
    local.clock.now = new Date('2026-12-01T08:00:01.000Z');
    expectUnauthenticated(await local.call('GET', '/api/me', { token: u.token }));
    expectUnauthenticated(await local.call('GET', '/api/me', { headers: cookieHeader(u.token) }));
    expectUnauthenticated(await local.call('POST', '/api/wallet/deposits', { token: u.token, body: { amount: 1000 } }));
  });
});
