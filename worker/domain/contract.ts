/** The JSON shapes of ../shared/contract/API.md, shared by the Worker and the app. */
import type { Operator } from './phone';

export type ApiUser = {
  id: string;
  email: string;
  name: string;
  verified: boolean;
  balance: number;
  currency: 'AED';
  created_at: string;
};

export type ApiBeneficiary = {
  id: string;
  nickname: string;
  phone: string;
  active: boolean;
  operator: Operator | null;
  month_used: number;
  month_limit: number;
  created_at: string;
  updated_at: string;
};

export type TopupStatus = 'pending' | 'completed' | 'failed';

export type ApiTopup = {
  id: string;
  beneficiary_id: string;
  phone: string;
  amount: number;
  fee: number;
  status: TopupStatus;
  failure_code: string | null;
  provider_ref: string | null;
  created_at: string;
  completed_at: string | null;
};

export type ApiTransaction = {
  id: string;
  kind: 'deposit' | 'topup' | 'refund';
  amount: number;
  fee: number;
  balance_after: number;
  beneficiary_id: string | null;
  status: TopupStatus;
  created_at: string;
};

export type ApiDeposit = { id: string; amount: number; created_at: string };

export type ApiOptions = {
  currency: 'AED';
  amounts: number[];
  fee: number;
  limits: {
    beneficiary_monthly: { verified: number; unverified: number };
    total_monthly: number;
    max_active_beneficiaries: number;
  };
  time_zone: 'Asia/Dubai';
};

export type ApiLimits = {
  month: string;
  time_zone: 'Asia/Dubai';
  verified: boolean;
  total: { used: number; limit: number; remaining: number };
  beneficiaries: { id: string; used: number; limit: number; remaining: number }[];
};

export type Page<T> = { items: T[]; next_cursor: string | null };

export type SyncAction = { key: string; method: 'POST' | 'PATCH' | 'DELETE'; path: string; body?: unknown };
export type SyncResult = { key: string; status: number; body: unknown };
