/**
 * Refusals of the signed-in screens, by the API's `code` (like ./errors.ts, whose
 * keys they share): not in the first screen's part (./first.ts), since sign-in never
 * shows them. Listed in tests/unit/i18n-keys.test.ts with the others.
 */
export default {
  'errors.USER_MISMATCH': 'This action belongs to another account',
  'errors.ACCOUNT_FROZEN': 'Your account is frozen. Contact support',
  'errors.ACTIVE_LIMIT_REACHED': 'You already have 5 active beneficiaries',
  'errors.DUPLICATE_BENEFICIARY': 'You already have a beneficiary with this number',
  'errors.BENEFICIARY_INACTIVE': 'This beneficiary is inactive',
  'errors.INSUFFICIENT_BALANCE': 'Not enough balance',
  'errors.BENEFICIARY_MONTHLY_LIMIT': 'Monthly limit for this beneficiary reached',
  'errors.MONTHLY_LIMIT': 'Monthly limit reached',
  'errors.ID_CONFLICT': 'This id is already used',
  'errors.DUPLICATE_SCHEDULE': 'This beneficiary already has an auto top-up',
  'errors.SAME_APPROVER': 'Another operator must approve this',
  'errors.TOPUP_NOT_PENDING': 'This top-up is no longer pending',
  'errors.ALREADY_DECIDED': 'This was already decided',
  'errors.IDEMPOTENCY_KEY_REUSED': 'This request key was used for something else',
  'errors.DUPLICATE_PROBLEM': 'You already reported a problem with this top-up',
  'errors.BALANCE_NOT_ZERO': 'Withdraw your balance before closing the account',
  'errors.TOPUP_PENDING': 'A top-up is still being processed: try again when it is done',
};
