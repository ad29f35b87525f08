/** JWTs naming a D1 session, which logout revokes (ADR 003); `kid` names the secret, so JWT_SECRET can rotate (docs/operations.md). */
import { errors, jwtVerify, SignJWT, type JWTHeaderParameters } from 'jose';
import { hmacKey } from './keys';

export const ISSUER = 'topup';
export const AUDIENCE = 'topup-api';
export const SESSION_TTL_SECONDS = 30 * 24 * 60 * 60;

/** `shard` (claim `shd`): a signed-in request needs no directory look-up. A token from before shards has none: shard 0. */
export type TokenClaims = { userId: string; sessionId: string; shard: number };
/** Who is signed in: the claims of a verified token (whether its session is live is checked in D1). */
export type Auth = TokenClaims;
export type SigningKeys = { current: Uint8Array<ArrayBuffer>; previous: Uint8Array<ArrayBuffer> | null };

/** A short, stable, non-secret name for a secret (FNV-1a): selects the key, proves nothing. */
export function keyId(secret: Uint8Array): string {
  let hash = 0x811c9dc5;
  for (const byte of secret) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return `k${hash.toString(16).padStart(8, '0')}`;
}

export async function signToken(claims: TokenClaims, keys: SigningKeys, now: Date): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000);
  return new SignJWT({ sid: claims.sessionId, shd: claims.shard })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: keyId(keys.current) })
    .setSubject(claims.userId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(iat + SESSION_TTL_SECONDS)
    .sign(await hmacKey(keys.current));
}

function keyFor(keys: SigningKeys, header: JWTHeaderParameters): Promise<CryptoKey> {
  if (keys.previous && header.kid === keyId(keys.previous)) return hmacKey(keys.previous);
  return hmacKey(keys.current);
}

/** The claims of a valid token, or null for anything else (bad signature, alg, exp, iss, aud…). */
export async function verifyToken(token: string, keys: SigningKeys, now: Date): Promise<TokenClaims | null> {
  try {
    const { payload } = await jwtVerify(token, (header) => keyFor(keys, header), {
      algorithms: ['HS256'],
      issuer: ISSUER,
      audience: AUDIENCE,
      requiredClaims: ['exp', 'iat', 'sub', 'sid'],
      currentDate: now,
    });
    if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string') return null;
    const shard = payload['shd'] ?? 0;
    if (typeof shard !== 'number' || !Number.isSafeInteger(shard) || shard < 0) return null;
    return { userId: payload.sub, sessionId: payload.sid, shard };
  } catch (error) {
    if (error instanceof errors.JOSEError) return null;
    throw error;
  }
}
