/**
 * What the wallet must hold, derived only from what the server answered to each
 * request (never from the balance it reports): a 201 deposit adds its amount, a
 * 201 top-up that did not fail takes amount + fee. A key counts once: a replay
 * (same key, same request) moves nothing again, on a direct route or in a sync.
 */
import { expect } from 'vitest';

/** The key the server sees: header values lose leading and trailing whitespace. */
export const headerKey = (key: string) => key.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '');

type DepositAnswer = { deposit: { amount: number } };
type TopupAnswer = { topup: { amount: number; fee: number; status: string } };

export function expectedWallet(start = 0) {
  let expected = start;
  const moved = new Set<string>();
  return {
    get: () => expected,
    /** A money movement the test made outside the properties (a fresh key each). */
    add(amount: number): void {
      expected += amount;
    },
    /** A 201 answer to a deposit or a top-up, sent with `key`: counts unless that key already moved money. */
    answer(key: string, body: unknown): void {
      const k = headerKey(key);
      if (moved.has(k)) return;
      moved.add(k);
      if (isObject(body) && isObject(body.deposit)) {
        const { amount } = (body as DepositAnswer).deposit;
        expect(Number.isSafeInteger(amount), JSON.stringify(body)).toBe(true);
        expected += amount;
      } else if (isObject(body) && isObject(body.topup)) {
        const { topup } = body as TopupAnswer;
        if (topup.status !== 'failed') expected -= topup.amount + topup.fee;
      } else {
        expect.fail(`not a money answer: ${JSON.stringify(body)}`);
      }
    },
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
