/**
 * Passkeys end to end against the real library and D1, with payloads from the
 * software authenticator: registration, sign-in (same session and cookie as a
 * password login), and every refusal: 422 for a registration that does not verify,
 * one indistinguishable 401 INVALID_CREDENTIALS for a sign-in that does not.
 */
import { describe, expect, it } from 'vitest';
import { makeHarness } from './harness';
import { FLAGS, SoftAuthenticator, type Credential } from './webauthn/authenticator';
import { shardIdOf, shardSum, userDb } from './shard-queries';
import { createDb } from '../../worker/db/client';
import { recordPasskeyUse } from '../../worker/db/passkeys';

const h = makeHarness();
// app.request() serves http://localhost: the RP id is its host name, the origin its own (no WEBAUTHN_ORIGINS locally).
const ORIGIN = 'http://localhost';

type Options = { challenge: string; rp?: { id?: string }; rpId?: string; user?: { id: string }; excludeCredentials?: { id: string }[] };

async function registrationOptions(token: string): Promise<Options> {
  const res = await h.call('POST', '/api/me/passkeys/options', { token, body: {} });
  expect(res.status, res.text).toBe(200);
  return res.json.options as Options;
}

async function addPasskey(token: string, authenticator = new SoftAuthenticator(ORIGIN), name = 'My phone') {
  const { json, credential } = await authenticator.register(await registrationOptions(token));
  const res = await h.call('POST', '/api/me/passkeys', { token, body: { name, response: json } });
  expect(res.status, res.text).toBe(201);
  return { authenticator, credential, passkey: res.json.passkey };
}

async function signInOptions(): Promise<Options> {
  const res = await h.call('POST', '/api/auth/passkey/options', { body: {}, key: false });
  expect(res.status, res.text).toBe(200);
  return res.json.options as Options;
}

const signIn = (response: unknown) => h.call('POST', '/api/auth/passkey', { body: { response }, key: false });

const REFUSED = { error: { code: 'INVALID_CREDENTIALS', message: 'The passkey could not be verified' } };

describe('registering a passkey', () => {
  it('options are for this host, this user, resident key required, existing passkeys excluded', async () => {
    const u = await h.signUp('Layla');
    const first = await registrationOptions(u.token);
    expect(first).toMatchObject({ rp: { id: 'localhost', name: 'TopUp' }, user: { name: u.email, displayName: 'Layla' }, attestation: 'none' });
    expect(first).toMatchObject({ authenticatorSelection: { residentKey: 'required', requireResidentKey: true, userVerification: 'preferred' } });
    const { credential } = await addPasskey(u.token);
    expect((await registrationOptions(u.token)).excludeCredentials?.map((c) => c.id)).toEqual([credential.id]);
  });

  it('stores the passkey: listed with name, created and never used; the key, counter, flags and transports kept', async () => {
    const u = await h.signUp();
    const { passkey, credential } = await addPasskey(u.token, undefined, '  Laptop  ');
    expect(passkey).toEqual({ id: expect.any(String), name: 'Laptop', created_at: h.clock.now.toISOString(), last_used_at: null });
    expect((await h.call('GET', '/api/me/passkeys', { token: u.token })).json).toEqual({ items: [passkey] });
    const row = await (await userDb(u.user.id)).prepare(`SELECT * FROM passkeys WHERE id = ?`).bind(passkey.id).first<Record<string, unknown>>();
    expect(row).toMatchObject({ user_id: u.user.id, credential_id: credential.id, counter: 0, backed_up: 1, device_type: 'multiDevice', transports: '["internal","hybrid"]' });
    expect(String(row?.public_key).length).toBeGreaterThan(80);
  });

  it('a response that does not verify against a live challenge of this user is 422, and nothing is stored', async () => {
    const u = await h.signUp();
    const other = await h.signUp();
    const post = (response: unknown, token = u.token) => h.call('POST', '/api/me/passkeys', { token, body: { response } });
    const authenticator = new SoftAuthenticator(ORIGIN);
    const cases: [string, () => Promise<unknown>][] = [
      ['a challenge never issued', async () => (await authenticator.register({ ...(await registrationOptions(u.token)), challenge: 'bm90LWEtcmVhbC1jaGFsbGVuZ2U' })).json],
      ['another user’s challenge', async () => (await authenticator.register(await registrationOptions(other.token))).json],
      ['a sign-in challenge', async () => (await authenticator.register({ ...(await registrationOptions(u.token)), challenge: (await signInOptions()).challenge })).json],
      ['another origin', async () => (await authenticator.register(await registrationOptions(u.token), { origin: 'https://evil.example' })).json],
      ['another RP id', async () => (await authenticator.register(await registrationOptions(u.token), { rpId: 'evil.example' })).json],
      ['no user presence', async () => (await authenticator.register(await registrationOptions(u.token), { flags: FLAGS.AT })).json],
      ['an empty response', async () => ({})],
      ['garbage clientDataJSON', async () => ({ id: 'x', rawId: 'x', type: 'public-key', response: { clientDataJSON: '!!!', attestationObject: 'AA' } })],
    ];
    for (const [name, make] of cases) {
      const res = await post(await make());
      expect(res.status, name).toBe(422);
      expect(res.json.error.code, name).toBe('VALIDATION_FAILED');
    }
    expect((await post({ name: 'x' } as unknown)).status).toBe(422);
    expect((await h.call('GET', '/api/me/passkeys', { token: u.token })).json.items).toEqual([]);
  });

  it('a challenge is used once, and not after five minutes', async () => {
    const u = await h.signUp();
    const authenticator = new SoftAuthenticator(ORIGIN);
    const options = await registrationOptions(u.token);
    const { json } = await authenticator.register(options);
    expect((await h.call('POST', '/api/me/passkeys', { token: u.token, body: { response: json } })).status).toBe(201);
    const again = await authenticator.register(options);
    expect((await h.call('POST', '/api/me/passkeys', { token: u.token, body: { response: again.json } })).status).toBe(422);
    const late = await registrationOptions(u.token);
    h.clock.now = new Date(h.clock.now.getTime() + 5 * 60 * 1000 + 1);
    const expired = await authenticator.register(late);
    expect((await h.call('POST', '/api/me/passkeys', { token: u.token, body: { response: expired.json } })).status).toBe(422);
  });

  it('a repeated key replays the first answer instead of refusing the spent challenge', async () => {
    const u = await h.signUp();
    const { json } = await new SoftAuthenticator(ORIGIN).register(await registrationOptions(u.token));
    const first = await h.call('POST', '/api/me/passkeys', { token: u.token, body: { response: json }, key: 'pk-1' });
    const replay = await h.call('POST', '/api/me/passkeys', { token: u.token, body: { response: json }, key: 'pk-1' });
    expect(first.status).toBe(201);
    expect([replay.status, replay.text, replay.headers.get('Idempotent-Replayed')]).toEqual([201, first.text, 'true']);
  });
});

describe('signing in with a passkey', () => {
  it('answers exactly as a password login: user, token, the __Host- cookie; a session of method "passkey"', async () => {
    const u = await h.signUp('Omar');
    const { authenticator, passkey } = await addPasskey(u.token);
    const res = await signIn(await authenticator.assert(await signInOptions()));
    expect(res.status, res.text).toBe(200);
    expect(res.json.user).toEqual({ ...u.user, created_at: u.user.created_at });
    expect(res.headers.get('Set-Cookie')).toMatch(/^__Host-topup_session=[^;]+; Max-Age=\d+; Path=\/; HttpOnly; Secure; SameSite=Strict$/);
    const me = await h.call('GET', '/api/me', { headers: { Cookie: res.headers.get('Set-Cookie')!.split(';')[0]! } });
    expect(me.json.user.id).toBe(u.user.id);
    const sessions = await h.call('GET', '/api/me/sessions', { token: res.json.token });
    expect(sessions.json.items.find((s) => s.current)).toMatchObject({ method: 'passkey' });
    expect((await h.call('GET', '/api/me/passkeys', { token: u.token })).json.items).toEqual([{ ...passkey, last_used_at: h.clock.now.toISOString() }]);
  });

  it('finds the owner on either shard: the directory names it, the token carries it', async () => {
    // Placement by least users: a few sign-ups give one user on each shard.
    const byShard = new Map<number, Awaited<ReturnType<typeof h.signUp>>>();
    for (let n = 0; n < 6 && byShard.size < 2; n++) {
      const u = await h.signUp(`Noura ${n}`);
      byShard.set(await shardIdOf(u.user.id), u);
    }
    expect([...byShard.keys()].sort()).toEqual([0, 1]);
    const shards = [...byShard.keys()];
    const users = [...byShard.values()];
    for (const [i, u] of users.entries()) {
      const { authenticator } = await addPasskey(u.token);
      const res = await signIn(await authenticator.assert(await signInOptions()));
      expect([res.status, res.json.user?.id], res.text).toEqual([200, u.user.id]);
      const [, part] = res.json.token.split('.');
      expect((JSON.parse(atob(part!.replace(/-/g, '+').replace(/_/g, '/'))) as { shd: number }).shd).toBe(shards[i]);
      expect((await h.call('GET', '/api/me/passkeys', { token: res.json.token })).status).toBe(200);
    }
  });

  it('sign-in options ask for a discoverable credential: no allow list, user verification preferred', async () => {
    const options = await signInOptions();
    expect(options).toMatchObject({ rpId: 'localhost', userVerification: 'preferred' });
    expect((options as { allowCredentials?: unknown[] }).allowCredentials ?? []).toEqual([]);
  });

  it('an authenticator without a counter (always 0) signs in again and again', async () => {
    const u = await h.signUp();
    const { authenticator } = await addPasskey(u.token, new SoftAuthenticator(ORIGIN, 0));
    for (let i = 0; i < 3; i++) expect((await signIn(await authenticator.assert(await signInOptions()))).status).toBe(200);
  });

  it('refuses every way a sign-in can fail with the same 401 INVALID_CREDENTIALS, and makes no session', async () => {
    const u = await h.signUp();
    const { authenticator, credential, passkey } = await addPasskey(u.token);
    const other = await addPasskey((await h.signUp()).token);
    const stranger = new SoftAuthenticator(ORIGIN);
    const strangerCredential = (await stranger.register({ challenge: 'x', rp: { id: 'localhost' }, user: { id: 'bm9ib2R5' } })).credential;
    const used = await authenticator.assert(await signInOptions());
    expect((await signIn(used)).status).toBe(200);
    const tampered = await authenticator.assert(await signInOptions());
    const forgedBy = async (signer: SoftAuthenticator, cred: Credential) => {
      const real = await authenticator.assert(await signInOptions());
      const fake = await signer.assert({ challenge: (JSON.parse(atob(real.response.clientDataJSON.replace(/-/g, '+').replace(/_/g, '/'))) as { challenge: string }).challenge, rpId: 'localhost' }, { credential: cred });
      return { ...real, response: { ...real.response, signature: fake.response.signature } };
    };
    const cases: [string, () => Promise<unknown>][] = [
      ['a replayed response (challenge already used)', async () => used],
      ['a challenge never issued', async () => authenticator.assert({ challenge: 'bm90LWEtcmVhbC1jaGFsbGVuZ2U', rpId: 'localhost' })],
      ['a registration challenge', async () => authenticator.assert({ challenge: (await registrationOptions(u.token)).challenge, rpId: 'localhost' })],
      ['an expired challenge', async () => {
        const options = await signInOptions();
        h.clock.now = new Date(h.clock.now.getTime() + 5 * 60 * 1000 + 1);
        return authenticator.assert(options);
      }],
      ['a signature that does not verify (tampered authenticator data)', async () => ({ ...tampered, response: { ...tampered.response, authenticatorData: tampered.response.authenticatorData.slice(0, -2) + 'AA' } })],
      ['a signature by another key', async () => forgedBy(stranger, strangerCredential)],
      ['an unknown credential', async () => stranger.assert(await signInOptions(), { credential: strangerCredential })],
      ['another origin', async () => authenticator.assert(await signInOptions(), { origin: 'https://evil.example' })],
      ['another RP id', async () => authenticator.assert(await signInOptions(), { rpId: 'evil.example' })],
      ['a create ceremony posted as a get', async () => authenticator.assert(await signInOptions(), { type: 'webauthn.create' })],
      ['no user presence', async () => authenticator.assert(await signInOptions(), { flags: 0 })],
      ['a counter going backwards', async () => authenticator.assert(await signInOptions(), { counter: 1 })],
      ['someone else’s user handle', async () => ({ ...(await authenticator.assert(await signInOptions())), response: { ...(await authenticator.assert(await signInOptions())).response, userHandle: other.credential.userHandle } })],
      ['an empty response', async () => ({})],
    ];
    const sessionsBefore = await shardSum<{ n: number }>(`SELECT COUNT(*) AS n FROM sessions`);
    for (const [name, make] of cases) {
      const res = await signIn(await make());
      expect([res.status, res.json], name).toEqual([401, REFUSED]);
      expect(res.headers.get('Set-Cookie'), name).toBeNull();
    }
    expect(await shardSum<{ n: number }>(`SELECT COUNT(*) AS n FROM sessions`)).toEqual(sessionsBefore);
    // A removed passkey never signs in again, with a fresh challenge and a good signature.
    expect((await h.call('DELETE', `/api/me/passkeys/${passkey.id}`, { token: u.token })).status).toBe(204);
    const gone = await signIn(await authenticator.assert(await signInOptions(), { credential }));
    expect([gone.status, gone.json]).toEqual([401, REFUSED]);
  });

  it('a counter-less passkey (counter always 0): the challenge alone refuses a replay, and racing sign-ins with one response', async () => {
    // No counter to refuse a second use: only taking the challenge (DELETE … RETURNING) does.
    const u = await h.signUp();
    const { authenticator } = await addPasskey(u.token, new SoftAuthenticator(ORIGIN, 0));
    const response = await authenticator.assert(await signInOptions());
    expect((await signIn(response)).status).toBe(200);
    expect([(await signIn(response)).status, (await signIn(response)).json]).toEqual([401, REFUSED]);
    const racing = await authenticator.assert(await signInOptions());
    const results = await Promise.all([signIn(racing), signIn(racing), signIn(racing)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 401, 401]);
  });

  it('the counter compare-and-set alone refuses a counter that is not ahead of the stored one', async () => {
    // Whatever the library concluded from the value it read, the write moves the counter forward only.
    const u = await h.signUp();
    const { passkey } = await addPasskey(u.token);
    const db = createDb(await userDb(u.user.id));
    const use = (counter: number) => recordPasskeyUse(db, { id: passkey.id, counter, backedUp: true, at: h.clock.now.toISOString() });
    expect(await use(5)).toBe(true);
    expect(await use(5)).toBe(false);
    expect(await use(4)).toBe(false);
    expect(await use(0)).toBe(false);
    expect(await use(6)).toBe(true);
    const zero = await addPasskey(u.token, new SoftAuthenticator(ORIGIN, 0), 'No counter');
    const useZero = (counter: number) => recordPasskeyUse(db, { id: zero.passkey.id, counter, backedUp: true, at: h.clock.now.toISOString() });
    expect([await useZero(0), await useZero(0), await useZero(3), await useZero(0)]).toEqual([true, true, true, false]);
  });

  it('two sign-ins racing with one response: exactly one session', async () => {
    const u = await h.signUp();
    const { authenticator } = await addPasskey(u.token);
    const response = await authenticator.assert(await signInOptions());
    const results = await Promise.all([signIn(response), signIn(response), signIn(response)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 401, 401]);
  });
});

describe('the passkey list belongs to its user', () => {
  it('another user’s passkey is 404 and stays; the list shows only one’s own', async () => {
    const owner = await h.signUp();
    const { passkey } = await addPasskey(owner.token);
    const intruder = await h.signUp();
    const theirs = await h.call('DELETE', `/api/me/passkeys/${passkey.id}`, { token: intruder.token });
    const none = await h.call('DELETE', `/api/me/passkeys/${crypto.randomUUID()}`, { token: intruder.token });
    expect([theirs.status, theirs.json]).toEqual([404, none.json]);
    expect((await h.call('GET', '/api/me/passkeys', { token: intruder.token })).json.items).toEqual([]);
    expect((await h.call('GET', '/api/me/passkeys', { token: owner.token })).json.items).toEqual([passkey]);
    expect((await h.call('DELETE', `/api/me/passkeys/${passkey.id}`, { token: owner.token })).status).toBe(204);
    expect((await h.call('DELETE', `/api/me/passkeys/${passkey.id}`, { token: owner.token })).status).toBe(404);
  });
});
