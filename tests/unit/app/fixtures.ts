/**
 * Test data, and a stand-in for POST /api/sync for the outbox tests (fake-indexeddb
 * in Node). Its answers are the contract's bodies (API.md), typed with the
 * contract's types, so each intent's success fold is tested against what the
 * server really says. The real server answers the same flush in
 * tests/integration/offline-queue-upgrade.test.ts.
 */
import type { ApiBeneficiary, ApiDeposit, ApiTopup, ApiUser, SyncAction, SyncResult } from '../../../worker/contract/types';
import { likelyOperator } from '../../../worker/domain/phone';
import type { SyncResponse, SyncTransport } from '../../../app/lib/api';
import type { Snapshot } from '../../../app/offline/model';

const T0 = '2026-11-25T10:00:00.000Z';

export function user(id: string, balance = 10_000): ApiUser {
  return { id, email: `${id}@example.com`, name: id, verified: false, balance, currency: 'AED', created_at: '2026-11-01T00:00:00.000Z', lang: 'en' };
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

/** `201 {deposit, balance}` of POST /api/wallet/deposits. */
export function depositAnswer(amount: number, balance: number): { deposit: ApiDeposit; balance: number } {
  return { deposit: { id: `d-${crypto.randomUUID()}`, amount, created_at: T0 }, balance };
}

/** `201 {topup, balance}` of POST /api/topups. */
export function topupAnswer(beneficiaryId: string, amount: number, status: ApiTopup['status'], balance: number): { topup: ApiTopup; balance: number } {
  const failed = status === 'failed';
  return {
    topup: {
      id: `t-${crypto.randomUUID()}`,
      beneficiary_id: beneficiaryId,
      phone: '+971501234567',
      amount,
      fee: 100,
      status,
      failure_code: failed ? 'PROVIDER_DECLINED' : null,
      provider_ref: failed ? null : 'SIM-1',
      created_at: T0,
      completed_at: status === 'pending' ? null : T0,
      schedule_id: null,
    },
    balance,
  };
}

export const errorAnswer = (code: string, message = code, details?: Record<string, unknown>) => ({ error: { code, message, ...(details ? { details } : {}) } });

export type Call = { actions: SyncAction[]; userId: string };

/**
 * Answers each action with `answer`, by default the contract's success answer
 * for it (a small model of one user's wallet and beneficiaries), and records every call.
 */
export function fakeServer(answer?: (action: SyncAction, call: number) => Omit<SyncResult, 'key'>, start = { balance: 10_000 }) {
  const calls: Call[] = [];
  const model = contractModel(start.balance);
  const transport: SyncTransport = async (actions, userId) => {
    calls.push({ actions, userId });
    const results = actions.map((action) => ({ key: action.key, ...(answer ?? model)(action, calls.length) }));
    return { kind: 'http', status: 200, body: { results }, retryAfter: null } satisfies SyncResponse;
  };
  return { calls, transport };
}

function contractModel(balance: number) {
  const beneficiaries = new Map<string, ApiBeneficiary>();
  return (action: SyncAction): Omit<SyncResult, 'key'> => {
    const body = (action.body ?? {}) as Record<string, unknown>;
    const id = action.path.split('/')[3];
    if (action.path === '/api/wallet/deposits') {
      balance += body.amount as number;
      return { status: 201, body: depositAnswer(body.amount as number, balance) };
    }
    if (action.path === '/api/topups') {
      balance -= (body.amount as number) + 100;
      return { status: 201, body: topupAnswer(body.beneficiary_id as string, body.amount as number, 'completed', balance) };
    }
    if (action.path === '/api/me/verification') return { status: 200, body: { user: { ...user('u', balance), verified: true } } };
    if (action.method === 'POST') {
      const phone = body.phone as string;
      const made: ApiBeneficiary = { ...beneficiary(body.id as string, body.nickname as string), phone, operator: likelyOperator(phone) };
      beneficiaries.set(made.id, made);
      return { status: 201, body: { beneficiary: made } };
    }
    if (action.method === 'DELETE') return { status: 204, body: null };
    const current = beneficiaries.get(id ?? '') ?? beneficiary(id ?? '', 'Someone');
    const next = { ...current, ...body, updated_at: T0 };
    beneficiaries.set(next.id, next);
    return { status: 200, body: { beneficiary: next } };
  };
}

export const offline: SyncTransport = async () => ({ kind: 'network', message: 'No connection' });
