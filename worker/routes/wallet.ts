/** Deposits (fake money from the user's bank) and the wallet's transaction history. */
import { Hono } from 'hono';
import { sql } from 'drizzle-orm';
import * as v from 'valibot';
import type { AppEnv } from '../app-env';
import { writeBatch } from '../db/batch';
import { storeResponse } from '../db/idempotency';
import { paginate, recordMovement, SYSTEM, toApiTransaction, transactionsPageQuery, walletBalanceQuery } from '../db/ledger';
import { liveUser, meQuery, walletId } from '../db/session';
import { DEPOSIT_MAX, DEPOSIT_MIN } from '../domain/money';
import { requireIdempotencyKey } from '../middleware/idempotency';
import { authOf } from '../middleware/session';
import { fils, pageQuery, parseBody, parseQuery } from '../middleware/validate';

const DepositBody = v.object({
  amount: v.pipe(
    fils(),
    v.minValue(DEPOSIT_MIN, `Must be at least ${DEPOSIT_MIN} fils`),
    v.maxValue(DEPOSIT_MAX, `Must be at most ${DEPOSIT_MAX} fils`),
  ),
});

export const walletRoutes = new Hono<AppEnv>()
  .post('/wallet/deposits', async (c) => {
    const idem = requireIdempotencyKey(c);
    const { amount } = parseBody(DepositBody, c.var.body);
    const auth = authOf(c);
    const { db } = c.var;
    const at = c.var.now.toISOString();
    const deposit = { id: crypto.randomUUID(), amount, created_at: at };
    const wallet = walletId(auth.userId);
    // The stored response is completed in SQL with the balance the batch produced,
    // so the deposit and its replayable answer are one atomic step.
    const stored = JSON.stringify({ deposit, balance: 0 });
    const [, , , , balance] = await writeBatch(c, [
      ...recordMovement(db, {
        transactionId: deposit.id,
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
      storeResponse(db, idem, 201, sql`json_set(${stored}, '$.balance', (SELECT balance FROM accounts WHERE id = ${wallet}))`),
      walletBalanceQuery(db, auth.userId),
    ]);
    idem.stored = true;
    return c.json({ deposit, balance: balance[0]?.balance ?? 0 }, 201);
  })
  .get('/transactions', async (c) => {
    const { limit, cursor } = parseQuery(pageQuery, c.req.query());
    const auth = authOf(c);
    const { db, now } = c.var;
    const [me, rows] = await db.batch([meQuery(db, auth, now), transactionsPageQuery(db, auth.userId, limit, cursor)]);
    liveUser(me);
    const page = paginate(rows, limit);
    return c.json({ items: page.rows.map(toApiTransaction), next_cursor: page.nextCursor });
  });
