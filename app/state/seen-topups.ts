/**
 * Top-ups the Activity list has shown, by id: their receipts open from the list (Receipt falls
 * back to these, and to the cached first page, when the device holds no answer for that key).
 */
import type { ApiTopup } from '../../worker/domain/contract';
import { wallet } from './wallet';

const seen = new Map<string, ApiTopup>();

export function rememberTopup(topup: ApiTopup): void {
  seen.set(topup.id, topup);
}

export function seenTopup(id: string): ApiTopup | null {
  return seen.get(id) ?? wallet.snapshot?.topups?.items.find((t) => t.id === id) ?? null;
}
