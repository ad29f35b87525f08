/**
 * The telecom provider that delivers phone credit, and the simulator every deployment uses
 * until a real one is wired in. `send` comes after the wallet is debited; the top-up id is
 * the provider-side idempotency key, so asking again (or `lookup`) never delivers twice.
 */
export type ProviderOutcome =
  | { status: 'completed'; providerRef: string }
  | { status: 'failed'; failureCode: string };

export type ProviderRequest = { topupId: string; phone: string; amount: number };

export interface TelecomProvider {
  /** May take long or never answer: the caller times it out. */
  send(request: ProviderRequest): Promise<ProviderOutcome>;
  /** 'unknown': the provider never received it. */
  lookup(request: ProviderRequest): Promise<ProviderOutcome | { status: 'unknown' }>;
}

export class ProviderTimeout extends Error {
  override name = 'ProviderTimeout';
}

export async function sendWithin(provider: TelecomProvider, request: ProviderRequest, ms: number): Promise<ProviderOutcome> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ProviderTimeout(`provider did not answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([provider.send(request), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The simulator decides by number, so tests and demos can pick an outcome: ending in 0000 is
 * declined; ending in 9999 never answers, and a later lookup finds no record (reconciliation
 * refunds it); any other number is delivered.
 */
export function simulatedOutcome(request: ProviderRequest): ProviderOutcome | null {
  if (request.phone.endsWith('0000')) return { status: 'failed', failureCode: 'PROVIDER_DECLINED' };
  if (request.phone.endsWith('9999')) return null;
  return { status: 'completed', providerRef: `SIM-${request.topupId.replace(/-/g, '').slice(0, 12).toUpperCase()}` };
}

export function createSimulator(): TelecomProvider {
  return {
    send(request) {
      const outcome = simulatedOutcome(request);
      return outcome ? Promise.resolve(outcome) : new Promise<never>(() => {});
    },
    lookup(request) {
      return Promise.resolve(simulatedOutcome(request) ?? { status: 'unknown' });
    },
  };
}
