/** The relying party as this request sees it (ADR 011): its host; origins configured when deployed, the request's own locally (ports change). */
import { ConfigError, type Env } from '../env';

export type RelyingParty = { id: string; name: string; origins: string[] };

export const RP_NAME = 'TopUp';
/** A challenge lives five minutes (API.md "Passkeys"). */
export const CHALLENGE_TTL_MS = 5 * 60 * 1000;

const configured = new Map<string, string[]>();

function originsOf(env: Env): string[] | null {
  const raw = env.WEBAUTHN_ORIGINS?.trim();
  if (!raw) return null;
  let list = configured.get(raw);
  if (!list) {
    list = raw.split(',').map((part) => {
      const text = part.trim();
      let url: URL;
      try {
        url = new URL(text);
      } catch {
        throw new ConfigError(`WEBAUTHN_ORIGINS must list origins such as https://topup.example, got ${JSON.stringify(text)}`);
      }
      if (url.origin !== text) throw new ConfigError(`WEBAUTHN_ORIGINS must list bare origins (no path), got ${JSON.stringify(text)}`);
      return url.origin;
    });
    configured.set(raw, list);
  }
  return list;
}

/** The RP for this request, or null when its host is not one passkeys are configured for. */
export function relyingParty(env: Env, requestUrl: string): RelyingParty | null {
  const url = new URL(requestUrl);
  const origins = originsOf(env);
  if (!origins) return { id: url.hostname, name: RP_NAME, origins: [url.origin] };
  const mine = origins.filter((origin) => new URL(origin).hostname === url.hostname);
  return mine.length > 0 ? { id: url.hostname, name: RP_NAME, origins: mine } : null;
}

/** The challenge a response answers, from its clientDataJSON (passkey-ceremony.ts checks it again); null for anything else. */
export function challengeOf(response: unknown): string | null {
  const clientData = (response as { response?: { clientDataJSON?: unknown } } | null)?.response?.clientDataJSON;
  if (typeof clientData !== 'string' || clientData.length > 4096) return null;
  try {
    const text = atob(clientData.replace(/-/g, '+').replace(/_/g, '/'));
    const challenge = (JSON.parse(text) as { challenge?: unknown }).challenge;
    return typeof challenge === 'string' && /^[A-Za-z0-9_-]{16,128}$/.test(challenge) ? challenge : null;
  } catch {
    return null;
  }
}

/** The user id a passkey was created for (WebAuthn's user.id: the UTF-8 bytes of ours). */
export const userHandleOf = (userId: string) => new TextEncoder().encode(userId);
