/** Top-ups still pending after RECONCILE_AFTER_SECONDS are settled by asking the provider what happened (ADR 005). */
import { stalePendingQuery } from '../db/topups';
import { keyOfTopup, settle, type Vars } from '../writes/topup';

export type ReconcileReport = { checked: number; completed: number; refunded: number; errors: number };

const BATCH = 50;

export async function settleStaleTopups(vars: Vars): Promise<ReconcileReport> {
  const report: ReconcileReport = { checked: 0, completed: 0, refunded: 0, errors: 0 };
  const before = new Date(vars.deps.now().getTime() - vars.config.reconcileAfterMs).toISOString();
  const stale = await stalePendingQuery(vars.db, before, BATCH);
  const provider = vars.deps.provider(vars.config);
  for (const topup of stale) {
    report.checked++;
    try {
      const answer = await provider.lookup({ topupId: topup.id, phone: topup.phone, amount: topup.amount });
      // Never received: safe to refund, the provider will refuse this top-up id from now on.
      const outcome = answer.status === 'unknown' ? { status: 'failed' as const, failureCode: 'PROVIDER_TIMEOUT' } : answer;
      const settled = await settle(vars, topup, outcome, keyOfTopup(topup), 'topup_settled');
      if (settled.topup.status === 'completed') report.completed++;
      else if (settled.topup.status === 'failed') report.refunded++;
    } catch (error) {
      report.errors++;
      console.error(JSON.stringify({ level: 'error', msg: 'reconcile failed', topup: topup.id, error: String(error) }));
    }
  }
  console.log(JSON.stringify({ level: 'info', msg: 'reconciled pending top-ups', ...report }));
  return report;
}
