/**
 * TopUp's own WebAuthn ceremony code (worker/auth/passkey-ceremony.ts) under workerd,
 * against the software authenticator: a real registration (attestation "none",
 * ES256) and assertion verify; a wrong origin, RP id, challenge or type, a counter
 * going back, a replay of a counter-less credential's earlier counter, another key's
 * signature and a tampered attestation are refused.
 */
import { describe, expect, it } from 'vitest';
import { authenticationOptions, registrationOptions, verifyAssertion, verifyRegistration } from '../../worker/auth/passkey-ceremony';
import { derToRaw } from '../../worker/auth/cose';
import { decodeCbor } from '../../worker/auth/cbor';
import { cbor } from './webauthn/cbor';
import { FLAGS, SoftAuthenticator, b64url, fromB64url } from './webauthn/authenticator';

const ORIGIN = 'http://localhost:8788';
const RP_ID = 'localhost';
const expected = (challenge: string) => ({ challenge, origins: [ORIGIN], rpId: RP_ID });

async function registered(authenticator = new SoftAuthenticator(ORIGIN)) {
  const options = registrationOptions({ rpName: 'TopUp', rpId: RP_ID, userId: new TextEncoder().encode('user-1'), userName: 'layla@example.com', displayName: 'Layla', exclude: [] });
  const { json } = await authenticator.register(options);
  return { authenticator, options, json, credential: await verifyRegistration(json, expected(options.challenge)) };
}

describe('passkey ceremonies inside workerd', () => {
  it('offers resident keys, attestation "none", ES256 first, and a fresh 32-byte challenge each time', () => {
    const a = registrationOptions({ rpName: 'TopUp', rpId: RP_ID, userId: new Uint8Array([1]), userName: 'u', displayName: 'U', exclude: [{ id: 'abc', transports: ['internal'] }] });
    const b = authenticationOptions(RP_ID);
    expect(a.attestation).toBe('none');
    expect(a.authenticatorSelection).toEqual({ residentKey: 'required', requireResidentKey: true, userVerification: 'preferred' });
    expect(a.pubKeyCredParams[0]).toEqual({ alg: -7, type: 'public-key' });
    expect(a.excludeCredentials).toEqual([{ id: 'abc', type: 'public-key', transports: ['internal'] }]);
    expect(fromB64url(a.challenge)).toHaveLength(32);
    expect(b.challenge).not.toBe(a.challenge);
    expect(b.rpId).toBe(RP_ID);
  });

  it('verifies a registration and reports the credential', async () => {
    const { credential, json } = await registered();
    expect(credential).not.toBeNull();
    expect(credential?.id).toBe(json.id);
    expect(credential?.deviceType).toBe('multiDevice');
    expect(credential?.backedUp).toBe(true);
    expect(credential?.counter).toBe(0);
    expect(credential?.transports).toEqual(['internal', 'hybrid']);
  });

  it('refuses a registration for another origin, RP id, challenge, without user presence, or with another attestation format', async () => {
    const authenticator = new SoftAuthenticator(ORIGIN);
    const options = registrationOptions({ rpName: 'TopUp', rpId: RP_ID, userId: new Uint8Array([1]), userName: 'u', displayName: 'U', exclude: [] });
    const ok = (await authenticator.register(options)).json;
    expect(await verifyRegistration(ok, expected(options.challenge))).not.toBeNull();
    expect(await verifyRegistration((await authenticator.register(options, { origin: 'http://evil.localhost:8788' })).json, expected(options.challenge))).toBeNull();
    expect(await verifyRegistration((await authenticator.register(options, { rpId: 'example.com' })).json, expected(options.challenge))).toBeNull();
    expect(await verifyRegistration((await authenticator.register(options, { flags: FLAGS.AT })).json, expected(options.challenge))).toBeNull();
    expect(await verifyRegistration(ok, expected('AAAAAAAAAAAAAAAAAAAAAA'))).toBeNull();
    // Another attestation format than the "none" TopUp asks for, or a truncated object.
    const object = decodeCbor(fromB64url(ok.response.attestationObject)) as Map<string, unknown>;
    const packed = cbor(new Map([...object].map(([k, v]) => [k, k === 'fmt' ? 'packed' : v])));
    expect(await verifyRegistration({ ...ok, response: { ...ok.response, attestationObject: b64url(packed) } }, expected(options.challenge))).toBeNull();
    const truncated = fromB64url(ok.response.attestationObject).slice(0, -10);
    expect(await verifyRegistration({ ...ok, response: { ...ok.response, attestationObject: b64url(truncated) } }, expected(options.challenge))).toBeNull();
    expect(await verifyRegistration({ ...ok, id: 'someone-else' }, expected(options.challenge))).toBeNull();
  });

  it('verifies an assertion, and refuses a wrong origin, RP id, challenge, type, a counter going back or another key', async () => {
    const { authenticator, credential } = await registered();
    if (!credential) throw new Error('registration did not verify');
    const options = authenticationOptions(RP_ID);
    const check = (response: unknown, over: Partial<{ challenge: string; origin: string; rpId: string; counter: number }> = {}) =>
      verifyAssertion(response, {
        challenge: over.challenge ?? options.challenge,
        origins: [over.origin ?? ORIGIN],
        rpId: over.rpId ?? RP_ID,
        publicKey: credential.publicKey,
        counter: over.counter ?? 0,
      });
    const good = await authenticator.assert(options);
    expect(await check(good)).toEqual({ newCounter: 1, backedUp: true });
    expect(await check(good, { origin: 'http://evil.localhost:8788' })).toBeNull();
    expect(await check(good, { rpId: 'example.com' })).toBeNull();
    expect(await check(good, { challenge: 'AAAA' })).toBeNull();
    expect(await check(good, { counter: 5 })).toBeNull();
    expect(await check(good, { counter: 1 })).toBeNull();
    expect(await check(await authenticator.assert(options, { type: 'webauthn.create' }))).toBeNull();
    expect(await check(await authenticator.assert(options, { flags: 0 }))).toBeNull();
    const other = await registered();
    const forged = await other.authenticator.assert(options);
    expect(await check({ ...good, response: { ...good.response, signature: forged.response.signature } })).toBeNull();
  });

  it('accepts a counter-less authenticator (always 0) only while both counters are 0', async () => {
    const { authenticator, credential } = await registered(new SoftAuthenticator(ORIGIN, 0));
    if (!credential) throw new Error('registration did not verify');
    const options = authenticationOptions(RP_ID);
    const assertion = await authenticator.assert(options);
    const base = { ...expected(options.challenge), publicKey: credential.publicKey };
    expect(await verifyAssertion(assertion, { ...base, counter: 0 })).toEqual({ newCounter: 0, backedUp: true });
    expect(await verifyAssertion(assertion, { ...base, counter: 3 })).toBeNull();
  });

  it('turns DER ECDSA signatures into r‖s and refuses malformed ones', () => {
    const r = new Uint8Array(32).fill(0x81);
    const s = new Uint8Array(32).fill(0x01);
    const der = new Uint8Array([0x30, 0x45, 0x02, 0x21, 0x00, ...r, 0x02, 0x20, ...s]);
    expect(derToRaw(der)).toEqual(new Uint8Array([...r, ...s]));
    expect(derToRaw(der.slice(0, 40))).toBeNull();
    expect(derToRaw(new Uint8Array([0x31, 0x02, 0x02, 0x00]))).toBeNull();
  });
});
