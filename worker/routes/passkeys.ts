/**
 * A signed-in user's passkeys (API.md "Passkeys"): registration options, registration,
 * the list, removal. The ceremony: options store a one-time challenge tied to the user;
 * the registration's first batch takes that challenge (with the idempotency claim), then
 * the library verifies the attestation, then the passkey is stored. docs/decisions/011.
 */
import { Hono } from 'hono';
import * as v from 'valibot';
import type { AppEnv } from '../app-env';
import type { Env } from '../env';
import { challengeOf, relyingParty, userHandleOf, type RelyingParty } from '../auth/webauthn';
import { registrationOptions, verifyRegistration } from '../auth/passkey-ceremony';
import { toBase64url } from '../auth/base64url';
import { ANSWERS, answer, describe } from '../contract/describe';
import { PasskeyListSchema, PasskeyResultSchema, WebAuthnOptionsSchema } from '../contract/schemas';
import { issueChallenge, takeChallenge } from '../db/challenges';
import { isUniqueViolation } from '../db/errors';
import { forgetPasskeyOwner, recordPasskeyOwner } from '../db/directory';
import { credentialsOf, deletePasskey, insertPasskey, listPasskeys, toApiPasskey, transportsOf } from '../db/passkeys';
import { liveUser, meQuery } from '../db/sessions';
import { runWrite } from '../writes/run';
import { DomainError } from '../domain/errors';
import { idempotent, reply } from '../middleware/idempotent';
import { requireAuth } from '../middleware/session';
import { documentedAs, json, jsonObject, trimmedTextPattern } from '../middleware/validate';

const TAGS = ['Passkeys'];
const NO_CONTROL = /^[^\p{Cc}]*$/u;

const RegisterBody = v.object({
  name: v.optional(v.pipe(v.string('Must be text'), v.trim(), v.minLength(1, 'Name is required'), v.maxLength(50, 'Must be at most 50 characters'), v.regex(NO_CONTROL, 'Cannot contain control characters'), documentedAs({ pattern: trimmedTextPattern() }))),
  response: jsonObject('Must be the WebAuthn registration response'),
});

/** Any registration that does not verify against a live challenge: one answer, whatever the reason. */
const notVerified = () => new DomainError('VALIDATION_FAILED', 'The passkey could not be verified', { fields: { response: 'Does not verify against a live challenge' } });

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
      const { db, auth, now } = c.var;
      const rp = rpOf(c.env, c.req.url);
      const [me, existing] = await db.batch([meQuery(db, auth, now), credentialsOf(db, auth.userId)]);
      const user = liveUser(me);
      const options = registrationOptions({
        rpName: rp.name,
        rpId: rp.id,
        userName: user.email,
        displayName: user.name,
        userId: userHandleOf(user.id),
        exclude: existing.map((e) => ({ id: e.credentialId, transports: transportsOf(e.transports) })),
      });
      await runWrite({ db, now, auth, claim: null }, async (batch) => {
        await batch(issueChallenge(db, { challenge: options.challenge, purpose: 'register', userId: auth.userId, nowMs: now.getTime() }));
        return { status: 204, body: null };
      });
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
      const { db, auth, now, shards } = c.var;
      const body = c.req.valid('json');
      const rp = rpOf(c.env, c.req.url);
      // No challenge in it still goes through the batch: the session check comes first (401 before 422).
      const challenge = challengeOf(body.response) ?? '';
      const outcome = await runWrite(c.var, async (batch) => {
        // Taken first, with the key's claim: single use whatever the verification says next.
        const [taken] = await batch([takeChallenge(db, { challenge, purpose: 'register', userId: auth.userId, nowMs: now.getTime() })]);
        if (taken.length !== 1) throw notVerified();
        const info = await verifyRegistration(body.response, { challenge, origins: rp.origins, rpId: rp.id });
        if (!info) throw notVerified();
        // The directory learns the credential's owner first (passkey sign-in starts there);
        // one left behind by a write that then failed names no passkey on the shard: a 401, harmless.
        const owned = await recordPasskeyOwner(shards.directory, { credentialId: info.id, userId: auth.userId, shard: auth.shard, at: now.toISOString() }).then(
          () => true,
          () => false,
        );
        if (!owned) throw notVerified();
        try {
          const [rows] = await batch([
            insertPasskey(db, {
              id: crypto.randomUUID(),
              userId: auth.userId,
              credentialId: info.id,
              publicKey: toBase64url(info.publicKey),
              counter: info.counter,
              transports: JSON.stringify(info.transports),
              deviceType: info.deviceType,
              backedUp: info.backedUp,
              name: body.name ?? 'Passkey',
              createdAt: now.toISOString(),
            }),
          ]);
          const row = rows[0];
          if (!row) throw new Error('passkey insert returned no row');
          return { status: 201 as const, body: { passkey: toApiPasskey(row) } };
        } catch (error) {
          // The same authenticator registered twice (options exclude it; a stale page may not).
          if (isUniqueViolation(error, 'passkeys.credential_id')) throw notVerified();
          throw error;
        }
      });
      return reply(c, outcome);
    },
  )
  .get(
    '/',
    describe({ summary: 'The user’s passkeys', tags: TAGS, signedIn: true, ok: { 200: answer('Passkeys, newest first', PasskeyListSchema) }, errors: [] }),
    requireAuth,
    async (c) => {
      const { db, auth, now } = c.var;
      const [me, rows] = await db.batch([meQuery(db, auth, now), listPasskeys(db, auth.userId)]);
      liveUser(me);
      return c.json({ items: rows.map(toApiPasskey) }, 200);
    },
  )
  .delete(
    '/:id',
    describe({ summary: 'Remove a passkey', description: 'It can never sign in again. Another user’s passkey → 404.', tags: TAGS, signedIn: true, ok: { 204: { description: 'Removed' } }, errors: [...ANSWERS.keyedWrite, 'NOT_FOUND'] }),
    requireAuth,
    idempotent(),
    async (c) => {
      const { db, auth, shards } = c.var;
      const id = c.req.param('id');
      const outcome = await runWrite(c.var, async (batch) => {
        const [gone] = await batch([deletePasskey(db, auth.userId, id)]);
        const removed = gone[0];
        if (gone.length !== 1 || !removed) throw new DomainError('NOT_FOUND', 'No such passkey');
        // Gone from the shard first, so it can no longer sign in; then the directory forgets it.
        await forgetPasskeyOwner(shards.directory, removed.credentialId);
        return { status: 204 as const, body: null };
      });
      return reply(c, outcome);
    },
  );
