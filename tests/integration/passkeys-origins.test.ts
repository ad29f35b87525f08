/**
 * Staging and production check passkey ceremonies against WEBAUTHN_ORIGINS: the RP id
 * is the request's host only when that host is one of the configured origins', and a
 * response from any other origin does not verify.
 */
import { describe, expect, it } from 'vitest';
import { clientAddress, makeHarness } from './harness';
import { SoftAuthenticator } from './webauthn/authenticator';
import type { ErrorBody } from '../../worker/domain/errors';

const h = makeHarness({ env: { WEBAUTHN_ORIGINS: 'https://topup.example, https://www.topup.example' } });

/** What these routes answer, read after the status says which: WebAuthn options, or the contract's error. */
type Answer = { options: { challenge: string; rp?: { id?: string }; rpId?: string; user?: { id: string } } } & ErrorBody;

async function send(url: string, body: unknown, token?: string) {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', 'CF-Connecting-IP': clientAddress() };
  if (token) headers['Authorization'] = `Bearer ${token}`;
  const res = await h.app.request(url, { method: 'POST', headers, body: JSON.stringify(body) }, h.bindings);
  await h.checked('POST', new URL(url).pathname, res.clone());
  return { status: res.status, json: (await res.json()) as Answer };
}

describe('configured origins (staging, production)', () => {
  it('registers and signs in from a configured origin; another origin of the same host does not verify', async () => {
    const u = await h.signUp();
    const site = 'https://topup.example';
    const options = await send(`${site}/api/me/passkeys/options`, {}, u.token);
    expect(options.status).toBe(200);
    expect(options.json.options.rp?.id).toBe('topup.example');
    const authenticator = new SoftAuthenticator(site);
    const { json } = await authenticator.register(options.json.options);
    expect((await send(`${site}/api/me/passkeys`, { response: json }, u.token)).status).toBe(201);

    const signIn = async (origin: string) => {
      const request = await send(`${site}/api/auth/passkey/options`, {});
      return send(`${site}/api/auth/passkey`, { response: await authenticator.assert(request.json.options, { origin }) });
    };
    expect((await signIn(site)).status).toBe(200);
    for (const origin of ['http://topup.example', 'https://topup.example:8443', 'https://evil.example']) {
      const res = await signIn(origin);
      expect([res.status, res.json.error.code], origin).toEqual([401, 'INVALID_CREDENTIALS']);
    }
  });

  it('a host that is not configured gets no options (403) and no sign-in (401)', async () => {
    const u = await h.signUp();
    const options = await send('https://elsewhere.example/api/me/passkeys/options', {}, u.token);
    expect([options.status, options.json.error.code]).toEqual([403, 'FORBIDDEN']);
    const request = await send('https://elsewhere.example/api/auth/passkey/options', {});
    expect(request.status).toBe(403);
    const res = await send('https://elsewhere.example/api/auth/passkey', { response: {} });
    expect([res.status, res.json.error.code]).toEqual([401, 'INVALID_CREDENTIALS']);
  });
});
