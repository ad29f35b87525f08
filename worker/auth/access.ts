/** Access's JWT, verified here on every request (ADR 015): workers.dev and previews bypass Access. The dev issuer: loopback, undeployed only. */
import { createLocalJWKSet, createRemoteJWKSet, decodeJwt, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { AccessConfig } from '../env';

export const ACCESS_HEADER = 'Cf-Access-Jwt-Assertion';
/** The development issuer's `iss` and `aud` (scripts/admin-token.mjs signs with them). */
export const DEV_ISSUER = 'topup-dev-access';
export const DEV_AUDIENCE = 'topup-dev-console';

/** Access signs with RS256; nothing else is ever accepted (no `none`, no HMAC with a public key). */
const ALGORITHMS = ['RS256'];
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export type AccessIdentity = { email: string; issuer: 'team' | 'dev' };

// One key set per URL per isolate: jose caches the keys and refetches on an unknown `kid`.
const remoteSets = new Map<string, JWTVerifyGetKey>();
function remoteSet(url: string): JWTVerifyGetKey {
  let set = remoteSets.get(url);
  if (!set) {
    set = createRemoteJWKSet(new URL(url), { timeoutDuration: 5_000, cooldownDuration: 30_000 });
    remoteSets.set(url, set);
  }
  return set;
}

/** Which issuer a token claims decides which keys check it; the claim itself proves nothing until verified. */
function unverifiedIssuer(token: string): string | null {
  try {
    const iss = decodeJwt(token).iss;
    return typeof iss === 'string' ? iss : null;
  } catch {
    return null;
  }
}

/** The operator a valid Access JWT names, or null for anything else (signature, alg, iss, aud, exp, a missing email). */
export async function verifyAccessJwt(token: string, access: AccessConfig, host: string, now: Date): Promise<AccessIdentity | null> {
  const claimed = unverifiedIssuer(token);
  const dev = claimed === DEV_ISSUER && LOOPBACK.has(host) ? access.dev : null;
  const verifier = dev
    ? { keys: createLocalJWKSet({ keys: [{ ...dev.publicJwk, kty: 'RSA', alg: 'RS256' }] }), issuer: DEV_ISSUER, audience: DEV_AUDIENCE, issuerKind: 'dev' as const }
    : access.team && claimed === access.team.issuer
      ? { keys: remoteSet(access.team.jwksUrl), issuer: access.team.issuer, audience: access.team.audience, issuerKind: 'team' as const }
      : null;
  if (!verifier) return null;
  try {
    const { payload } = await jwtVerify(token, verifier.keys, {
      algorithms: ALGORITHMS,
      issuer: verifier.issuer,
      audience: verifier.audience,
      requiredClaims: ['exp', 'iat', 'sub', 'email'],
      currentDate: now,
    });
    const email = payload['email'];
    if (typeof email !== 'string' || !email.includes('@') || email.length > 254) return null;
    return { email: email.trim().toLowerCase(), issuer: verifier.issuerKind };
  } catch (error) {
    if (error instanceof errors.JOSEError) return null;
    // The team's keys could not be fetched: no operator is let in, and it is worth a log line.
    console.error(JSON.stringify({ level: 'error', msg: 'access: could not verify', error: String(error) }));
    return null;
  }
}
