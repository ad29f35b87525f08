/**
 * Hostile input, property-based (fast-check) over every route's body, query and
 * path: no input ever produces a 5xx, internals in a body, or a partial write (see
 * hostile/probe.ts). What a 2xx did is checked against what was sent; valid and
 * hostile requests are mixed so each checked branch runs in at least 10% of the
 * runs (hostile/branches.ts). At the end the ledger is consistent and the wallet
 * holds exactly what the answers said was moved (hostile/ledger.ts). Mass
 * assignment is tested case by case below. The seed is fixed under `npm test` and
 * random under `npm run soak` (./soak.ts); it is printed.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectLedgerConsistent, freshPhone, makeHarness } from './harness';
import { shardRow } from './shard-queries';
import { hostileBody, hostileString, hostileValue } from './hostile/arbitraries';
import { branches, type Branches } from './hostile/branches';
import { expectedWallet, headerKey } from './hostile/ledger';
import { counter, hit, type Probe } from './hostile/probe';
import { encode, hostileKey, hostileText, isRoute, localPhone, request, sent, validKey } from './hostile/requests';
import { SEED } from './soak';
import type { ApiBeneficiary, ApiUser, SyncResult } from '../../worker/contract/types';

const h = makeHarness();
// Top-ups run through an app with higher monthly limits (configuration), so valid ones keep landing run after run.
const hTop = makeHarness({ env: { LIMIT_BENEFICIARY_MONTHLY_UNVERIFIED: '100000000', LIMIT_BENEFICIARY_MONTHLY_VERIFIED: '100000000', LIMIT_TOTAL_MONTHLY: '100000000' } });
// Sign-ins run on their own clock, two minutes a run, so the lockout window never holds 10 failures.
const hLogin = makeHarness();
const RUNS = 100;
const AMOUNTS = [500, 1000, 2000, 3000, 5000, 7500, 10000];

let token = '';
let userId = '';
let other = { token: '', id: '' };
let signer: { email: string; password: string; user: ApiUser };
let own: ApiBeneficiary;
let idle: ApiBeneficiary;
let theirs: ApiBeneficiary;
/** What the accepted requests moved, from their answers: the wallet must end at exactly this. */
const wallet = expectedWallet();

beforeAll(async () => {
  console.info(JSON.stringify({ hostile_seed: SEED }));
  const a = await h.signUp('Hostile Tester');
  token = a.token;
  userId = a.user.id;
  wallet.add(await h.deposit(token, 1_000_000));
  own = await h.addBeneficiary(token, { phone: freshPhone(), nickname: 'Own' });
  idle = await h.addBeneficiary(token, { phone: freshPhone(), nickname: 'Idle', active: false });
  const b = await h.signUp('Other');
  other = { token: b.token, id: b.user.id };
  theirs = await h.addBeneficiary(b.token, { phone: freshPhone(), nickname: 'Theirs' });
  signer = await hLogin.signUp('Signer');
});

const idPath = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(() => own.id, () => idle.id, () => theirs.id, () => own.id.toUpperCase(), () => ` ${own.id}`, () => `${own.id}/x`) },
  { weight: 4, arbitrary: hostileString.map((s) => () => encode(s)) },
  { weight: 1, arbitrary: fc.constantFrom(() => '%', () => '%zz', () => '%E0%A4%A', () => '..%2F..%2Fhealth', () => '%00', () => 'a'.repeat(5000), () => '%F0%9F%98') },
);
const queryValue = fc.oneof(
  hostileString.map(encode),
  fc.constantFrom('-1', '0', '1', '100', '101', '1e2', '10.5', 'NaN', '', '%20', '0x10', '%D9%A1%D9%A0', '9'.repeat(400), '%', '%zz', '1&limit=2', '5%00'),
);

/** Runs the property with the printed seed; with `b`, fails unless every branch ran in ≥ 10% of the runs. */
function run<Ts extends [unknown, ...unknown[]]>(name: string, property: fc.IAsyncPropertyWithHooks<Ts>, runs = RUNS, b?: Branches) {
  it(`${name} (seed ${SEED})`, { timeout: 120_000 }, async () => {
    await fc.assert(property, { numRuns: runs, seed: SEED });
    if (b) {
      console.info(JSON.stringify({ property: name.slice(0, 40), seed: SEED, ...b.counts() }));
      b.expectEach();
    }
  });
}

/** Makes `own` the one active beneficiary the valid top-ups use (earlier properties may have changed it). */
async function onlyOwnActive() {
  const listed = (await h.call('GET', '/api/beneficiaries', { token })).json.items as ApiBeneficiary[];
  for (const b of listed.filter((x) => x.active && x.id !== own.id)) await h.call('PATCH', `/api/beneficiaries/${b.id}`, { token, body: { active: false } });
  expect((await h.call('PATCH', `/api/beneficiaries/${own.id}`, { token, body: { active: true } })).status).toBe(200);
}

describe('hostile bodies', () => {
  const deposits = branches('moved', 'refused');
  run(
    'POST /api/wallet/deposits: only an integer 100…10,000,000 moves money, by exactly that',
    fc.asyncProperty(
      request(fc.record({ amount: fc.integer({ min: 100, max: 10_000_000 }) }), hostileBody({ amount: fc.integer({ min: 100, max: 10_000_000 }) })),
      deposits.track(async ({ raw, type, key }) => {
        const res = await hit(h, { method: 'POST', path: '/api/wallet/deposits', raw, type, token, key });
        if (res.status === 201) {
          deposits.hit('moved');
          const amount = sent(raw).amount;
          expect(Number.isSafeInteger(amount) && (amount as number) >= 100 && (amount as number) <= 10_000_000 && !Object.is(amount, -0)).toBe(true);
          expect(res.json.deposit.amount).toBe(amount);
          if (res.headers.get('Idempotent-Replayed') !== 'true') wallet.answer(key, res.json);
          expect(res.json.balance).toBe(wallet.get());
        } else deposits.hit('refused');
      }),
    ),
    RUNS,
    deposits,
  );

  const creates = branches('created', 'refused');
  run(
    'POST /api/beneficiaries: a nickname is stored and returned as the text sent (trimmed), HTML included',
    fc.asyncProperty(
      request(
        fc.record(
          { nickname: fc.constantFrom('Mum', '<b>boss</b>', '<script>x</script>', "O'Brien", '👨‍👩‍👧', 'أمي', ' Dad '), phone: localPhone, active: fc.constant(false), id: fc.noBias(fc.uuid()) },
          { requiredKeys: ['nickname', 'phone'] },
        ),
        hostileBody({
          nickname: fc.constantFrom('Mum', '<b>boss</b>', '<script>x</script>', "O'Brien", '👨‍👩‍👧', 'أمي'),
          phone: localPhone,
          active: fc.boolean(),
          id: fc.uuid(),
        }),
      ),
      creates.track(async ({ raw, type, key }) => {
        const res = await hit(h, { method: 'POST', path: '/api/beneficiaries', raw, type, token, key });
        if (res.status === 201 || res.status === 200) {
          creates.hit('created');
          const input = sent(raw);
          expect(res.json.beneficiary.nickname).toBe(String(input.nickname).trim());
          expect(res.json.beneficiary.phone).toMatch(/^\+9715\d{8}$/);
          const row = await shardRow(`SELECT user_id, nickname FROM beneficiaries WHERE id = ?`, res.json.beneficiary.id);
          expect(row).toEqual({ user_id: userId, nickname: res.json.beneficiary.nickname });
        } else creates.hit('refused');
      }),
    ),
    RUNS,
    creates,
  );

  const patches = branches('changed', 'refused');
  const patchBody = { nickname: fc.constantFrom('Renamed', '<i>x</i>'), active: fc.boolean() };
  run(
    'PATCH /api/beneficiaries/:id: only nickname and active change, only on the caller’s own',
    fc.asyncProperty(
      fc.oneof(
        fc.tuple(fc.constantFrom(() => own.id, () => idle.id), request(fc.record(patchBody, { requiredKeys: ['nickname'] }), hostileBody(patchBody))),
        fc.tuple(idPath, request(fc.record(patchBody), hostileBody(patchBody))),
      ),
      patches.track(async ([id, { raw, type, key }]) => {
        const res = await hit(h, { method: 'PATCH', path: `/api/beneficiaries/${id()}`, raw, type, token, key });
        if (res.status === 200) {
          patches.hit('changed');
          const row = await shardRow(`SELECT user_id, phone FROM beneficiaries WHERE id = ?`, res.json.beneficiary.id);
          expect(row).toEqual({ user_id: userId, phone: res.json.beneficiary.phone });
          expect([own.id, idle.id]).toContain(res.json.beneficiary.id);
        } else patches.hit('refused');
      }),
    ),
    RUNS,
    patches,
  );

  run(
    'DELETE /api/beneficiaries/:id: never another user’s, never a 5xx',
    fc.asyncProperty(
      idPath.filter((id) => id() !== own.id && id() !== idle.id),
      hostileText(hostileValue),
      hostileKey,
      async (id, [raw, type], k) => {
        const res = await hit(h, { method: 'DELETE', path: `/api/beneficiaries/${id()}`, raw, type, token, key: k });
        expect(res.status).not.toBe(204);
      },
    ),
  );

  const topups = branches('moved', 'refused');
  describe('top-ups', () => {
    beforeAll(onlyOwnActive);
    run(
      'POST /api/topups: only a listed amount on the caller’s active beneficiary moves money, amount + fee',
      fc.asyncProperty(
        request(
          fc.record({ beneficiary_id: fc.constant(null).map(() => own.id), amount: fc.constantFrom(...AMOUNTS) }),
          hostileBody({ beneficiary_id: fc.constantFrom(0, 0, 0, 1, 2).map((i) => [own, idle, theirs][i]!.id), amount: fc.constantFrom(...AMOUNTS) }),
        ),
        topups.track(async ({ raw, type, key }) => {
          const res = await hit(hTop, { method: 'POST', path: '/api/topups', raw, type, token, key });
          if (res.status === 201) {
            topups.hit('moved');
            const input = sent(raw);
            expect(AMOUNTS).toContain(input.amount);
            // Either of the caller's own (the PATCH property may have activated the idle one), never theirs.
            expect([own.id, idle.id]).toContain(res.json.topup.beneficiary_id);
            expect(res.json.topup).toMatchObject({ beneficiary_id: input.beneficiary_id, amount: input.amount, fee: 100, status: 'completed' });
            if (res.headers.get('Idempotent-Replayed') !== 'true') wallet.answer(key, res.json);
            expect(res.json.balance).toBe(wallet.get());
          } else topups.hit('refused');
        }),
      ),
      RUNS,
      topups,
    );
  });

  const signups = branches('created', 'refused');
  const signupFields = { password: fc.string({ minLength: 8, maxLength: 30 }), name: fc.constantFrom('Ann', '<b>Bo</b>', 'زياد') };
  const newEmail = fc.tuple(fc.constant(null).map(() => crypto.randomUUID()), fc.constantFrom('', ' ', 'UPPER')).map(([id, shape]) =>
    shape === 'UPPER' ? `NEW-${id}@Example.COM` : `${shape}new-${id}@example.com${shape}`,
  );
  run(
    'POST /api/auth/signup: a new user always starts unverified with 0, whatever else is sent',
    fc.asyncProperty(
      request(fc.record({ email: newEmail, ...signupFields }), hostileBody({ email: fc.oneof(newEmail, fc.emailAddress()), ...signupFields })),
      signups.track(async ({ raw, type }) => {
        const res = await hit(h, { method: 'POST', path: '/api/auth/signup', raw, type });
        if (res.status === 201) {
          signups.hit('created');
          expect(res.json.user).toMatchObject({ verified: false, balance: 0, currency: 'AED' });
          expect(res.json.user.email).toBe(String(sent(raw).email).trim().toLowerCase());
        } else signups.hit('refused');
      }),
    ),
    40,
    signups,
  );

  const logins = branches('signed in', 'refused');
  const loginEmail = fc.constant(null).chain(() => fc.constantFrom(signer.email, signer.email.toUpperCase(), ` ${signer.email} `, 'nobody@example.com'));
  const loginPassword = fc.constant(null).chain(() =>
    fc.oneof({ weight: 3, arbitrary: fc.constant(signer.password) }, { weight: 2, arbitrary: fc.constantFrom(`${signer.password} `, signer.password.toUpperCase(), signer.password.slice(1)) }),
  );
  run(
    'POST /api/auth/login: never a 5xx, only the right password signs in (and it does)',
    fc.asyncProperty(
      request(fc.record({ email: loginEmail, password: loginPassword }), hostileBody({ email: loginEmail, password: fc.oneof(loginPassword, fc.string({ maxLength: 30 })) }), 8),
      logins.track(async ({ raw, type, valid }) => {
        hLogin.clock.now = new Date(hLogin.clock.now.getTime() + 2 * 60_000);
        const res = await hit(hLogin, { method: 'POST', path: '/api/auth/login', raw, type }, { writes: 'any' });
        expect([200, 400, 401, 413, 422]).toContain(res.status);
        const right = valid && sent(raw).password === signer.password && String(sent(raw).email).trim().toLowerCase() === signer.email;
        if (valid) expect(res.status, raw).toBe(right ? 200 : 401);
        if (res.status === 200) {
          logins.hit('signed in');
          expect(sent(raw).password).toBe(signer.password);
          expect(res.json.user.id).toBe(signer.user.id);
        } else logins.hit('refused');
      }),
    ),
    60,
    logins,
  );

  const bodiless = branches('logout', 'verification');
  run(
    'POST /api/auth/logout and POST /api/me/verification: a body is never applied',
    fc.asyncProperty(
      hostileText(hostileBody({ verified: fc.constant(false), balance: fc.integer() })),
      fc.boolean(),
      bodiless.track(async ([raw, type], logout) => {
        if (logout) {
          const fresh = await h.signUp('Logout');
          const res = await hit(h, { method: 'POST', path: '/api/auth/logout', raw, type, token: fresh.token }, { writes: 'any' });
          if (res.status === 204) {
            bodiless.hit('logout');
            expect((await h.call('GET', '/api/me', { token: fresh.token })).status).toBe(401);
          }
          return;
        }
        const res = await hit(h, { method: 'POST', path: '/api/me/verification', raw, type, token });
        if (res.status === 200) {
          bodiless.hit('verification');
          expect(res.json.user).toMatchObject({ id: userId, verified: true, balance: wallet.get() });
        }
      }),
    ),
    40,
    bodiless,
  );

  const syncs = branches('money moved', 'refused');
  const syncKey = fc.oneof({ weight: 4, arbitrary: validKey }, { weight: 1, arbitrary: fc.constantFrom('sync-a', ' sync-a', 'sync-b') });
  const validAction = fc.oneof(
    fc.record({ key: syncKey, method: fc.constant('POST'), path: fc.constant('/api/wallet/deposits'), body: fc.record({ amount: fc.integer({ min: 100, max: 100_000 }) }) }),
    fc.record({
      key: syncKey,
      method: fc.constant('POST'),
      path: fc.constant('/api/topups'),
      body: fc.record({ beneficiary_id: fc.constant(null).map(() => own.id), amount: fc.constantFrom(...AMOUNTS) }),
    }),
  );
  const hostileAction = fc.record(
    {
      key: fc.oneof(fc.uuid(), hostileString),
      method: fc.constantFrom('POST', 'PATCH', 'DELETE', 'GET', 'PUT', 'post'),
      path: fc.oneof(
        fc.constantFrom('/api/wallet/deposits', '/api/topups', '/api/beneficiaries', '/api/sync', '/api/auth/logout', '/api/me/verification', '/api/../api/me', '/api/nope', '/api//topups'),
        fc.constant(null).map(() => `/api/beneficiaries/${own.id}`),
        hostileString,
      ),
      body: hostileValue,
    },
    { requiredKeys: [] },
  );
  describe('sync', () => {
    beforeAll(onlyOwnActive);
    run(
      'POST /api/sync: every action’s answer is a contract answer, never a 5xx; money moves only as answered',
      fc.asyncProperty(
        fc.oneof(
          {
            weight: 1,
            arbitrary: fc
              .array(fc.oneof({ weight: 3, arbitrary: validAction }, { weight: 1, arbitrary: hostileAction }), { minLength: 1, maxLength: 4 })
              .map((actions) => ({ raw: JSON.stringify({ actions }), type: 'application/json' })),
          },
          { weight: 1, arbitrary: hostileText(hostileBody({ actions: fc.array(hostileAction, { maxLength: 6 }) })).map(([raw, type]) => ({ raw, type })) },
        ),
        syncs.track(async ({ raw, type }) => {
          const res = await hit(hTop, { method: 'POST', path: '/api/sync', raw, type, token }, { writes: 'any' });
          if (res.status !== 200) return void syncs.hit('refused');
          const actions = sent(raw).actions as { key: string; method: string; path: string; body?: { amount?: unknown } }[];
          let moved = false;
          for (const [i, result] of (res.json.results as SyncResult[]).entries()) {
            const body = result.body as Record<string, { amount: number; fee?: number }>;
            expect(result.status, JSON.stringify(result)).toBeLessThan(500);
            if (result.status >= 400) expect(Object.keys(body)).toEqual(['error']);
            if (result.status !== 201 || !(body.deposit || body.topup)) continue;
            // What moved is what was asked: a sync cannot change an amount on the way.
            expect((body.deposit ?? body.topup)!.amount, JSON.stringify(result)).toBe(actions[i]!.body!.amount);
            wallet.answer(actions[i]!.key, body);
            moved = true;
          }
          if (moved) syncs.hit('money moved');
        }),
      ),
      60,
      syncs,
    );
  });
});

describe('hostile paths, queries and methods', () => {
  const lists = ['/api/transactions', '/api/topups', '/api/beneficiaries', '/api/limits', '/api/me', '/api/topups/options', '/api/health'];
  run(
    'GET lists with any query: 200 or 422, and another user’s beneficiary filter shows nothing',
    fc.asyncProperty(
      fc.constantFrom(...lists),
      fc.dictionary(fc.constantFrom('limit', 'cursor', 'beneficiary_id', 'user_id', 'limit[]', '__proto__', ''), queryValue, { maxKeys: 3 }),
      fc.boolean(),
      async (path, query, foreign) => {
        const qs = Object.entries(query).map(([k, v]) => `${k}=${v}`);
        if (foreign) qs.push(`beneficiary_id=${theirs.id}`);
        const res = await hit(h, { method: 'GET', path: `${path}?${qs.join('&')}`, token });
        expect([200, 422]).toContain(res.status);
        if (res.status === 200 && path === '/api/topups' && foreign && !('beneficiary_id' in query)) expect(res.json.items).toEqual([]);
      },
    ),
  );

  const unknown = branches('signed in', 'anonymous');
  run(
    'any method on any path: never a 5xx, unknown routes are 404 (or 401 before sign-in)',
    fc.asyncProperty(
      fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'),
      fc.oneof(fc.constantFrom('/api', '/api/', '/api/wallet', '/api/topups/x/y', '/api/me/verification/x', '/API/me', '/api/./me', '/api/%2e%2e/me', '/api/beneficiaries/'), hostileString.map((s) => `/api/${encode(s)}`)),
      fc.boolean(),
      fc.option(hostileText(hostileValue), { freq: 2 }),
      unknown.track(async (method, path, signedIn, body) => {
        const withBody = body !== null && method !== 'GET' && method !== 'HEAD';
        const probe: Probe = { method, path, token: signedIn ? token : null, key: crypto.randomUUID(), ...(withBody ? { raw: body[0], type: body[1] } : {}) };
        const res = await hit(h, probe);
        if (isRoute(method, path)) return;
        unknown.hit(signedIn ? 'signed in' : 'anonymous');
        // Refusing the body (size, JSON, content type) may come before routing; nothing else may.
        const allowed = [...(signedIn ? [404] : [401, 404]), ...(withBody ? [400, 413] : [])];
        expect(allowed, `${method} ${path.slice(0, 100)} → ${res.status}`).toContain(res.status);
        if (res.status === 404 && method !== 'HEAD') expect(res.json.error.code).toBe('NOT_FOUND');
      }),
    ),
    RUNS,
    unknown,
  );
});

/** The value a header carries once set (trimmed), or null when it is not sent (probe.ts sends ASCII only). */
function headerValue(value: string): string | null {
  if (!/^[\x00-\x7F]*$/.test(value)) return null;
  try {
    return new Headers({ 'X-TopUp-User': value }).get('X-TopUp-User');
  } catch {
    return null;
  }
}

describe('hostile headers', () => {
  run(
    'Idempotency-Key, X-TopUp-User and Authorization of any shape: never a 5xx, never someone else’s effect',
    fc.asyncProperty(
      fc.oneof(hostileString, fc.constantFrom('a'.repeat(255), 'a'.repeat(256), ' ', '\t', 'é', 'k\u007f')),
      fc.oneof(fc.constant(null).map(() => userId), hostileString, fc.constant(null).map(() => other.id)),
      fc.oneof(fc.constant('Bearer'), fc.constant('Bearer '), hostileString.map((s) => `Bearer ${s}`), fc.constantFrom('Basic dXNlcjpwYXNz', `bearer ${'x'.repeat(5000)}`)),
      async (k, claimed, authorization) => {
        const res = await hit(h, { method: 'POST', path: '/api/wallet/deposits', raw: JSON.stringify({ amount: 100 }), type: 'application/json', token, key: k, headers: { 'X-TopUp-User': claimed } });
        if (res.status === 201 && res.headers.get('Idempotent-Replayed') !== 'true') wallet.answer(headerKey(k), res.json);
        // Whatever the key: a header naming anyone but the signed-in user is 403 USER_MISMATCH, and nothing happens.
        const sent = headerValue(claimed);
        if (sent !== null && sent !== userId) expect([res.status, res.json?.error?.code], `X-TopUp-User ${JSON.stringify(sent)}`).toEqual([403, 'USER_MISMATCH']);
        if (sent === userId) expect(res.status).not.toBe(403);
        const stranger = await hit(h, { method: 'GET', path: '/api/me', headers: { Authorization: authorization } });
        expect(stranger.status).toBe(401);
      },
    ),
  );
});

afterAll(async () => {
  // No partial write anywhere: the books balance and the wallet holds exactly what was accepted.
  await expectLedgerConsistent();
  expect((await h.call('GET', '/api/me', { token })).json.user.balance).toBe(wallet.get());
  console.info(JSON.stringify({ hostile_requests: counter.requests }));
});
