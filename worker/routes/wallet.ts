/** Deposits and withdrawals (fake money to and from the user's bank) and the wallet's transaction history. */
import { Hono } from 'hono';
import * as v from 'valibot';
import type { AppEnv } from '../app-env';
import { readAsUser } from '../writes/read';
import { ANSWERS, answer, describe } from '../contract/describe';
import { DepositResultSchema, TransactionsPageSchema, WithdrawalResultSchema } from '../contract/schemas';
import { deposit } from '../writes/deposit';
import { withdraw } from '../writes/withdrawal';
import { paginate, toApiTransaction, transactionsPageQuery } from '../db/ledger';
import { DEPOSIT_MAX, DEPOSIT_MIN, WITHDRAWAL_MIN } from '../domain/money';
import { fils, idempotent, json, pageQuery, query, reply } from '../middleware/exchange';
import { requireAuth } from '../middleware/session';

const DepositBody = v.object({
  amount: v.pipe(
    fils(),
    v.minValue(DEPOSIT_MIN, `Must be at least ${DEPOSIT_MIN} fils`),
    v.maxValue(DEPOSIT_MAX, `Must be at most ${DEPOSIT_MAX} fils`),
  ),
});

// At most the balance: the debit's CHECK says so (409 INSUFFICIENT_BALANCE), not the validator.
const WithdrawalBody = v.object({ amount: v.pipe(fils(), v.minValue(WITHDRAWAL_MIN, `Must be at least ${WITHDRAWAL_MIN} fils`)) });

export const walletRoutes = new Hono<AppEnv>()
  .post(
    '/wallet/deposits',
    describe({
      summary: 'Deposit money from the bank (simulated)',
      description: 'Requires an Idempotency-Key.',
      tags: ['Wallet'],
      signedIn: true,
      ok: { 201: answer('The deposit and the balance after it', DepositResultSchema) },
      errors: [...ANSWERS.keyedWrite, ...ANSWERS.validated],
    }),
    requireAuth,
    idempotent({ required: true }),
    json(DepositBody),
    async (c) => reply(c, await deposit(c.var, c.req.valid('json').amount)),
  )
  .post(
    '/wallet/withdrawals',
    describe({
      summary: 'Withdraw money to the bank (simulated)',
      description: 'Free; 100 fils up to the balance. The balance check and the debit are one atomic step. Requires an Idempotency-Key.',
      tags: ['Wallet'],
      signedIn: true,
      ok: { 201: answer('The withdrawal and the balance after it', WithdrawalResultSchema) },
      errors: [...ANSWERS.keyedWrite, ...ANSWERS.validated, 'INSUFFICIENT_BALANCE'],
    }),
    requireAuth,
    idempotent({ required: true }),
    json(WithdrawalBody),
    async (c) => reply(c, await withdraw(c.var, c.req.valid('json').amount)),
  )
  .get(
    '/transactions',
    describe({
      summary: 'Wallet history, newest first',
      tags: ['Wallet'],
      signedIn: true,
      ok: { 200: answer('A page of transactions', TransactionsPageSchema) },
      errors: ANSWERS.validated,
    }),
    requireAuth,
    query(pageQuery),
    async (c) => {
      const { limit, cursor } = c.req.valid('query');
      const { db, auth } = c.var;
      const [, rows] = await readAsUser(c.var, transactionsPageQuery(db, auth.userId, limit, cursor));
      const page = paginate(rows, limit);
      return c.json({ items: page.rows.map(toApiTransaction), next_cursor: page.nextCursor }, 200);
    },
  );
