/**
 * The limits of the business. The SQL triggers enforce them under concurrency;
 * these pure functions describe them for responses and for the app's previews.
 */
export type Limits = {
  beneficiaryMonthly: { verified: number; unverified: number };
  totalMonthly: number;
  maxActiveBeneficiaries: number;
};

export const DEFAULT_LIMITS: Limits = {
  beneficiaryMonthly: { verified: 100_000, unverified: 50_000 },
  totalMonthly: 300_000,
  maxActiveBeneficiaries: 5,
};

export function beneficiaryLimit(limits: Limits, verified: boolean): number {
  return verified ? limits.beneficiaryMonthly.verified : limits.beneficiaryMonthly.unverified;
}

export type Usage = { used: number; limit: number; remaining: number };

export function usage(used: number, limit: number): Usage {
  return { used, limit, remaining: Math.max(0, limit - used) };
}

export type TopupRefusal = 'BENEFICIARY_MONTHLY_LIMIT' | 'MONTHLY_LIMIT' | 'INSUFFICIENT_BALANCE';

/** What would refuse a top-up of `amount` (+ fee), checked in the same order as the server. */
export function topupRefusal(input: {
  amount: number;
  fee: number;
  balance: number;
  beneficiary: Usage;
  total: Usage;
}): TopupRefusal | null {
  if (input.amount > input.beneficiary.remaining) return 'BENEFICIARY_MONTHLY_LIMIT';
  if (input.amount > input.total.remaining) return 'MONTHLY_LIMIT';
  if (input.balance < input.amount + input.fee) return 'INSUFFICIENT_BALANCE';
  return null;
}
