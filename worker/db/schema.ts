/** The tables: drizzle-kit generates migrations/shard/ from here; the triggers there that enforce the money rules are hand-written. */
import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  passwordHash: text('password_hash').notNull(),
  verified: integer('verified', { mode: 'boolean' }).notNull().default(false),
  createdAt: text('created_at').notNull(),
  lang: text('lang', { enum: ['en', 'ar'] }).notNull().default('en'),
  closedAt: text('closed_at'),
  /** Set by an operator: every write of the user is refused. */
  frozenAt: text('frozen_at'),
});

/** Ledger accounts: one wallet per user plus the system accounts money flows to and from. */
export const accounts = sqliteTable(
  'accounts',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').references(() => users.id),
    kind: text('kind', { enum: ['wallet', 'bank_funding', 'fee_income', 'provider_payable', 'bank_withdrawals', 'adjustments'] }).notNull(),
    // A cache of SUM(ledger_entries.amount) for this account, updated in the same batch.
    balance: integer('balance').notNull().default(0),
  },
  (t) => [
    check('wallet_never_negative', sql`${t.kind} <> 'wallet' OR ${t.balance} >= 0`),
    uniqueIndex('accounts_user_kind').on(t.userId, t.kind),
  ],
);

export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull().references(() => users.id),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    revokedAt: text('revoked_at'),
    method: text('method', { enum: ['password', 'passkey'] }).notNull().default('password'),
    userAgent: text('user_agent'),
    lastUsedAt: text('last_used_at'),
  },
  (t) => [index('sessions_user').on(t.userId)],
);

/** Never holds a row: an insert aborts the batch unless the session is live (a trigger), so a write checks its session in its own batch. */
export const sessionAssertions = sqliteTable('session_assertions', {
  sessionId: text('session_id').notNull(),
  // The token's subject: the session must belong to it (a token names both).
  userId: text('user_id'),
  at: text('at').notNull(),
});

export const loginFailures = sqliteTable(
  'login_failures',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    email: text('email').notNull(),
    at: integer('at').notNull(),
  },
  (t) => [index('login_failures_email_at').on(t.email, t.at)],
);

export const beneficiaries = sqliteTable(
  'beneficiaries',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull().references(() => users.id),
    nickname: text('nickname').notNull(),
    phone: text('phone').notNull(),
    active: integer('active', { mode: 'boolean' }).notNull(),
    // The cap on active beneficiaries in force when this row was written; read by the trigger.
    activeCap: integer('active_cap').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    deletedAt: text('deleted_at'),
  },
  (t) => [
    uniqueIndex('beneficiaries_user_phone_live').on(t.userId, t.phone).where(sql`deleted_at IS NULL`),
    index('beneficiaries_user_active').on(t.userId, t.active, t.deletedAt),
  ],
);

export const topups = sqliteTable(
  'topups',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    id: text('id').notNull().unique(),
    userId: text('user_id').notNull().references(() => users.id),
    beneficiaryId: text('beneficiary_id').notNull().references(() => beneficiaries.id),
    phone: text('phone').notNull(),
    amount: integer('amount').notNull(),
    fee: integer('fee').notNull(),
    status: text('status', { enum: ['pending', 'completed', 'failed'] }).notNull(),
    failureCode: text('failure_code'),
    providerRef: text('provider_ref'),
    // Asia/Dubai calendar month ("2026-11") the amount counts towards.
    month: text('month').notNull(),
    // The limits this top-up was checked against (configuration at the time), read by the triggers.
    beneficiaryLimit: integer('beneficiary_limit').notNull(),
    totalLimit: integer('total_limit').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    createdAt: text('created_at').notNull(),
    completedAt: text('completed_at'),
    scheduleId: text('schedule_id').references(() => schedules.id),
  },
  (t) => [
    check('topup_amount_positive', sql`${t.amount} > 0 AND ${t.fee} >= 0`),
    check('topup_status', sql`${t.status} IN ('pending', 'completed', 'failed')`),
    index('topups_beneficiary_month').on(t.beneficiaryId, t.month, t.status),
    index('topups_user_month').on(t.userId, t.month, t.status),
    index('topups_user_seq').on(t.userId, t.seq),
    index('topups_user_beneficiary_seq').on(t.userId, t.beneficiaryId, t.seq),
    index('topups_status_created').on(t.status, t.createdAt),
  ],
);

export const ledgerTransactions = sqliteTable(
  'ledger_transactions',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    id: text('id').notNull().unique(),
    userId: text('user_id').notNull().references(() => users.id),
    kind: text('kind', { enum: ['deposit', 'topup', 'refund', 'withdrawal', 'adjustment'] }).notNull(),
    topupId: text('topup_id').references(() => topups.id),
    // Signed, as seen from the wallet, fee excluded: a top-up of 2000 is -2000 with fee 100.
    amount: integer('amount').notNull(),
    fee: integer('fee').notNull(),
    balanceAfter: integer('balance_after').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    index('ledger_transactions_user_seq').on(t.userId, t.seq),
    index('ledger_transactions_user_created').on(t.userId, t.createdAt),
    uniqueIndex('ledger_transactions_topup_kind').on(t.topupId, t.kind),
  ],
);

/** Append-only double entry: the entries of one transaction sum to zero. */
export const ledgerEntries = sqliteTable(
  'ledger_entries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    transactionId: text('transaction_id').notNull().references(() => ledgerTransactions.id),
    accountId: text('account_id').notNull().references(() => accounts.id),
    amount: integer('amount').notNull(),
  },
  (t) => [index('ledger_entries_transaction').on(t.transactionId), index('ledger_entries_account').on(t.accountId)],
);

export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    // "user:<id>" for signed-in requests, "email:<email>" for signup.
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    method: text('method').notNull(),
    path: text('path').notNull(),
    fingerprint: text('fingerprint').notNull(),
    state: text('state', { enum: ['in_progress', 'done'] }).notNull(),
    status: integer('status'),
    response: text('response'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] }), index('idempotency_keys_created').on(t.createdAt)],
);

/** Scheduled top-ups (ADR 008): deleted ones stay (their top-ups refer to them); one live schedule per beneficiary. */
export const schedules = sqliteTable(
  'schedules',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull().references(() => users.id),
    beneficiaryId: text('beneficiary_id').notNull().references(() => beneficiaries.id),
    amount: integer('amount').notNull(),
    every: text('every', { enum: ['week', 'month'] }).notNull(),
    startsAt: text('starts_at').notNull(),
    nextRunAt: text('next_run_at').notNull(),
    status: text('status', { enum: ['active', 'paused'] }).notNull(),
    lastRunAt: text('last_run_at'),
    lastRunResult: text('last_run_result', { enum: ['completed', 'failed', 'pending', 'refused'] }),
    lastRunCode: text('last_run_code'),
    // No foreign key: the run's batch records it before inserting the top-up.
    lastRunTopupId: text('last_run_topup_id'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    deletedAt: text('deleted_at'),
  },
  (t) => [
    check('schedule_amount_positive', sql`${t.amount} > 0`),
    uniqueIndex('schedules_beneficiary_live').on(t.beneficiaryId).where(sql`deleted_at IS NULL`),
    index('schedules_user').on(t.userId, t.createdAt),
    // The cron's keyset scan: due active schedules in (next_run_at, id) order.
    index('schedules_due').on(t.nextRunAt, t.id).where(sql`status = 'active' AND deleted_at IS NULL`),
  ],
);

/** Never holds a row: a run's batch inserts here when its guarded schedule update changed nothing, and a trigger aborts the batch. */
export const scheduleRunChecks = sqliteTable('schedule_run_checks', {
  scheduleId: text('schedule_id').notNull(),
});

/** A user's WebAuthn passkeys (ADR 011); a removed passkey's row is deleted. */
export const passkeys = sqliteTable(
  'passkeys',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull().references(() => users.id),
    /** base64url, as the browser names the credential. */
    credentialId: text('credential_id').notNull(),
    /** base64url of the COSE public key. */
    publicKey: text('public_key').notNull(),
    counter: integer('counter').notNull().default(0),
    /** JSON array of AuthenticatorTransport. */
    transports: text('transports').notNull().default('[]'),
    deviceType: text('device_type', { enum: ['singleDevice', 'multiDevice'] }).notNull(),
    backedUp: integer('backed_up', { mode: 'boolean' }).notNull(),
    name: text('name').notNull(),
    createdAt: text('created_at').notNull(),
    lastUsedAt: text('last_used_at'),
  },
  (t) => [
    check('passkeys_counter_non_negative', sql`${t.counter} >= 0`),
    uniqueIndex('passkeys_credential').on(t.credentialId),
    index('passkeys_user').on(t.userId),
  ],
);

/** One-time WebAuthn challenges: consumed by the ceremony that answers them, or expired. */
export const webauthnChallenges = sqliteTable(
  'webauthn_challenges',
  {
    challenge: text('challenge').primaryKey(),
    purpose: text('purpose', { enum: ['register', 'sign_in'] }).notNull(),
    /** Registration challenges belong to the signed-in user; sign-in challenges to nobody yet. */
    userId: text('user_id'),
    /** Epoch milliseconds. */
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [index('webauthn_challenges_expires').on(t.expiresAt)],
);

/** A person's report of a problem with a top-up (ADR 012), resolved by an operator; one open problem per top-up. */
export const problems = sqliteTable(
  'problems',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull().references(() => users.id),
    topupId: text('topup_id').notNull().references(() => topups.id),
    reason: text('reason', { enum: ['not_received', 'wrong_number', 'other'] }).notNull(),
    message: text('message'),
    status: text('status', { enum: ['open', 'resolved'] }).notNull().default('open'),
    resolution: text('resolution'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('problems_topup_open').on(t.topupId).where(sql`status = 'open'`),
    index('problems_user_created').on(t.userId, t.createdAt),
    index('problems_status_created').on(t.status, t.createdAt),
  ],
);
// The operations console (ADR 015).

/** Never holds a row: a user's write inserts here first, and a trigger aborts it while the user is frozen. */
export const accountWriteChecks = sqliteTable('account_write_checks', {
  userId: text('user_id').notNull(),
});

/** Money an operator moves: one operator requests, another applies or rejects (triggers enforce both). */
export const adjustments = sqliteTable('adjustments', {
  seq: integer('seq').primaryKey({ autoIncrement: true }),
  id: text('id').notNull().unique(),
  userId: text('user_id').notNull().references(() => users.id),
  amount: integer('amount').notNull(),
  reason: text('reason').notNull(),
  status: text('status', { enum: ['pending', 'applied', 'rejected'] }).notNull().default('pending'),
  requestedBy: text('requested_by').notNull(),
  decidedBy: text('decided_by'),
  createdAt: text('created_at').notNull(),
  decidedAt: text('decided_at'),
});

/** Every operator write, recorded by the batch that makes it; append-only. In the directory (role changes) and on every shard. */
export const auditLog = sqliteTable('audit_log', {
  seq: integer('seq').primaryKey({ autoIncrement: true }),
  id: text('id').notNull().unique(),
  at: text('at').notNull(),
  actor: text('actor').notNull(),
  role: text('role').notNull(),
  action: text('action').notNull(),
  target: text('target').notNull(),
  /** The customer the action concerns, so `?target=<user id>` finds all of it. */
  userId: text('user_id'),
  reason: text('reason').notNull(),
  before: text('before'),
  after: text('after'),
  requestId: text('request_id').notNull(),
});

/** The inbox (ADR 014), written in the event's batch in the user's language; `dedupe_key`: at most one per user and key. */
export const notifications = sqliteTable(
  'notifications',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    id: text('id').notNull().unique(),
    userId: text('user_id').notNull().references(() => users.id),
    kind: text('kind', { enum: ['schedule_run', 'topup_settled', 'low_balance', 'limit_near', 'new_sign_in', 'problem_update', 'account_status'] }).notNull(),
    /** JSON, the contract's `data` of the kind. */
    data: text('data').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    lang: text('lang', { enum: ['en', 'ar'] }).notNull(),
    dedupeKey: text('dedupe_key'),
    createdAt: text('created_at').notNull(),
    readAt: text('read_at'),
  },
  (t) => [
    index('notifications_user_seq').on(t.userId, t.seq),
    uniqueIndex('notifications_user_dedupe').on(t.userId, t.dedupeKey).where(sql`dedupe_key IS NOT NULL`),
    index('notifications_user_unread').on(t.userId).where(sql`read_at IS NULL`),
  ],
);

/** A browser's Web Push subscription; `session_id`: the session that registered it (sign-out deletes it). */
export const pushSubscriptions = sqliteTable(
  'push_subscriptions',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull().references(() => users.id),
    endpoint: text('endpoint').notNull(),
    p256dh: text('p256dh').notNull(),
    auth: text('auth').notNull(),
    sessionId: text('session_id'),
    userAgent: text('user_agent'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [uniqueIndex('push_subscriptions_endpoint').on(t.endpoint), index('push_subscriptions_user').on(t.userId), index('push_subscriptions_session').on(t.sessionId)],
);

/** The push outbox: one row per notification and subscription until the push service took it (or gave up on it). */
export const pushDeliveries = sqliteTable(
  'push_deliveries',
  {
    notificationId: text('notification_id').notNull(),
    subscriptionId: text('subscription_id').notNull(),
    userId: text('user_id').notNull(),
    attempts: integer('attempts').notNull().default(0),
    /** Due from then; a consumer working on it leases it by moving this ahead. */
    nextAttemptAt: text('next_attempt_at').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.notificationId, t.subscriptionId] }),
    index('push_deliveries_due').on(t.nextAttemptAt),
    index('push_deliveries_subscription').on(t.subscriptionId),
  ],
);
