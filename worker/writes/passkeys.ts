/** A signed-in user's passkeys: the registration challenge, the registration, removal. */
import type { RelyingParty } from '../auth/webauthn';
import { verifyRegistration } from '../auth/passkey-ceremony';
import { toBase64url } from '../auth/base64url';
import type { Auth } from '../auth/tokens';
import { issueChallenge, takeChallenge } from '../db/challenges';
import { isUniqueViolation, runWrite, type Writer } from './run';
import { forgetPasskeyOwner, recordPasskeyOwner } from '../db/directory';
import { deletePasskey, insertPasskey, toApiPasskey } from '../db/passkeys';
import type { RequestShards } from '../db/shards';
import { DomainError } from '../domain/errors';

type SignedIn = Writer & { auth: Auth };

/** Any registration that does not verify against a live challenge: one answer, whatever the reason. */
const notVerified = () => new DomainError('VALIDATION_FAILED', 'The passkey could not be verified', { fields: { response: 'Does not verify against a live challenge' } });

export async function storeRegistrationChallenge(w: SignedIn, challenge: string): Promise<void> {
  const { db, now, auth } = w;
  await runWrite({ db, now, auth, claim: null }, async (batch) => {
    await batch(issueChallenge(db, { challenge, purpose: 'register', userId: auth.userId, nowMs: now.getTime() }));
    return { status: 204, body: null };
  });
}

export function registerPasskey(w: SignedIn & { shards: RequestShards }, rp: RelyingParty, challenge: string, body: { response: unknown; name?: string | undefined }) {
  const { db, auth, now, shards } = w;
  return runWrite(w, async (batch) => {
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
}

export function removePasskey(w: SignedIn & { shards: RequestShards }, id: string) {
  const { db, auth, shards } = w;
  return runWrite(w, async (batch) => {
    const [gone] = await batch([deletePasskey(db, auth.userId, id)]);
    const removed = gone[0];
    if (gone.length !== 1 || !removed) throw new DomainError('NOT_FOUND', 'No such passkey');
    // Gone from the shard first, so it can no longer sign in; then the directory forgets it.
    await forgetPasskeyOwner(shards.directory, removed.credentialId);
    return { status: 204 as const, body: null };
  });
}
