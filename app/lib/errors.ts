/** Turning an API refusal into words for the screen: by its `code`, never the server's English `message`. */
import { hasKey, t } from '../i18n';
import type { ApiError } from './api';

/** The words for a refusal code (an unknown code, e.g. from a newer server, gets a generic line). */
export function codeText(code: string | null | undefined): string {
  const key = `errors.${code ?? 'UNKNOWN'}`;
  return hasKey(key) ? t(key as 'errors.UNKNOWN') : t('errors.UNKNOWN');
}

export function errorText(error: ApiError): string {
  if (error.code === 'NETWORK') return t('errors.network');
  return `${codeText(error.code)}.`;
}

export function authErrorText(status: number, error: ApiError): string {
  if (status === 0) return t('auth.offline');
  if (error.code === 'RATE_LIMITED') return t('auth.rateLimited');
  return errorText(error);
}

/** The fields a VALIDATION_FAILED answer names (`details.fields`); the screen words each one itself. */
export function invalidFields(error: ApiError): string[] {
  const fields = error.details?.fields;
  if (!fields || typeof fields !== 'object') return [];
  return Object.keys(fields);
}

/** What a failed passkey ceremony says (a dismissed prompt is said gently, never as an error). */
export function passkeyErrorText(outcome: { cancelled?: boolean; status: number; error: ApiError }): string {
  if (outcome.cancelled) return t('security.passkeyCancelled');
  if (outcome.status === 0) return t('security.offline');
  if (outcome.error.code === 'RATE_LIMITED') return t('security.rateLimited');
  if (outcome.error.code === 'INVALID_CREDENTIALS') return t('security.passkeyRefused');
  return t('security.failed');
}
