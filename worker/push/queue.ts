import type { PushMessage } from '../domain/push';

/** Queues the pushes of committed notifications; bound to a queue and the shard they live on. */
export type Announce = (notificationIds: string[]) => Promise<void>;

export function announcer(queue: Queue<PushMessage> | undefined, shard: number): Announce {
  return async (ids) => {
    if (!queue || ids.length === 0) return;
    await queue.sendBatch(ids.map((id) => ({ body: { shard, notification_id: id }, contentType: 'json' as const })));
  };
}
