/** Turning an API refusal into words for the screen. */
import type { ApiError } from './api';

// The server's messages are already written for people (ERROR_TEXT stays off the first screen).
export function errorText(error: ApiError): string {
  if (error.code === 'NETWORK') return 'You are offline. This needs a connection; try again when you are back online.';
  if (error.code === 'INVALID_CREDENTIALS') return 'Wrong email or password.';
  return error.message;
}

export function authErrorText(status: number, error: ApiError): string {
  if (status === 0) return 'You are offline. Signing in needs a connection.';
  if (error.code === 'RATE_LIMITED') return 'Too many attempts. Wait a few minutes and try again.';
  return errorText(error);
}

/** `details.fields` of a VALIDATION_FAILED answer: field → message. */
export function fieldErrors(error: ApiError): Record<string, string> {
  const fields = error.details?.fields;
  if (!fields || typeof fields !== 'object') return {};
  return Object.fromEntries(Object.entries(fields).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}
