/** A signed-in user's passkeys (ADR 011): registration options, registration, the list, removal. */
import { Hono } from 'hono';
import * as v from 'valibot';
import type { AppEnv } from '../app-env';
import { readAsUser } from '../writes/read';
import type { Env } from '../env';
import { challengeOf, relyingParty, userHandleOf, type RelyingParty } from '../auth/webauthn';
import { registrationOptions } from '../auth/passkey-ceremony';
import { ANSWERS, answer, describe } from '../contract/describe';
import { PasskeyListSchema, PasskeyResultSchema, WebAuthnOptionsSchema } from '../contract/schemas';
import { credentialsOf, listPasskeys, toApiPasskey, transportsOf } from '../db/passkeys';
import { registerPasskey, removePasskey, storeRegistrationChallenge } from '../writes/passkeys';
import { DomainError } from '../domain/errors';
import { documentedAs, idempotent, json, jsonObject, trimmedTextPattern, reply } from '../middleware/exchange';
import { requireAuth } from '../middleware/session';

const TAGS = ['Passkeys'];
const NO_CONTROL = /^[^\p{Cc}]*$/u;

const RegisterBody = v.object({
  name: v.optional(v.pipe(v.string('Must be text'), v.trim(), v.minLength(1, 'Name is required'), v.maxLength(50, 'Must be at most 50 characters'), v.regex(NO_CONTROL, 'Cannot contain control characters'), documentedAs({ pattern: trimmedTextPattern() }))),
  response: jsonObject('Must be the WebAuthn registration response'),
});

function rpOf(env: Env, url: string): RelyingParty {
  const rp = relyingParty(env, url);
  if (!rp) throw new DomainError('FORBIDDEN', 'Passkeys are not available on this host');
  return rp;
}

export const passkeyRoutes = new Hono<AppEnv>()
  .post(
    '/options',
    describe({
      summary: 'Options to register a passkey',
      description: 'PublicKeyCredentialCreationOptionsJSON for navigator.credentials.create(); its challenge is single-use and lives 5 minutes. Idempotency-Key is ignored: every call issues a new challenge.',
      tags: TAGS,
      signedIn: true,
      ok: { 200: answer('WebAuthn creation options', WebAuthnOptionsSchema) },
      errors: [...ANSWERS.write, 'FORBIDDEN'],
    }),
    requireAuth,
    json(v.object({})),
    async (c) => {
      const { db, auth } = c.var;
      const rp = rpOf(c.env, c.req.url);
      const [me, existing] = await readAsUser(c.var, credentialsOf(db, auth.userId));
      const user = me;
      const options = registrationOptions({
        rpName: rp.name,
        rpId: rp.id,
        userName: user.email,
        displayName: user.name,
        userId: userHandleOf(user.id),
        exclude: existing.map((e) => ({ id: e.credentialId, transports: transportsOf(e.transports) })),
      });
      await storeRegistrationChallenge(c.var, options.challenge);
      return c.json({ options }, 200);
    },
  )
  .post(
    '/',
    describe({
      summary: 'Register a passkey',
      description: 'A `response` that does not verify against a live challenge of this user → 422 VALIDATION_FAILED (the challenge is used up either way).',
      tags: TAGS,
      signedIn: true,
      ok: { 201: answer('The new passkey', PasskeyResultSchema) },
      errors: [...ANSWERS.keyedWrite, ...ANSWERS.validated, 'FORBIDDEN'],
    }),
    requireAuth,
    idempotent(),
    json(RegisterBody),
    async (c) => {
      const body = c.req.valid('json');
      const rp = rpOf(c.env, c.req.url);
      // No challenge in it still goes through the batch: the session check comes first (401 before 422).
      const challenge = challengeOf(body.response) ?? '';
      const outcome = await registerPasskey(c.var, rp, challenge, body);
      return reply(c, outcome);
    },
  )
  .get(
    '/',
    describe({ summary: 'The user’s passkeys', tags: TAGS, signedIn: true, ok: { 200: answer('Passkeys, newest first', PasskeyListSchema) }, errors: [] }),
    requireAuth,
    async (c) => {
      const { db, auth } = c.var;
      const [, rows] = await readAsUser(c.var, listPasskeys(db, auth.userId));
      return c.json({ items: rows.map(toApiPasskey) }, 200);
    },
  )
  .delete(
    '/:id',
    describe({ summary: 'Remove a passkey', description: 'It can never sign in again. Another user’s passkey → 404.', tags: TAGS, signedIn: true, ok: { 204: { description: 'Removed' } }, errors: [...ANSWERS.keyedWrite, 'NOT_FOUND'] }),
    requireAuth,
    idempotent(),
    async (c) => {
      const id = c.req.param('id');
      const outcome = await removePasskey(c.var, id);
      return reply(c, outcome);
    },
  );
