/** The PWA's session cookie: __Host- prefixed, HttpOnly, Secure, SameSite=Strict, Path=/. */
import { SESSION_COOKIE } from '../contract/components';
import { SESSION_TTL_SECONDS } from './tokens';

export { SESSION_COOKIE };

export function sessionCookie(token: string): string {
  return `${SESSION_COOKIE}=${token}; Max-Age=${SESSION_TTL_SECONDS}; Path=/; HttpOnly; Secure; SameSite=Strict`;
}

export function clearedSessionCookie(): string {
  return `${SESSION_COOKIE}=; Max-Age=0; Path=/; HttpOnly; Secure; SameSite=Strict`;
}

/** The token from `Authorization: Bearer …`, else from the session cookie. */
export function tokenFrom(authorization: string | undefined, cookieHeader: string | undefined): string | null {
  const bearer = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  if (bearer?.[1]) return bearer[1];
  for (const part of (cookieHeader ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE && value.length > 0) return value.join('=') || null;
  }
  return null;
}
