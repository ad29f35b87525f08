/** A queue message of the PUSHES queue: send the outbox's pushes of one notification (jobs/send-pushes.ts). */
export type PushMessage = { shard: number; notification_id: string };

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
