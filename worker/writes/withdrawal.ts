/** A withdrawal (ADR 012): one batch claims the key, debits the wallet (its CHECK refuses an overdraft), records the ledger, stores the answer. */
import { sql } from 'drizzle-orm';
import { recordMovement, SYSTEM, walletBalanceQuery, walletId } from '../db/ledger';
import { runWrite, type Outcome, type Writer } from './run';
import type { Auth } from '../auth/tokens';
import type { ApiWithdrawal } from '../contract/types';

export function withdraw(w: Writer & { auth: Auth }, amount: number): Promise<Outcome<{ withdrawal: ApiWithdrawal; balance: number }, 201>> {
  const { db, auth } = w;
  const at = w.now.toISOString();
  const made: ApiWithdrawal = { id: crypto.randomUUID(), amount, created_at: at };
  const wallet = walletId(auth.userId);
  return runWrite(w, async (batch) => {
    const stored = JSON.stringify({ withdrawal: made, balance: 0 });
    const [, , , balance] = await batch(
      [
        ...recordMovement(db, {
          transactionId: made.id,
          userId: auth.userId,
          kind: 'withdrawal',
          topupId: null,
          amount: -amount,
          fee: 0,
          legs: [
            { accountId: wallet, amount: -amount },
            { accountId: SYSTEM.bankWithdrawals, amount },
          ],
          at,
        }),
        walletBalanceQuery(db, auth.userId),
      ],
      { answer: { status: 201, body: sql`json_set(${stored}, '$.balance', (SELECT balance FROM accounts WHERE id = ${wallet}))` } },
    );
    return { status: 201, body: { withdrawal: made, balance: balance[0]?.balance ?? 0 } };
  });
}
