/** A queue message of the PUSHES queue: send the outbox's pushes of one notification (jobs/send-pushes.ts). */
export type PushMessage = { shard: number; notification_id: string };

/** The document's endpoint rule, never looser than `acceptableEndpoint` (document-patterns.test.ts): https, a named host (no IPv4, no `xn--`), port < 10000. */
export const ENDPOINT_PATTERN = String.raw`^https://(?:[a-z\d]+(?:-[a-z\d]+)*\.)*[a-z][a-z\d]*(?::[1-9]\d{0,3})?(?:[/?][\w.~!$&'()*+,;=:@%/?-]*)?$`;

/** A push subscription's endpoint: https, or (local development) a push service on this machine. */
export function acceptableEndpoint(endpoint: string, allowLocalHttp: boolean): boolean {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  if (url.protocol === 'https:') return true;
  return allowLocalHttp && url.protocol === 'http:' && (url.hostname === '127.0.0.1' || url.hostname === 'localhost');
}
