/**
 * What the server said about one action, folded into the last known state.
 * Pure functions: sync.ts calls them inside the transaction that also removes
 * the action from the outbox, so the screen never counts an action twice.
 */
import type { ApiBeneficiary, ApiTopup } from '../../worker/domain/contract';
import type { Intent } from './intents';
import type { Snapshot } from './schema';

export type Outcome = 'ok' | 'transient' | 'refused' | 'unauthenticated' | 'mismatch';

/** How the outbox treats the status of one replayed action. */
export function classify(intent: Intent, status: number, body: unknown): Outcome {
  if (status >= 200 && status < 300) return 'ok';
  // Deleting something that is already gone has the effect the person wanted.
  if (status === 404 && intent.type === 'deleteBeneficiary') return 'ok';
  if (status === 401) return 'unauthenticated';
  const code = errorCode(body);
  if (status === 403 && code === 'USER_MISMATCH') return 'mismatch';
  if (status === 409 && code === 'IDEMPOTENCY_IN_PROGRESS') return 'transient';
  if (status === 0 || status === 408 || status === 429 || status >= 500) return 'transient';
  return 'refused';
}

export function errorCode(body: unknown): string | null {
  const error = (body as { error?: { code?: unknown } } | null)?.error;
  return typeof error?.code === 'string' ? error.code : null;
}

export function errorMessage(body: unknown): string | null {
  const error = (body as { error?: { message?: unknown } } | null)?.error;
  return typeof error?.message === 'string' ? error.message : null;
}

const upsert = (list: ApiBeneficiary[], item: ApiBeneficiary) =>
  list.some((b) => b.id === item.id) ? list.map((b) => (b.id === item.id ? item : b)) : [...list, item];

/** The snapshot after a successful action, using the server's response body. */
export function applySuccess(snapshot: Snapshot, intent: Intent, body: unknown): Snapshot {
  const data = (body ?? {}) as Record<string, unknown>;
  switch (intent.type) {
    case 'deposit':
      return withBalance(snapshot, data.balance);
    case 'addBeneficiary':
    case 'renameBeneficiary':
    case 'setActive': {
      const beneficiary = data.beneficiary as ApiBeneficiary | undefined;
      return beneficiary ? { ...snapshot, beneficiaries: upsert(snapshot.beneficiaries, beneficiary) } : snapshot;
    }
    case 'deleteBeneficiary':
      return { ...snapshot, beneficiaries: snapshot.beneficiaries.filter((b) => b.id !== intent.id) };
    case 'topup': {
      const topup = data.topup as ApiTopup | undefined;
      const next = withBalance(snapshot, data.balance);
      return topup ? withTopup(next, topup) : next;
    }
  }
}

function withBalance(snapshot: Snapshot, balance: unknown): Snapshot {
  if (typeof balance !== 'number') return snapshot;
  return { ...snapshot, user: { ...snapshot.user, balance } };
}

/** Counts a top-up towards the limits until the next refresh brings exact figures. */
function withTopup(snapshot: Snapshot, topup: ApiTopup): Snapshot {
  const counts = topup.status !== 'failed';
  const add = counts ? topup.amount : 0;
  const limits = snapshot.limits
    ? {
        ...snapshot.limits,
        total: {
          ...snapshot.limits.total,
          used: snapshot.limits.total.used + add,
          remaining: Math.max(0, snapshot.limits.total.remaining - add),
        },
      }
    : null;
  const beneficiaries = snapshot.beneficiaries.map((b) =>
    b.id === topup.beneficiary_id ? { ...b, month_used: b.month_used + add } : b,
  );
  const topups = snapshot.topups
    ? { ...snapshot.topups, items: [topup, ...snapshot.topups.items.filter((t) => t.id !== topup.id)] }
    : null;
  return { ...snapshot, limits, beneficiaries, topups };
}
