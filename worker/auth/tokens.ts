/**
 * Access tokens are JWTs (HS256) that name a session stored in D1: the signature
 * proves who issued them, the session row lets logout revoke them.
 */
import { errors, jwtVerify, SignJWT } from 'jose';

export const ISSUER = 'topup';
export const AUDIENCE = 'topup-api';
export const SESSION_TTL_SECONDS = 30 * 24 * 60 * 60;
// Key id of the current signing key; lets an operator rotate JWT_SECRET later.
const KEY_ID = 'k1';

export type TokenClaims = { userId: string; sessionId: string };

export async function signToken(claims: TokenClaims, secret: Uint8Array, now: Date): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000);
  return new SignJWT({ sid: claims.sessionId })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: KEY_ID })
    .setSubject(claims.userId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(iat + SESSION_TTL_SECONDS)
    .sign(secret);
}

/** The claims of a valid token, or null for anything else (bad signature, alg, exp, iss, aud…). */
export async function verifyToken(token: string, secret: Uint8Array, now: Date): Promise<TokenClaims | null> {
  try {
    const { payload } = await jwtVerify(token, secret, {
      algorithms: ['HS256'],
      issuer: ISSUER,
      audience: AUDIENCE,
      requiredClaims: ['exp', 'iat', 'sub', 'sid'],
      currentDate: now,
    });
    if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string') return null;
    return { userId: payload.sub, sessionId: payload.sid };
  } catch (error) {
    if (error instanceof errors.JOSEError) return null;
    throw error;
  }
}
