/** A deposit: fake money from the user's bank, recorded on the ledger with its key's answer. */
import { sql } from 'drizzle-orm';
import { recordMovement, SYSTEM, walletBalanceQuery, walletId } from '../db/ledger';
import { runWrite, type Outcome, type Writer } from './run';
import type { Auth } from '../auth/tokens';
import type { ApiDeposit } from '../contract/types';

export function deposit(w: Writer & { auth: Auth }, amount: number): Promise<Outcome<{ deposit: ApiDeposit; balance: number }, 201>> {
  const { db, auth } = w;
  const at = w.now.toISOString();
  const made: ApiDeposit = { id: crypto.randomUUID(), amount, created_at: at };
  const wallet = walletId(auth.userId);
  return runWrite(w, async (batch) => {
    // The stored answer gets the batch's balance in SQL: the deposit and its replayable answer are one atomic step.
    const stored = JSON.stringify({ deposit: made, balance: 0 });
    const [, , , balance] = await batch(
      [
        ...recordMovement(db, {
          transactionId: made.id,
          userId: auth.userId,
          kind: 'deposit',
          topupId: null,
          amount,
          fee: 0,
          legs: [
            { accountId: wallet, amount },
            { accountId: SYSTEM.bankFunding, amount: -amount },
          ],
          at,
        }),
        walletBalanceQuery(db, auth.userId),
      ],
      { answer: { status: 201, body: sql`json_set(${stored}, '$.balance', (SELECT balance FROM accounts WHERE id = ${wallet}))` } },
    );
    return { status: 201, body: { deposit: made, balance: balance[0]?.balance ?? 0 } };
  });
}
