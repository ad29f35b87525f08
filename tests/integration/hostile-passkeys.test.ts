/**
 * Hostile input to the passkey, session and password routes (the properties of
 * hostile.test.ts, through the same probe: never a 5xx, the contract's error shape,
 * no internals, and no write for a refusal). Valid requests are real ones (the
 * software authenticator answers live challenges), so the accepting branch runs too.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeHarness } from './harness';
import { hostileBody, hostileString } from './hostile/arbitraries';
import { branches, type Branches } from './hostile/branches';
import { hit } from './hostile/probe';
import { encode, hostileKey, hostileText, request } from './hostile/requests';
import { SEED } from './soak';
import { SoftAuthenticator } from './webauthn/authenticator';

const h = makeHarness();
const ORIGIN = 'http://localhost';
const RUNS = 50;
const authenticator = new SoftAuthenticator(ORIGIN);
let me = { token: '', email: '', password: '' };
let other = { token: '', passkey: '', session: '' };

async function registration(token: string) {
  const options = await h.call('POST', '/api/me/passkeys/options', { token, body: {} });
  return (await authenticator.register(options.json.options)).json;
}

beforeAll(async () => {
  const a = await h.signUp('Hostile Passkeys');
  me = { token: a.token, email: a.email, password: a.password };
  const b = await h.signUp('Other');
  const passkey = await h.call('POST', '/api/me/passkeys', { token: b.token, body: { response: await registration(b.token) } });
  other = { token: b.token, passkey: passkey.json.passkey.id, session: (await h.call('GET', '/api/me/sessions', { token: b.token })).json.items[0]!.id };
});

function run<Ts extends [unknown, ...unknown[]]>(name: string, property: fc.IAsyncPropertyWithHooks<Ts>, b?: Branches) {
  it(`${name} (seed ${SEED})`, { timeout: 120_000 }, async () => {
    await fc.assert(property, { numRuns: RUNS, seed: SEED });
    b?.expectEach();
  });
}

/** A WebAuthn-shaped body with hostile values in it, or a hostile body of any shape. */
const credentialish = hostileBody({
  name: hostileString,
  response: fc.record({ id: hostileString, rawId: hostileString, type: fc.constantFrom('public-key', 'x'), response: fc.record({ clientDataJSON: hostileString, attestationObject: hostileString, authenticatorData: hostileString, signature: hostileString, userHandle: hostileString }) }),
});

describe('hostile input to passkeys, sessions and the password', () => {
  const registrations = branches('created', 'refused');
  run(
    'POST /api/me/passkeys: only a real response to a live challenge is stored',
    fc.asyncProperty(
      request(fc.constantFrom('Phone', ' Laptop ', 'مفتاحي'), credentialish),
      registrations.track(async ({ raw, type, key, valid }) => {
        const body = valid ? JSON.stringify({ name: JSON.parse(raw) as string, response: await registration(me.token) }) : raw;
        const res = await hit(h, { method: 'POST', path: '/api/me/passkeys', raw: body, type, token: me.token, key });
        if (res.status === 201) {
          registrations.hit('created');
          expect(valid).toBe(true);
          expect(res.json.passkey.name).toBe((JSON.parse(raw) as string).trim());
        } else registrations.hit('refused');
      }),
    ),
    registrations,
  );

  const signIns = branches('signed in', 'refused');
  run(
    'POST /api/auth/passkey: only a real assertion to a live challenge signs in',
    fc.asyncProperty(
      request(fc.constant(null), credentialish),
      signIns.track(async ({ raw, type, valid }) => {
        let body = raw;
        if (valid) {
          const options = await h.call('POST', '/api/auth/passkey/options', { body: {}, key: false });
          body = JSON.stringify({ response: await authenticator.assert(options.json.options) });
        }
        const res = await hit(h, { method: 'POST', path: '/api/auth/passkey', raw: body, type }, { writes: 'any' });
        expect([200, 400, 401, 413, 422]).toContain(res.status);
        if (res.status === 200) {
          signIns.hit('signed in');
          expect(valid).toBe(true);
        } else signIns.hit('refused');
      }),
    ),
    signIns,
  );

  run(
    'POST /api/me/password: hostile bodies never change a password (the wrong ones count as failures)',
    fc.asyncProperty(hostileText(hostileBody({ current_password: fc.string(), new_password: fc.string({ minLength: 8 }) })), hostileKey, async ([raw, type], key) => {
      h.clock.now = new Date(h.clock.now.getTime() + 2 * 60_000);
      const res = await hit(h, { method: 'POST', path: '/api/me/password', raw, type, token: me.token, key }, { writes: 'any' });
      expect([400, 401, 413, 422, 429]).toContain(res.status);
      expect((await h.call('POST', '/api/auth/login', { body: { email: me.email, password: me.password }, key: false })).status).toBe(200);
    }),
  );

  const idPath = fc.oneof(fc.constantFrom(() => other.passkey, () => other.session, () => `${other.session}/x`, () => ` ${other.session}`), hostileString.map((s) => () => encode(s)));
  run(
    'DELETE /api/me/passkeys/:id and /api/me/sessions/:id: never another user’s, never a 5xx',
    fc.asyncProperty(fc.constantFrom('passkeys', 'sessions'), idPath, hostileKey, async (what, id, key) => {
      const res = await hit(h, { method: 'DELETE', path: `/api/me/${what}/${id()}`, token: me.token, key });
      expect(res.status).not.toBe(204);
    }),
  );

  it('the other user’s passkey and session are untouched', async () => {
    expect((await h.call('GET', '/api/me/passkeys', { token: other.token })).json.items.map((p) => p.id)).toEqual([other.passkey]);
    expect((await h.call('GET', '/api/me', { token: other.token })).status).toBe(200);
  });
});
