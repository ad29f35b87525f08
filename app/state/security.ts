/** Passkey sign-in (it ends as a password sign-in does: `signedIn`) and Account's security actions; never queued. */
import type { ApiError } from '../lib/api';

export type Outcome = { ok: true } | { ok: false; cancelled?: boolean; status: number; error: ApiError };

const CANCELLED: Outcome = { ok: false, cancelled: true, status: 0, error: { code: 'CANCELLED', message: 'No passkey was used' } };

export async function signInWithPasskey(autofill = false): Promise<Outcome> {
  const [{ api }, { usePasskey }, { signedIn }] = await Promise.all([import('../lib/api'), import('../lib/passkeys'), import('./account')]);
  const options = await api.passkeySignInOptions();
  if (!options.ok) return { ok: false, status: options.status, error: options.error };
  const ceremony = await usePasskey(options.data.options, autofill);
  if (!ceremony.ok) return CANCELLED;
  const result = await api.passkeySignIn({ response: ceremony.response as unknown as Record<string, unknown> });
  if (!result.ok) return { ok: false, status: result.status, error: result.error };
  if (typeof result.data !== 'object') return { ok: false, status: result.status, error: { code: 'UNKNOWN', message: 'Unexpected answer from the server' } };
  await signedIn(result.data.user);
  return { ok: true };
}

export async function addPasskey(name: string): Promise<Outcome> {
  const [{ api }, { createPasskey }] = await Promise.all([import('../lib/api'), import('../lib/passkeys')]);
  const options = await api.passkeyOptions();
  if (!options.ok) return { ok: false, status: options.status, error: options.error };
  const ceremony = await createPasskey(options.data.options);
  if (!ceremony.ok) return CANCELLED;
  const result = await api.addPasskey({ name, response: ceremony.response as unknown as Record<string, unknown> });
  return result.ok ? { ok: true } : { ok: false, status: result.status, error: result.error };
}
