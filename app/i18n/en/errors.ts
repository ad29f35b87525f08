/**
 * Refusals sign-in and the frame may show, by the API's `code` (the signed-in screens': ./refusals.ts).
 * Their keys are built at run time (`errors.${code}`): tests/unit/i18n.test.ts lists them.
 */
export default {
  'errors.BAD_REQUEST': 'The request could not be read',
  'errors.UNAUTHENTICATED': 'Please sign in again',
  'errors.INVALID_CREDENTIALS': 'Wrong email or password',
  'errors.FORBIDDEN': 'Not allowed',
  'errors.NOT_FOUND': 'Not found',
  'errors.EMAIL_TAKEN': 'An account with this email already exists',
  'errors.IDEMPOTENCY_IN_PROGRESS': 'Still being processed',
  'errors.PAYLOAD_TOO_LARGE': 'The request is too large',
  'errors.VALIDATION_FAILED': 'Some fields are not valid',
  'errors.RATE_LIMITED': 'Too many attempts, try again later',
  'errors.UNKNOWN': 'Something went wrong. Try again',
  'errors.network': 'You are offline. This needs a connection; try again when you are back online.',
};
