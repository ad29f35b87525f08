/**
 * Refusals, by the API's `code` (never the server's English `message`). Read with
 * a key built at run time (`errors.${code}`): listed in tests/unit/i18n-keys.test.ts.
 */
export default {
  'errors.BAD_REQUEST': 'The request could not be read',
  'errors.UNAUTHENTICATED': 'Please sign in again',
  'errors.INVALID_CREDENTIALS': 'Wrong email or password',
  'errors.FORBIDDEN': 'Not allowed',
  'errors.USER_MISMATCH': 'This action belongs to another account',
  'errors.NOT_FOUND': 'Not found',
  'errors.EMAIL_TAKEN': 'An account with this email already exists',
  'errors.ACTIVE_LIMIT_REACHED': 'You already have 5 active beneficiaries',
  'errors.DUPLICATE_BENEFICIARY': 'You already have a beneficiary with this number',
  'errors.BENEFICIARY_INACTIVE': 'This beneficiary is inactive',
  'errors.INSUFFICIENT_BALANCE': 'Not enough balance',
  'errors.BENEFICIARY_MONTHLY_LIMIT': 'Monthly limit for this beneficiary reached',
  'errors.MONTHLY_LIMIT': 'Monthly limit reached',
  'errors.IDEMPOTENCY_IN_PROGRESS': 'Still being processed',
  'errors.ID_CONFLICT': 'This id is already used',
  'errors.DUPLICATE_SCHEDULE': 'This beneficiary already has an auto top-up',
  'errors.PAYLOAD_TOO_LARGE': 'The request is too large',
  'errors.VALIDATION_FAILED': 'Some fields are not valid',
  'errors.IDEMPOTENCY_KEY_REUSED': 'This request key was used for something else',
  'errors.RATE_LIMITED': 'Too many attempts, try again later',
  'errors.UNKNOWN': 'Something went wrong. Try again',
  'errors.network': 'You are offline. This needs a connection; try again when you are back online.',
};
