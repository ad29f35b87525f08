/** The directory's passkey table (for issue 11): credential id → user and shard. */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { findPasskeyOwner, forgetPasskeyOwner, recordPasskeyOwner, shardForUnknown } from '../../worker/db/directory';

const at = '2026-11-15T10:00:00.000Z';

describe('passkey owners in the directory', () => {
  it('records, finds and forgets the owner of a credential', async () => {
    expect(await findPasskeyOwner(env.DIRECTORY, 'cred-1')).toBeNull();
    await recordPasskeyOwner(env.DIRECTORY, { credentialId: 'cred-1', userId: 'u-1', shard: 1, at });
    expect(await findPasskeyOwner(env.DIRECTORY, 'cred-1')).toEqual({ userId: 'u-1', shard: 1 });
    // Recording it again for the same user is harmless.
    await recordPasskeyOwner(env.DIRECTORY, { credentialId: 'cred-1', userId: 'u-1', shard: 1, at });
    await forgetPasskeyOwner(env.DIRECTORY, 'cred-1');
    expect(await findPasskeyOwner(env.DIRECTORY, 'cred-1')).toBeNull();
  });

  it('refuses a credential id that another user holds, and keeps the first owner', async () => {
    await recordPasskeyOwner(env.DIRECTORY, { credentialId: 'cred-2', userId: 'u-1', shard: 0, at });
    await expect(recordPasskeyOwner(env.DIRECTORY, { credentialId: 'cred-2', userId: 'u-2', shard: 1, at })).rejects.toThrow(/another user/);
    expect(await findPasskeyOwner(env.DIRECTORY, 'cred-2')).toEqual({ userId: 'u-1', shard: 0 });
  });
});

describe('throttling an email with no account', () => {
  it('always lands on the same shard, and spreads emails over all of them', () => {
    expect(shardForUnknown('nobody@example.com', [0, 1])).toBe(shardForUnknown('nobody@example.com', [0, 1]));
    const seen = new Set(Array.from({ length: 50 }, (_, i) => shardForUnknown(`n${i}@example.com`, [0, 1])));
    expect(seen).toEqual(new Set([0, 1]));
  });
});
