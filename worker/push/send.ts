/** One Web Push request (RFC 8030/8291/8292); the library builds https only, so a local http endpoint (PUSH_ALLOW_HTTP) is given as https, sent as http. */
import { buildPushPayload } from '@block65/webcrypto-web-push';
import type { PushConfig } from '../env';

export type PushTransport = (request: Request) => Promise<Response>;

export type PushTarget = { endpoint: string; p256dh: string; auth: string };
export type PushOptions = { ttl: number; topic: string; urgency: 'low' | 'normal' | 'high' };

/** What the push service said: delivered, gone (404/410), retry (5xx/429/no answer), or refused for good. */
export type PushResult = { outcome: 'sent' | 'gone' | 'retry' | 'refused'; status: number | null; retryAfterSeconds: number | null };

export async function sendPush(config: PushConfig, transport: PushTransport, target: PushTarget, payload: unknown, options: PushOptions): Promise<PushResult> {
  const local = config.allowHttp && target.endpoint.startsWith('http://');
  const endpoint = local ? `https://${target.endpoint.slice('http://'.length)}` : target.endpoint;
  const request = await buildPushPayload(
    { data: payload as Parameters<typeof buildPushPayload>[0]['data'], options },
    { endpoint, expirationTime: null, keys: { p256dh: target.p256dh, auth: target.auth } },
    { subject: config.subject, publicKey: config.publicKey, privateKey: config.privateKey },
  );
  let response: Response;
  try {
    response = await transport(new Request(target.endpoint, { method: 'POST', headers: request.headers, body: request.body }));
  } catch {
    return { outcome: 'retry', status: null, retryAfterSeconds: null };
  }
  await response.body?.cancel();
  const status = response.status;
  if (status >= 200 && status < 300) return { outcome: 'sent', status, retryAfterSeconds: null };
  if (status === 404 || status === 410) return { outcome: 'gone', status, retryAfterSeconds: null };
  if (status === 429 || status >= 500) return { outcome: 'retry', status, retryAfterSeconds: retryAfter(response.headers.get('Retry-After')) };
  return { outcome: 'refused', status, retryAfterSeconds: null };
}

function retryAfter(header: string | null): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

/** A `Topic` header (≤ 32 base64url characters) naming the subject: a newer push of it replaces an undelivered older one. */
export async function topicOf(subject: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(subject)));
  let binary = '';
  for (const byte of digest) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '').slice(0, 32);
}
