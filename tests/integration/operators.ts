/**
 * Operators for the operations API tests: a development issuer and a "team" issuer
 * (Cloudflare Access stand-in, its keys served through a stubbed fetch), tokens
 * signed by either, and roles written straight into the directory.
 */
import { env } from 'cloudflare:test';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { vi } from 'vitest';
import { DEV_AUDIENCE, DEV_ISSUER } from '../../worker/auth/access';
import type { Role } from '../../worker/domain/roles';
import { makeHarness } from './harness';

export const TEAM_ISSUER = 'https://topup-test.cloudflareaccess.com';
export const TEAM_AUD = 'test-aud-0123456789';
export const TEAM_JWKS = `${TEAM_ISSUER}/cdn-cgi/access/certs`;

type KeyPair = { privateKey: CryptoKey; publicJwk: JWK };

async function keyPair(kid: string): Promise<KeyPair> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  return { privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
}

export const devKeys = await keyPair('dev-1');
export const teamKeys = await keyPair('team-1');
export const strangerKeys = await keyPair('team-1');

/** The team's JWKS, as Access serves it at /cdn-cgi/access/certs (every other fetch is refused). */
export function serveTeamKeys() {
  const real = globalThis.fetch;
  return vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (url === TEAM_JWKS) return Response.json({ keys: [teamKeys.publicJwk] });
    return real(input, init);
  });
}

export type Claims = { email?: string; iss?: string; aud?: string; exp?: number; iat?: number; sub?: string };

export async function sign(keys: KeyPair, claims: Claims, now = new Date()): Promise<string> {
  const iat = claims.iat ?? Math.floor(now.getTime() / 1000);
  const jwt = new SignJWT({ email: claims.email, type: 'app' })
    .setProtectedHeader({ alg: 'RS256', kid: keys.publicJwk.kid! })
    .setIssuedAt(iat)
    .setExpirationTime(claims.exp ?? iat + 3600);
  if (claims.iss) jwt.setIssuer(claims.iss);
  if (claims.aud) jwt.setAudience(claims.aud);
  if (claims.sub !== '') jwt.setSubject(claims.sub ?? `sub-${claims.email}`);
  return jwt.sign(keys.privateKey);
}

/** A development-issuer token (what `npm run admin:token` prints). */
export function devToken(email: string, now?: Date): Promise<string> {
  return sign(devKeys, { email, iss: DEV_ISSUER, aud: DEV_AUDIENCE }, now);
}

export function teamToken(email: string, now?: Date): Promise<string> {
  return sign(teamKeys, { email, iss: TEAM_ISSUER, aud: TEAM_AUD }, now);
}

/** The environment of a local Worker with both issuers configured. */
export const operatorEnv = {
  ACCESS_DEV_ISSUER: 'on',
  ACCESS_DEV_PUBLIC_JWK: JSON.stringify(devKeys.publicJwk),
  ACCESS_ISSUER: TEAM_ISSUER,
  ACCESS_AUD: TEAM_AUD,
  ACCESS_JWKS_URL: TEAM_JWKS,
};

export async function grant(email: string, role: Role): Promise<void> {
  await env.DIRECTORY.prepare(
    `INSERT INTO operator_roles (email, role, granted_by, granted_at) VALUES (?, ?, 'test', '2026-11-01T00:00:00.000Z')
     ON CONFLICT(email) DO UPDATE SET role = excluded.role`,
  )
    .bind(email, role)
    .run();
}

let operators = 0;
/** A new operator with `role`, and the header that signs them in. */
export async function operator(role: Role, now?: Date): Promise<{ email: string; headers: Record<string, string> }> {
  const email = `${role}-${++operators}-${crypto.randomUUID().slice(0, 8)}@ops.example`;
  await grant(email, role);
  return { email, headers: { 'Cf-Access-Jwt-Assertion': await devToken(email, now) } };
}

/** The harness with both issuers configured. */
export function makeOperatorHarness(options: Parameters<typeof makeHarness>[0] = {}) {
  return makeHarness({ ...options, env: { ...operatorEnv, ...options.env } });
}
