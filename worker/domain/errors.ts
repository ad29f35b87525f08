/** The contract's error codes, each with its HTTP status. */
export const ERROR_STATUS = {
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  USER_MISMATCH: 403,
  ACCOUNT_FROZEN: 403,
  SAME_APPROVER: 403,
  NOT_FOUND: 404,
  EMAIL_TAKEN: 409,
  ACTIVE_LIMIT_REACHED: 409,
  DUPLICATE_BENEFICIARY: 409,
  BENEFICIARY_INACTIVE: 409,
  INSUFFICIENT_BALANCE: 409,
  BENEFICIARY_MONTHLY_LIMIT: 409,
  MONTHLY_LIMIT: 409,
  IDEMPOTENCY_IN_PROGRESS: 409,
  ID_CONFLICT: 409,
  DUPLICATE_SCHEDULE: 409,
  DUPLICATE_PROBLEM: 409,
  BALANCE_NOT_ZERO: 409,
  TOPUP_PENDING: 409,
  TOPUP_NOT_PENDING: 409,
  ALREADY_DECIDED: 409,
  PAYLOAD_TOO_LARGE: 413,
  VALIDATION_FAILED: 422,
  IDEMPOTENCY_KEY_REUSED: 422,
  RATE_LIMITED: 429,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export type ErrorBody = { error: { code: ErrorCode; message: string; details?: Record<string, unknown> } };

/** A refusal the client can act on; the error handler turns it into the contract's JSON. */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
  }

  get status(): (typeof ERROR_STATUS)[ErrorCode] {
    return ERROR_STATUS[this.code];
  }

  toBody(): ErrorBody {
    const error: ErrorBody['error'] = { code: this.code, message: this.message };
    if (this.details) error.details = this.details;
    return { error };
  }
}

/** Human text for each code, used by the app when it shows a refusal. */
export const ERROR_TEXT: Record<ErrorCode, string> = {
  BAD_REQUEST: 'The request could not be read',
  UNAUTHENTICATED: 'Please sign in again',
  INVALID_CREDENTIALS: 'Wrong email or password',
  FORBIDDEN: 'Not allowed',
  USER_MISMATCH: 'This action belongs to another account',
  ACCOUNT_FROZEN: 'This account is frozen: contact support',
  SAME_APPROVER: 'Another operator must approve this',
  NOT_FOUND: 'Not found',
  EMAIL_TAKEN: 'An account with this email already exists',
  ACTIVE_LIMIT_REACHED: 'You already have 5 active beneficiaries',
  DUPLICATE_BENEFICIARY: 'You already have a beneficiary with this number',
  BENEFICIARY_INACTIVE: 'This beneficiary is inactive',
  INSUFFICIENT_BALANCE: 'Not enough balance',
  BENEFICIARY_MONTHLY_LIMIT: 'Monthly limit for this beneficiary reached',
  MONTHLY_LIMIT: 'Monthly limit reached',
  IDEMPOTENCY_IN_PROGRESS: 'Still being processed',
  ID_CONFLICT: 'This id is already used',
  DUPLICATE_SCHEDULE: 'This beneficiary already has an auto top-up',
  DUPLICATE_PROBLEM: 'A problem with this top-up is already open',
  BALANCE_NOT_ZERO: 'Withdraw your balance before closing the account',
  TOPUP_PENDING: 'A top-up is still being processed',
  TOPUP_NOT_PENDING: 'This top-up is not pending',
  ALREADY_DECIDED: 'This adjustment was already decided',
  PAYLOAD_TOO_LARGE: 'The request is too large',
  VALIDATION_FAILED: 'Some fields are not valid',
  IDEMPOTENCY_KEY_REUSED: 'This request key was used for something else',
  RATE_LIMITED: 'Too many attempts, try again later',
};
