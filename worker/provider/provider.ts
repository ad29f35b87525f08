/** The telecom provider and its simulator (every deployment's, for now); the top-up id is its idempotency key: asking again never delivers twice. */
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

/** By number, so tests and demos pick the outcome: …0000 declined, …9999 never answers (lookup finds nothing: refunded), others delivered. */
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
