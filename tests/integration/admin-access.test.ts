/**
 * Who may use the operations API (API.md "Operations API"): a valid Access JWT on
 * every request — forged, expired, other-issuer, alg:none and HMAC-with-the-public-key
 * tokens are 401 — and a role at least the route's (403 where it is missing). Customer
 * tokens never open /api/admin; Access tokens never open the customer API; a deployed
 * Worker refuses the development issuer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import { DEV_AUDIENCE, DEV_ISSUER } from '../../worker/auth/access';
import { ROLES, type Role } from '../../worker/domain/roles';
import { devKeys, devToken, grant, makeOperatorHarness, operator, serveTeamKeys, sign, strangerKeys, TEAM_AUD, TEAM_ISSUER, teamKeys, teamToken } from './operators';

const h = makeOperatorHarness();
const now = () => new Date(h.clock.now);
let fetchStub: ReturnType<typeof serveTeamKeys>;
beforeAll(() => {
  fetchStub = serveTeamKeys();
});
afterAll(() => fetchStub.mockRestore());

const overview = (headers: Record<string, string>) => h.call('GET', '/api/admin/overview', { headers });
const as = (token: string) => ({ 'Cf-Access-Jwt-Assertion': token });

describe('the Access JWT', () => {
  it('is required: none, or garbage → 401 UNAUTHENTICATED', async () => {
    expect((await overview({})).json.error.code).toBe('UNAUTHENTICATED');
    expect((await overview(as('not.a.jwt'))).status).toBe(401);
  });

  it('from the team issuer (keys fetched from ACCESS_JWKS_URL) or the local development issuer lets an operator in', async () => {
    await grant('team-op@ops.example', 'viewer');
    expect((await overview(as(await teamToken('team-op@ops.example', now())))).status).toBe(200);
    expect((await overview(as(await devToken('team-op@ops.example', now())))).status).toBe(200);
  });

  it('refuses forged, expired, future, other-issuer, wrong-audience, alg:none and HS256 tokens', async () => {
    await grant('victim@ops.example', 'admin');
    const email = 'victim@ops.example';
    const t = Math.floor(now().getTime() / 1000);
    const header = (o: object) => btoa(JSON.stringify(o)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
    const payload = header({ email, iss: DEV_ISSUER, aud: DEV_AUDIENCE, sub: 'x', iat: t, exp: t + 600 });
    const bad = [
      // Same kid, another key.
      await sign(strangerKeys, { email, iss: DEV_ISSUER, aud: DEV_AUDIENCE }, now()),
      await sign(strangerKeys, { email, iss: TEAM_ISSUER, aud: TEAM_AUD }, now()),
      // Expired, and not yet issued.
      await sign(devKeys, { email, iss: DEV_ISSUER, aud: DEV_AUDIENCE, iat: t - 7200, exp: t - 3600 }, now()),
      await sign(teamKeys, { email, iss: TEAM_ISSUER, aud: TEAM_AUD, iat: t - 7200, exp: t - 60 }, now()),
      // The team's key with the dev issuer's claims, and the dev key claiming the team issuer.
      await sign(teamKeys, { email, iss: DEV_ISSUER, aud: DEV_AUDIENCE }, now()),
      await sign(devKeys, { email, iss: TEAM_ISSUER, aud: TEAM_AUD }, now()),
      // Another issuer altogether, another audience, no email, no subject.
      await sign(teamKeys, { email, iss: 'https://evil.cloudflareaccess.com', aud: TEAM_AUD }, now()),
      await sign(teamKeys, { email, iss: TEAM_ISSUER, aud: 'another-app' }, now()),
      await sign(devKeys, { iss: DEV_ISSUER, aud: DEV_AUDIENCE }, now()),
      await sign(devKeys, { email, iss: DEV_ISSUER, aud: DEV_AUDIENCE, sub: '' }, now()),
      // alg: none, and HS256 keyed with the public key's modulus.
      `${header({ alg: 'none', typ: 'JWT' })}.${payload}.`,
      await new SignJWT({ email, sub: 'x' })
        .setProtectedHeader({ alg: 'HS256', kid: 'dev-1' })
        .setIssuer(DEV_ISSUER)
        .setAudience(DEV_AUDIENCE)
        .setIssuedAt(t)
        .setExpirationTime(t + 600)
        .sign(new TextEncoder().encode(devKeys.publicJwk.n!)),
    ];
    for (const [i, token] of bad.entries()) {
      const res = await overview(as(token));
      expect(res.status, `token ${i}`).toBe(401);
      expect(res.json.error.code).toBe('UNAUTHENTICATED');
    }
  });

  it('a deployed Worker (ENVIRONMENT staging/production) never accepts the development issuer, whatever its vars say', async () => {
    await grant('dev@ops.example', 'admin');
    const token = await devToken('dev@ops.example', now());
    for (const ENVIRONMENT of ['staging', 'production']) {
      const deployed = makeOperatorHarness({ now: now(), env: { ENVIRONMENT } });
      expect((await deployed.call('GET', '/api/admin/overview', { headers: as(token) })).status, ENVIRONMENT).toBe(401);
      // The team's Access still works there.
      expect((await deployed.call('GET', '/api/admin/overview', { headers: as(await teamToken('dev@ops.example', now())) })).status).toBe(200);
    }
  });

  it('the development issuer is refused on a non-loopback host, and when ACCESS_DEV_ISSUER is not on', async () => {
    await grant('dev2@ops.example', 'admin');
    const token = await devToken('dev2@ops.example', now());
    const res = await h.app.request('https://topup.example/api/admin/overview', { headers: as(token) }, h.bindings);
    expect(res.status).toBe(401);
    const off = makeOperatorHarness({ now: now(), env: { ACCESS_DEV_ISSUER: 'off' } });
    expect((await off.call('GET', '/api/admin/overview', { headers: as(token) })).status).toBe(401);
  });

  it('a customer token or cookie never opens /api/admin, and an Access JWT never opens the customer API', async () => {
    const u = await h.signUp();
    expect((await h.call('GET', '/api/admin/overview', { token: u.token })).status).toBe(401);
    expect((await h.call('GET', '/api/admin/overview', { headers: { Cookie: `__Host-topup_session=${u.token}` } })).status).toBe(401);
    const op = await operator('admin', now());
    // A customer's credentials beside an operator's change nothing either way.
    expect((await h.call('GET', '/api/admin/overview', { token: u.token, headers: op.headers })).status).toBe(200);
    expect((await h.call('GET', '/api/me', { headers: op.headers })).status).toBe(401);
    expect((await h.call('GET', '/api/me', { headers: { Authorization: `Bearer ${op.headers['Cf-Access-Jwt-Assertion']}` } })).status).toBe(401);
    // …nor through /api/sync.
    const sync = await h.call('POST', '/api/sync', { token: u.token, headers: op.headers, body: { actions: [{ key: 'a1', method: 'POST', path: '/api/admin/users/x/freeze', body: { reason: 'x' } }] } });
    expect(sync.status).toBe(200);
    expect(sync.json.results[0]!.status).toBe(401);
  });

  it('an operator without any role → 403 FORBIDDEN; an unknown admin route → 401 without Access, 404 with it', async () => {
    const token = await devToken('nobody@ops.example', now());
    expect((await overview(as(token))).json.error.code).toBe('FORBIDDEN');
    expect((await h.call('GET', '/api/admin/nope', {})).status).toBe(401);
    const op = await operator('viewer', now());
    expect((await h.call('GET', '/api/admin/nope', { headers: op.headers })).status).toBe(404);
  });
});

describe('every role × every route (403 where the role is missing)', () => {
  // Bodies that fail validation after the role check: a role that may → 422 (or 404/200 for reads), one that may not → 403.
  const routes: { method: string; path: string; needs: Role; body?: unknown }[] = [
    { method: 'GET', path: '/api/admin/users?q=someone@example.com', needs: 'viewer' },
    { method: 'GET', path: '/api/admin/users/no-such-user', needs: 'viewer' },
    { method: 'GET', path: '/api/admin/audit', needs: 'viewer' },
    { method: 'GET', path: '/api/admin/overview', needs: 'viewer' },
    { method: 'GET', path: '/api/admin/adjustments?status=pending', needs: 'viewer' },
    { method: 'GET', path: '/api/admin/problems?status=open', needs: 'viewer' },
    { method: 'POST', path: '/api/admin/users/u1/freeze', needs: 'support', body: { reason: '' } },
    { method: 'POST', path: '/api/admin/users/u1/unfreeze', needs: 'support', body: { reason: '' } },
    { method: 'POST', path: '/api/admin/users/u1/sessions/end', needs: 'support', body: { reason: '' } },
    { method: 'PATCH', path: '/api/admin/problems/p1', needs: 'support', body: { status: 'open', reason: '' } },
    { method: 'POST', path: '/api/admin/topups/t1/settle', needs: 'finance', body: { outcome: 'maybe', reason: 'x' } },
    { method: 'POST', path: '/api/admin/adjustments', needs: 'finance', body: { user_id: 'u1', amount: 0, reason: 'x' } },
    { method: 'POST', path: '/api/admin/adjustments/a1/approve', needs: 'finance', body: { reason: '' } },
    { method: 'POST', path: '/api/admin/adjustments/a1/reject', needs: 'finance', body: { reason: '' } },
    { method: 'GET', path: '/api/admin/roles', needs: 'admin' },
    { method: 'PUT', path: '/api/admin/roles/x@ops.example', needs: 'admin', body: { role: 'owner', reason: 'x' } },
    { method: 'DELETE', path: '/api/admin/roles/x@ops.example', needs: 'admin', body: { reason: '' } },
  ];
  const rank = (r: Role) => ROLES.indexOf(r);

  for (const role of ROLES) {
    it(role, async () => {
      const op = await operator(role, now());
      for (const r of routes) {
        const res = await h.call(r.method, r.path, { headers: op.headers, ...(r.body === undefined ? {} : { body: r.body }) });
        const what = `${role} ${r.method} ${r.path} → ${res.status} ${res.text.slice(0, 120)}`;
        if (rank(role) >= rank(r.needs)) expect([200, 404, 422], what).toContain(res.status);
        else {
          expect(res.status, what).toBe(403);
          expect(res.json.error.code, what).toBe('FORBIDDEN');
        }
      }
    });
  }
});
