/** Test data and a fake POST /api/sync for the outbox tests (fake-indexeddb in Node). */
import type { ApiBeneficiary, ApiUser, SyncAction, SyncResult } from '../../../worker/domain/contract';
import type { SyncResponse, SyncTransport } from '../../../app/offline/sync';
import type { Snapshot } from '../../../app/offline/schema';

export function user(id: string, balance = 10_000): ApiUser {
  return { id, email: `${id}@example.com`, name: id, verified: false, balance, currency: 'AED', created_at: '2026-11-01T00:00:00.000Z' };
}

export function beneficiary(id: string, nickname: string, active = true): ApiBeneficiary {
  return {
    id,
    nickname,
    phone: '+971501234567',
    active,
    operator: 'etisalat',
    month_used: 0,
    month_limit: 50_000,
    created_at: '2026-11-02T00:00:00.000Z',
    updated_at: '2026-11-02T00:00:00.000Z',
  };
}

export function snapshot(owner: ApiUser, beneficiaries: ApiBeneficiary[] = []): Snapshot {
  return {
    user: owner,
    limits: { month: '2026-11', time_zone: 'Asia/Dubai', verified: false, total: { used: 0, limit: 300_000, remaining: 300_000 }, beneficiaries: [] },
    beneficiaries,
    transactions: null,
    topups: null,
    options: null,
    syncedAt: null,
  };
}

export type Call = { actions: SyncAction[]; userId: string };

/** Answers each action with `answer` (default: 201 with a plausible body) and records every call. */
export function fakeServer(answer?: (action: SyncAction, call: number) => Omit<SyncResult, 'key'>) {
  const calls: Call[] = [];
  const transport: SyncTransport = async (actions, userId) => {
    calls.push({ actions, userId });
    const results = actions.map((action) => ({ key: action.key, ...(answer ?? defaultAnswer)(action, calls.length) }));
    return { kind: 'http', status: 200, body: { results }, retryAfter: null } satisfies SyncResponse;
  };
  return { calls, transport };
}

function defaultAnswer(action: SyncAction): Omit<SyncResult, 'key'> {
  if (action.method === 'DELETE') return { status: 204, body: null };
  return { status: 201, body: {} };
}

export const offline: SyncTransport = async () => ({ kind: 'network', message: 'No connection' });
