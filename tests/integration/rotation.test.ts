import { describe, expect, it } from 'vitest';
import { makeHarness } from './harness';

describe('rotating JWT_SECRET', () => {
  it('keeps tokens signed with the previous secret valid, and only those', async () => {
    const before = makeHarness();
    const u = await before.signUp();
    const oldSecret = before.bindings.JWT_SECRET!;
    const newSecret = 'rotated-secret-abcdefghijklmnopqrstuvwxyz012345';

    const during = makeHarness({ env: { JWT_SECRET: newSecret, JWT_SECRET_PREVIOUS: oldSecret } });
    expect((await during.call('GET', '/api/me', { token: u.token })).status).toBe(200);
    const fresh = await during.signUp();
    expect((await during.call('GET', '/api/me', { token: fresh.token })).status).toBe(200);

    const after = makeHarness({ env: { JWT_SECRET: newSecret } });
    expect((await after.call('GET', '/api/me', { token: u.token })).status).toBe(401);
    expect((await after.call('GET', '/api/me', { token: fresh.token })).status).toBe(200);
  });
});
