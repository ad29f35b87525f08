/** The contract's response bodies as valibot schemas, which the document and the types derive from; strict, so an unnamed field is drift. */
import * as v from 'valibot';
import { documentedAs } from './documented';
import { ERROR_STATUS, type ErrorCode } from '../domain/errors';

const Fils = v.pipe(v.number(), v.integer());
const Timestamp = v.pipe(v.string(), v.isoTimestamp());
const Id = v.string();

export const TopupStatusSchema = v.picklist(['pending', 'completed', 'failed']);

export const UserSchema = v.strictObject({
  id: Id,
  email: v.string(),
  name: v.string(),
  verified: v.boolean(),
  balance: Fils,
  currency: v.literal('AED'),
  created_at: Timestamp,
  /** What notifications and pushes are worded in. */
  lang: v.picklist(['en', 'ar']),
});

export const BeneficiarySchema = v.strictObject({
  id: Id,
  nickname: v.string(),
  phone: v.pipe(v.string(), v.regex(/^\+9715\d{8}$/)),
  active: v.boolean(),
  operator: v.nullable(v.picklist(['etisalat', 'du'])),
  month_used: Fils,
  month_limit: Fils,
  created_at: Timestamp,
  updated_at: Timestamp,
});

export const TopupSchema = v.strictObject({
  id: Id,
  beneficiary_id: Id,
  phone: v.string(),
  amount: Fils,
  fee: Fils,
  status: TopupStatusSchema,
  failure_code: v.nullable(v.string()),
  provider_ref: v.nullable(v.string()),
  created_at: Timestamp,
  completed_at: v.nullable(Timestamp),
  /** The schedule whose run made it, or null. */
  schedule_id: v.nullable(Id),
});

export const TransactionSchema = v.strictObject({
  id: Id,
  kind: v.picklist(['deposit', 'topup', 'refund', 'withdrawal', 'adjustment']),
  amount: Fils,
  fee: Fils,
  balance_after: Fils,
  beneficiary_id: v.nullable(Id),
  status: TopupStatusSchema,
  created_at: Timestamp,
});

export const LastRunSchema = v.strictObject({
  at: Timestamp,
  result: v.picklist(['completed', 'failed', 'pending', 'refused']),
  /** The refusal code, or the provider's failure_code; null otherwise. */
  code: v.nullable(v.string()),
  /** null for a refusal. */
  topup_id: v.nullable(Id),
});

export const ScheduleSchema = v.strictObject({
  id: Id,
  beneficiary_id: Id,
  amount: Fils,
  every: v.picklist(['week', 'month']),
  starts_at: Timestamp,
  next_run_at: Timestamp,
  status: v.picklist(['active', 'paused']),
  last_run: v.nullable(LastRunSchema),
  created_at: Timestamp,
  updated_at: Timestamp,
});

export const DepositSchema = v.strictObject({ id: Id, amount: Fils, created_at: Timestamp });

export const OptionsSchema = v.strictObject({
  currency: v.literal('AED'),
  amounts: v.array(Fils),
  fee: Fils,
  limits: v.strictObject({
    beneficiary_monthly: v.strictObject({ verified: Fils, unverified: Fils }),
    total_monthly: Fils,
    max_active_beneficiaries: v.pipe(v.number(), v.integer()),
  }),
  time_zone: v.literal('Asia/Dubai'),
});

const UsageSchema = { used: Fils, limit: Fils, remaining: Fils };

export const LimitsSchema = v.strictObject({
  month: v.pipe(v.string(), v.regex(/^\d{4}-\d{2}$/)),
  time_zone: v.literal('Asia/Dubai'),
  verified: v.boolean(),
  total: v.strictObject(UsageSchema),
  beneficiaries: v.array(v.strictObject({ id: Id, ...UsageSchema })),
});

const NextCursor = v.nullable(v.string());
const pageOf = <S extends v.GenericSchema>(item: S) => v.strictObject({ items: v.array(item), next_cursor: NextCursor });

export const TransactionsPageSchema = pageOf(TransactionSchema);
export const TopupsPageSchema = pageOf(TopupSchema);

export const HealthSchema = v.strictObject({ ok: v.boolean(), version: v.string(), db: v.picklist(['ok', 'error']) });

export const SessionSchema = v.strictObject({ user: UserSchema, token: v.string() });
export const MeSchema = v.strictObject({ user: UserSchema });
export const BeneficiaryResultSchema = v.strictObject({ beneficiary: BeneficiarySchema });
export const BeneficiaryListSchema = v.strictObject({ items: v.array(BeneficiarySchema) });
export const ScheduleResultSchema = v.strictObject({ schedule: ScheduleSchema });
export const ScheduleListSchema = v.strictObject({ items: v.array(ScheduleSchema) });
export const DepositResultSchema = v.strictObject({ deposit: DepositSchema, balance: Fils });
export const TopupResultSchema = v.strictObject({ topup: TopupSchema, balance: Fils });

/** One queued action of POST /api/sync (its request; the key is its Idempotency-Key). */
export const SyncActionSchema = v.object({
  key: v.pipe(v.string('Must be text'), v.regex(/^[\x20-\x7E]{1,255}$/, 'Must be 1–255 printable ASCII characters')),
  method: v.picklist(['POST', 'PATCH', 'DELETE'], 'Must be POST, PATCH or DELETE'),
  path: v.pipe(
    v.string('Must be a path'),
    v.maxLength(200, 'Too long'),
    v.regex(/^\/api\/[A-Za-z0-9/_-]*$/, 'Must be an /api path'),
    v.check((p) => !p.startsWith('/api/auth/') && !/^\/api\/sync(\/|$)/.test(p), 'Cannot be replayed through sync'),
    documentedAs({ pattern: String.raw`^/api/(?!auth/|sync(?:/|$))[A-Za-z0-9/_-]*$`, examples: ['/api/beneficiaries', '/api/wallet/deposits'] }),
  ),
  body: v.optional(v.unknown()),
});

export const SyncResultSchema = v.strictObject({ key: v.string(), status: v.pipe(v.number(), v.integer()), body: v.unknown() });
export const SyncResultsSchema = v.strictObject({ results: v.array(SyncResultSchema) });

export const BootstrapSchema = v.strictObject({
  user: UserSchema,
  options: OptionsSchema,
  limits: LimitsSchema,
  beneficiaries: v.array(BeneficiarySchema),
  transactions: TransactionsPageSchema,
  schedules: ScheduleListSchema,
});

/** Passkeys and sessions (API.md "Passkeys", "Sessions and password"). */
export const PasskeySchema = v.strictObject({ id: Id, name: v.string(), created_at: Timestamp, last_used_at: v.nullable(Timestamp) });
export const PasskeyResultSchema = v.strictObject({ passkey: PasskeySchema });
export const PasskeyListSchema = v.strictObject({ items: v.array(PasskeySchema) });
/** WebAuthn's PublicKeyCredentialCreationOptionsJSON / RequestOptionsJSON: defined by the W3C spec, passed as is. */
export const WebAuthnOptionsSchema = v.strictObject({ options: v.looseObject({ challenge: v.string() }) });
export const SessionInfoSchema = v.strictObject({
  id: Id,
  current: v.boolean(),
  method: v.picklist(['password', 'passkey']),
  user_agent: v.nullable(v.string()),
  created_at: Timestamp,
  last_used_at: v.nullable(Timestamp),
});
export const SessionListSchema = v.strictObject({ items: v.array(SessionInfoSchema) });

/** A top-up's story, problem reports, statements, withdrawals, the data export (ADR 012). */
export const TimelineEventSchema = v.strictObject({
  at: Timestamp,
  event: v.picklist(['debited', 'sent', 'completed', 'failed', 'refunded']),
  /** debited/refunded: fils (amount + fee); completed: the provider_ref; failed: the failure_code; sent: null. */
  detail: v.nullable(v.union([v.string(), Fils])),
});
export const TopupStorySchema = v.strictObject({ topup: TopupSchema, timeline: v.array(TimelineEventSchema) });

export const ProblemSchema = v.strictObject({
  id: Id,
  topup_id: Id,
  reason: v.picklist(['not_received', 'wrong_number', 'other']),
  message: v.nullable(v.string()),
  status: v.picklist(['open', 'resolved']),
  resolution: v.nullable(v.string()),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export const ProblemResultSchema = v.strictObject({ problem: ProblemSchema });
export const ProblemListSchema = v.strictObject({ items: v.array(ProblemSchema) });

export const WithdrawalSchema = v.strictObject({ id: Id, amount: Fils, created_at: Timestamp });
export const WithdrawalResultSchema = v.strictObject({ withdrawal: WithdrawalSchema, balance: Fils });

const NonNegative = v.pipe(Fils, v.minValue(0));
export const StatementSchema = v.strictObject({
  month: v.pipe(v.string(), v.regex(/^\d{4}-\d{2}$/)),
  time_zone: v.literal('Asia/Dubai'),
  opening_balance: Fils,
  closing_balance: Fils,
  totals: v.strictObject({ deposits: NonNegative, topups: NonNegative, fees: NonNegative, refunds: NonNegative, withdrawals: NonNegative, adjustments: Fils }),
  beneficiaries: v.array(
    v.strictObject({ beneficiary_id: Id, nickname: v.string(), phone: v.string(), count: v.pipe(v.number(), v.integer()), amount: Fils, limit: Fils }),
  ),
  items: v.array(TransactionSchema),
});

export const ExportSchema = v.strictObject({
  exported_at: Timestamp,
  user: v.looseObject({ id: Id }),
  beneficiaries: v.array(v.looseObject({ id: Id })),
  schedules: v.array(ScheduleSchema),
  topups: v.array(TopupSchema),
  transactions: v.array(TransactionSchema),
  sessions: v.array(v.looseObject({ id: Id })),
  passkeys: v.array(PasskeySchema),
  push_subscriptions: v.array(v.looseObject({})),
  notifications: v.array(v.looseObject({})),
  problems: v.array(ProblemSchema),
});
/** Notifications and Web Push (API.md "Notifications (v3)"). */
export const NotificationKindSchema = v.picklist(['schedule_run', 'topup_settled', 'low_balance', 'limit_near', 'new_sign_in', 'problem_update', 'account_status']);
export const NotificationSchema = v.strictObject({
  id: Id,
  kind: NotificationKindSchema,
  data: v.record(v.string(), v.unknown()),
  title: v.string(),
  body: v.string(),
  created_at: Timestamp,
  read_at: v.nullable(Timestamp),
});
const Unread = v.pipe(v.number(), v.integer(), v.minValue(0));
export const NotificationsPageSchema = v.strictObject({ items: v.array(NotificationSchema), next_cursor: NextCursor, unread: Unread });
export const UnreadSchema = v.strictObject({ unread: Unread });
export const PushKeySchema = v.strictObject({ public_key: v.string() });
export const PushSubscriptionSchema = v.strictObject({ id: Id, created_at: Timestamp, user_agent: v.nullable(v.string()) });
export const PushSubscriptionResultSchema = v.strictObject({ subscription: PushSubscriptionSchema });
export const PushSubscriptionListSchema = v.strictObject({ items: v.array(PushSubscriptionSchema) });

const ERROR_CODES = Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]];

/** `{error: {code, message, details?}}`, with `code` narrowed to the codes a route can answer. */
export function errorSchema(codes: readonly ErrorCode[] = ERROR_CODES) {
  return v.strictObject({
    error: v.strictObject({
      code: v.picklist(codes),
      message: v.string(),
      details: v.optional(v.record(v.string(), v.unknown())),
    }),
  });
}

export const ErrorSchema = errorSchema();
