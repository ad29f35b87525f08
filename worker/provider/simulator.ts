/**
 * The built-in provider simulator, deterministic by number:
 * - ending in 0000: declined (PROVIDER_DECLINED);
 * - ending in 9999: never answers in time; a later lookup finds no record of it,
 *   so reconciliation refunds it;
 * - otherwise: delivered, with a provider reference derived from the top-up id.
 */
import type { ProviderOutcome, ProviderRequest, TelecomProvider } from './provider';

export function simulatedOutcome(request: ProviderRequest): ProviderOutcome | null {
  if (request.phone.endsWith('0000')) return { status: 'failed', failureCode: 'PROVIDER_DECLINED' };
  if (request.phone.endsWith('9999')) return null;
  return { status: 'completed', providerRef: `SIM-${request.topupId.replace(/-/g, '').slice(0, 12).toUpperCase()}` };
}

export function createSimulator(): TelecomProvider {
  return {
    send(request) {
      const outcome = simulatedOutcome(request);
      // A hung provider: the promise never settles, the caller's timeout decides.
      return outcome ? Promise.resolve(outcome) : new Promise<never>(() => {});
    },
    lookup(request) {
      return Promise.resolve(simulatedOutcome(request) ?? { status: 'unknown' });
    },
  };
}
