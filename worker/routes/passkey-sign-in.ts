/** Passkey sign-in (ADR 011), answered as a password login; every refusal is the same 401 INVALID_CREDENTIALS: nothing says which check failed. */
import { Hono } from 'hono';
import * as v from 'valibot';
import type { AppEnv } from '../app-env';
import { CHALLENGE_TTL_MS, challengeOf, relyingParty, userHandleOf } from '../auth/webauthn';
import { authenticationOptions, verifyAssertion } from '../auth/passkey-ceremony';
import { fromBase64url, toBase64url } from '../auth/base64url';
import { ANSWERS, answer, describe } from '../contract/describe';
import { SessionSchema, WebAuthnOptionsSchema } from '../contract/schemas';
import { issueSignInChallenge, takeSignInChallenge } from '../db/directory';
import { findPasskey, recordPasskeyUse } from '../db/passkeys';
import { DomainError } from '../domain/errors';
import { perClient } from '../middleware/rate-limit';
import { json, jsonObject } from '../middleware/exchange';
import { respondWithSession } from './auth';
import { openSession } from '../writes/sign-in';
import { announceOn } from '../middleware/announce';

const TAGS = ['Authentication'];
const refused = () => new DomainError('INVALID_CREDENTIALS', 'The passkey could not be verified');

const SignInBody = v.object({ response: jsonObject('Must be the WebAuthn authentication response') });

export const passkeySignInRoutes = new Hono<AppEnv>()
  .post(
    '/options',
    describe({
      summary: 'Options to sign in with a passkey',
      description: 'PublicKeyCredentialRequestOptionsJSON (discoverable credentials) for navigator.credentials.get(); its challenge is single-use and lives 5 minutes.',
      tags: TAGS,
      signedIn: false,
      ok: { 200: answer('WebAuthn request options', WebAuthnOptionsSchema) },
      errors: [...ANSWERS.write, 'FORBIDDEN', 'RATE_LIMITED'],
    }),
    // Challenges are writes anyone may make: a budget of their own per client address.
    perClient('challenge'),
    json(v.object({})),
    async (c) => {
      const { shards, now } = c.var;
      const rp = relyingParty(c.env, c.req.url);
      if (!rp) throw new DomainError('FORBIDDEN', 'Passkeys are not available on this host');
      const options = authenticationOptions(rp.id);
      await issueSignInChallenge(shards.directory, { challenge: options.challenge, nowMs: now.getTime(), ttlMs: CHALLENGE_TTL_MS });
      return c.json({ options }, 200);
    },
  )
  .post(
    '/',
    describe({
      summary: 'Sign in with a passkey',
      description:
        'Answers exactly as a password login (and sets the `__Host-` session cookie). A response that does not verify, an unknown or removed passkey, a used or expired challenge, a sign counter that went back → 401 INVALID_CREDENTIALS.',
      tags: TAGS,
      signedIn: false,
      ok: { 200: answer('The user and a session token', SessionSchema) },
      sessionCookie: true,
      errors: [...ANSWERS.write, ...ANSWERS.validated, 'INVALID_CREDENTIALS', 'RATE_LIMITED'],
    }),
    perClient(),
    json(SignInBody),
    async (c) => {
      const { config, shards, now } = c.var;
      const response = c.req.valid('json').response as { id?: unknown; response?: { userHandle?: unknown } };
      const rp = relyingParty(c.env, c.req.url);
      const challenge = challengeOf(response);
      if (!rp || !challenge || typeof response.id !== 'string') throw refused();
      // One directory batch takes the challenge (whatever follows) and finds the owner; then only their shard is used.
      const { taken, owner } = await takeSignInChallenge(shards.directory, { challenge, credentialId: response.id, nowMs: now.getTime() });
      if (!taken || !owner) throw refused();
      const db = shards.use(owner.shard);
      const passkey = db ? await findPasskey(db, response.id) : undefined;
      if (!db || !passkey || passkey.userId !== owner.userId) throw refused();
      // The authenticator says whose credential this is: it must be the owner we hold.
      const handle = response.response?.userHandle;
      if (handle !== undefined && handle !== toBase64url(userHandleOf(passkey.userId))) throw refused();
      const publicKey = fromBase64url(passkey.publicKey);
      const verified = publicKey && (await verifyAssertion(response, { challenge, origins: rp.origins, rpId: rp.id, publicKey, counter: passkey.counter }));
      if (!verified) throw refused();
      if (!(await recordPasskeyUse(db, { id: passkey.id, counter: verified.newCounter, backedUp: verified.backedUp, at: now.toISOString() }))) throw refused();
      const made = await openSession(db, { userId: passkey.userId, method: 'passkey', userAgent: c.req.header('User-Agent') ?? null, now });
      await announceOn(c, owner.shard)(made.pushes);
      return respondWithSession(c, config, now, made.row, { id: made.sessionId, shard: owner.shard }, 200);
    },
  );
