/**
 * The telecom provider that delivers phone credit. `send` is called after the
 * wallet has been debited; the top-up id is the provider-side idempotency key, so
 * asking again (or `lookup`) never delivers twice.
 */
export type ProviderOutcome =
  | { status: 'completed'; providerRef: string }
  | { status: 'failed'; failureCode: string };

export type ProviderRequest = { topupId: string; phone: string; amount: number };

export interface TelecomProvider {
  /** Delivers the credit; may take long or never answer (the caller times it out). */
  send(request: ProviderRequest): Promise<ProviderOutcome>;
  /** The outcome of an earlier send, or 'unknown' when the provider never received it. */
  lookup(request: ProviderRequest): Promise<ProviderOutcome | { status: 'unknown' }>;
}

export class ProviderTimeout extends Error {
  override name = 'ProviderTimeout';
}

/** `send`, or ProviderTimeout after `ms`. */
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
