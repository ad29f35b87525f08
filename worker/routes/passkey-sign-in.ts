/**
 * Passkey sign-in (API.md "Passkeys"): options carry a one-time challenge tied to no
 * one; the sign-in takes it, finds the credential's owner, lets the library verify the
 * signature, moves the sign counter forward (compare-and-set), and answers exactly as a
 * password login: a new session (method "passkey"), its token and cookie. Every refusal
 * is the same 401 INVALID_CREDENTIALS: nothing says which check failed.
 */
import { Hono } from 'hono';
import * as v from 'valibot';
import { generateAuthenticationOptions, verifyAuthenticationResponse, type AuthenticationResponseJSON } from '@simplewebauthn/server';
import { isoBase64URL } from '@simplewebauthn/server/helpers';
import type { AppEnv } from '../app-env';
import { challengeOf, relyingParty } from '../auth/webauthn';
import { ANSWERS, answer, describe } from '../contract/describe';
import { SessionSchema, WebAuthnOptionsSchema } from '../contract/schemas';
import { issueChallenge, takeChallenge } from '../db/challenges';
import { findPasskeyOwner, recordPasskeyUse, transportsOf } from '../db/passkeys';
import { insertSession, liveUser } from '../db/sessions';
import { userQuery } from '../db/users';
import { DomainError } from '../domain/errors';
import { perClient } from '../middleware/rate-limit';
import { json } from '../middleware/validate';
import { respondWithSession } from './auth';

const TAGS = ['Authentication'];
const refused = () => new DomainError('INVALID_CREDENTIALS', 'The passkey could not be verified');

const SignInBody = v.object({ response: v.looseObject({}, 'Must be the WebAuthn authentication response') });

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
      const { db, now } = c.var;
      const rp = relyingParty(c.env, c.req.url);
      if (!rp) throw new DomainError('FORBIDDEN', 'Passkeys are not available on this host');
      const options = await generateAuthenticationOptions({ rpID: rp.id, userVerification: 'preferred' });
      await db.batch(issueChallenge(db, { challenge: options.challenge, purpose: 'sign_in', userId: null, nowMs: now.getTime() }));
      return c.json({ options: options as unknown as { challenge: string } & Record<string, unknown> }, 200);
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
      errors: [...ANSWERS.write, ...ANSWERS.validated, 'INVALID_CREDENTIALS', 'RATE_LIMITED'],
    }),
    perClient(),
    json(SignInBody),
    async (c) => {
      const { config, db, now } = c.var;
      const response = c.req.valid('json').response as unknown as AuthenticationResponseJSON;
      const rp = relyingParty(c.env, c.req.url);
      const challenge = challengeOf(response);
      if (!rp || !challenge || typeof response.id !== 'string') throw refused();
      // Taken before anything else is looked at: a challenge is tried once, whatever follows.
      const taken = await takeChallenge(db, { challenge, purpose: 'sign_in', userId: null, nowMs: now.getTime() });
      if (taken.length !== 1) throw refused();
      const passkey = await findPasskeyOwner(db, response.id);
      if (!passkey) throw refused();
      // The authenticator says whose credential this is: it must be the owner we hold.
      const handle = response.response?.userHandle;
      if (handle !== undefined && handle !== isoBase64URL.fromUTF8String(passkey.userId)) throw refused();
      const verification = await verifyAuthenticationResponse({
        response,
        expectedChallenge: challenge,
        expectedOrigin: rp.origins,
        expectedRPID: rp.id,
        credential: { id: passkey.credentialId, publicKey: isoBase64URL.toBuffer(passkey.publicKey), counter: passkey.counter, transports: transportsOf(passkey.transports) },
        requireUserVerification: false,
      }).catch(() => null);
      if (!verification?.verified) throw refused();
      const { newCounter, credentialBackedUp } = verification.authenticationInfo;
      if (!(await recordPasskeyUse(db, { id: passkey.id, counter: newCounter, backedUp: credentialBackedUp, at: now.toISOString() }))) throw refused();
      const sessionId = crypto.randomUUID();
      const [, me] = await db.batch([
        insertSession(db, { id: sessionId, userId: passkey.userId, now, method: 'passkey', userAgent: c.req.header('User-Agent') ?? null }),
        userQuery(db, passkey.userId),
      ]);
      return respondWithSession(c, config, now, liveUser(me), sessionId, 200);
    },
  );
