/**
 * @simplewebauthn/server v13 under workerd, on its own: it loads (its x509 dependency
 * pulls tsyringe, which needs reflect-metadata: @peculiar/x509 imports it first),
 * and it verifies a real registration and assertion from the software authenticator,
 * refusing a wrong origin, a wrong RP id, a wrong challenge and a counter going back.
 */
import { describe, expect, it } from 'vitest';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type WebAuthnCredential,
} from '@simplewebauthn/server';
import { SoftAuthenticator } from './webauthn/authenticator';

const ORIGIN = 'http://localhost:8788';
const RP_ID = 'localhost';

async function registered(authenticator = new SoftAuthenticator(ORIGIN)) {
  const options = await generateRegistrationOptions({
    rpName: 'TopUp',
    rpID: RP_ID,
    userName: 'layla@example.com',
    userID: new TextEncoder().encode('user-1'),
    attestationType: 'none',
    authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
  });
  const { json } = await authenticator.register(options);
  const verification = await verifyRegistrationResponse({ response: json as never, expectedChallenge: options.challenge, expectedOrigin: ORIGIN, expectedRPID: RP_ID });
  return { authenticator, verification };
}

describe('@simplewebauthn/server inside workerd', () => {
  it('loads without a reflect polyfill of ours (reflect-metadata comes in through @peculiar/x509)', () => {
    expect(typeof (Reflect as unknown as Record<string, unknown>)['getMetadata']).toBe('function');
  });

  it('verifies a registration (attestation "none", ES256) and reports the credential', async () => {
    const { verification } = await registered();
    expect(verification.verified).toBe(true);
    const info = verification.registrationInfo!;
    expect(info.fmt).toBe('none');
    expect(info.credentialDeviceType).toBe('multiDevice');
    expect(info.credentialBackedUp).toBe(true);
    expect(info.userVerified).toBe(true);
    expect(info.credential.counter).toBe(0);
  });

  it('verifies an assertion, and refuses a wrong origin, RP id, challenge or a counter going back', async () => {
    const { authenticator, verification } = await registered();
    const info = verification.registrationInfo!;
    const credential: WebAuthnCredential = { id: info.credential.id, publicKey: info.credential.publicKey, counter: 0 };
    const options = await generateAuthenticationOptions({ rpID: RP_ID, userVerification: 'preferred' });
    const check = (response: unknown, over: Partial<{ challenge: string; origin: string; rpId: string; counter: number }> = {}) =>
      verifyAuthenticationResponse({
        response: response as never,
        expectedChallenge: over.challenge ?? options.challenge,
        expectedOrigin: over.origin ?? ORIGIN,
        expectedRPID: over.rpId ?? RP_ID,
        credential: { ...credential, counter: over.counter ?? credential.counter },
      });
    const good = await authenticator.assert(options);
    const ok = await check(good);
    expect(ok.verified).toBe(true);
    expect(ok.authenticationInfo.newCounter).toBe(1);
    await expect(check(good, { origin: 'http://evil.localhost:8788' })).rejects.toThrow(/origin/i);
    await expect(check(good, { rpId: 'example.com' })).rejects.toThrow(/RP ID/i);
    await expect(check(good, { challenge: 'AAAA' })).rejects.toThrow(/challenge/i);
    await expect(check(good, { counter: 5 })).rejects.toThrow(/counter/i);
    // A signature by another key over the same data does not verify.
    const other = await registered();
    const forged = await other.authenticator.assert(options);
    const swapped = { ...good, response: { ...good.response, signature: forged.response.signature } };
    expect((await check(swapped).catch(() => ({ verified: false }))).verified).toBe(false);
  });
});
