/**
 * The telecom provider as the workload sees it: the outside truth the ledger must
 * agree with. It remembers every top-up it received and whether it delivered the
 * credit, so the checkers can require "completed in our books ⇔ delivered by the
 * provider" (no credit given away unpaid, no money kept for credit never given).
 *
 * - numbers ending 0000: received and declined;
 * - numbers ending 9999: never received, `send` never answers (the Worker's
 *   PROVIDER_TIMEOUT_MS decides);
 * - otherwise: received and delivered, sometimes after a short delay.
 * A `lookup` that answers "unknown" makes the provider refuse that top-up id from
 * then on, which is what lets the reconciler refund it safely.
 *
 * `gated` wraps it to hold calls "mid-flight" until released: `held` = received but
 * the answer is held (a slow provider); `unsent` = the call itself is held (the
 * Worker died before the provider got it).
 */
import type { ProviderOutcome, ProviderRequest, TelecomProvider } from '../../../worker/provider/provider';

export type TruthProvider = ReturnType<typeof truthProvider>;

export function truthProvider(delayMs: () => number) {
  const received = new Map<string, ProviderOutcome>();
  const refused = new Set<string>();
  let sends = 0;
  let lookups = 0;

  /** Receives a top-up (once per id) and decides its outcome; null = never reaches the provider. */
  function receive(request: ProviderRequest): ProviderOutcome | null {
    const known = received.get(request.topupId);
    if (known) return known;
    if (refused.has(request.topupId)) return { status: 'failed', failureCode: 'PROVIDER_REFUSED' };
    if (request.phone.endsWith('9999')) return null;
    const outcome: ProviderOutcome = request.phone.endsWith('0000')
      ? { status: 'failed', failureCode: 'PROVIDER_DECLINED' }
      : { status: 'completed', providerRef: `WL-${request.topupId.slice(0, 8)}` };
    received.set(request.topupId, outcome);
    return outcome;
  }

  const provider: TelecomProvider = {
    send(request) {
      sends++;
      const outcome = receive(request);
      if (!outcome) return new Promise<never>(() => {});
      const delay = delayMs();
      return delay > 0 ? new Promise((resolve) => setTimeout(() => resolve(outcome), delay)) : Promise.resolve(outcome);
    },
    async lookup(request) {
      lookups++;
      const known = received.get(request.topupId);
      if (known) return known;
      refused.add(request.topupId);
      return { status: 'unknown' };
    },
  };

  return {
    provider,
    receive,
    delivered: (topupId: string) => received.get(topupId)?.status === 'completed',
    stats: () => ({ sends, lookups, received: received.size, refused: refused.size }),
  };
}

export type Gate = { provider: TelecomProvider; held: () => number; release: (count?: number) => void };

export function gated(truth: TruthProvider, mode: 'held' | 'unsent'): Gate {
  const waiting: (() => void)[] = [];
  const hold = () => new Promise<void>((resolve) => waiting.push(resolve));
  const provider: TelecomProvider = {
    async send(request) {
      const early = mode === 'held' ? truth.receive(request) : undefined;
      await hold();
      const outcome = mode === 'held' ? early : truth.receive(request);
      // A number that never reaches the provider: the held connection drops.
      if (!outcome) throw new Error('connection reset while waiting for the provider');
      return outcome;
    },
    lookup: (request) => truth.provider.lookup(request),
  };
  return {
    provider,
    held: () => waiting.length,
    release(count = waiting.length) {
      for (const resolve of waiting.splice(0, count)) resolve();
    },
  };
}
