/**
 * What screens call to change things, one function per action. The
 * implementations (outbox, sync engine, API client) load on first use, so the
 * first screen paints without them.
 */
import type { ApiError } from '../lib/api';
import type { IntentPayloads } from '../offline/intents/book';
import type { Every } from '../../worker/domain/schedule';

const actions = () => import('./actions');

/** Each queues its change (shown on screen at once) and returns its Idempotency-Key. */
export const deposit = async (amount: number): Promise<string> => (await actions()).deposit(amount);
export const addBeneficiary = async (input: { nickname: string; phone: string }): Promise<string> => (await actions()).addBeneficiary(input);
export const renameBeneficiary = async (id: string, nickname: string): Promise<string> => (await actions()).renameBeneficiary(id, nickname);
export const setBeneficiaryActive = async (id: string, active: boolean): Promise<string> => (await actions()).setBeneficiaryActive(id, active);
export const deleteBeneficiary = async (id: string): Promise<string> => (await actions()).deleteBeneficiary(id);
export const topUp = async (beneficiaryId: string, amount: number): Promise<string> => (await actions()).topUp(beneficiaryId, amount);
export const addSchedule = async (input: { beneficiaryId: string; amount: number; every: Every }): Promise<string> => (await actions()).addSchedule(input);
export const changeSchedule = async (change: IntentPayloads['changeSchedule']): Promise<string> => (await actions()).changeSchedule(change);
export const deleteSchedule = async (id: string, beneficiaryId: string): Promise<string> => (await actions()).deleteSchedule(id, beneficiaryId);
/** Queues the identity check and waits for the server's answer (null when accepted or still queued). */
export const verifyIdentity = async (): Promise<ApiError | null> => (await actions()).verifyIdentity();

export const dismiss = async (key: string): Promise<void> => (await actions()).dismiss(key);
export const retry = async (key: string): Promise<void> => (await actions()).retry(key);
export const signOut = async (): Promise<void> => (await actions()).signOut();
/** Flushes the outbox now and resolves when done (or when it cannot go further). */
export const syncNow = async (): Promise<void> => (await import('./sync')).syncNow();

/** Signs in (or up) and opens this user's data on the device; the API client loads on first use. */
export async function authenticate(
  kind: 'login' | 'signup',
  input: { email: string; password: string; name?: string },
): Promise<{ ok: true } | { ok: false; status: number; error: ApiError }> {
  const [{ api }, { signedIn }] = await Promise.all([import('../lib/api'), actions()]);
  const result = kind === 'login' ? await api.login(input) : await api.signup({ ...input, name: input.name ?? '' });
  if (!result.ok) return { ok: false, status: result.status, error: result.error };
  // The login route's 429 is an untyped Response, so its answer type also admits text: check.
  if (typeof result.data !== 'object') return { ok: false, status: result.status, error: { code: 'UNKNOWN', message: 'Unexpected answer from the server' } };
  await signedIn(result.data.user);
  return { ok: true };
}
