/** The contract's JSON shapes, shared with the app and derived from contract/schemas.ts: types, document and answers cannot drift. */
import type * as v from 'valibot';
import type {
  BeneficiarySchema,
  DepositSchema,
  LimitsSchema,
  NotificationSchema,
  PushSubscriptionSchema,
  OptionsSchema,
  ProblemSchema,
  StatementSchema,
  TimelineEventSchema,
  WithdrawalSchema,
  ScheduleSchema,
  TopupSchema,
  TopupStatusSchema,
  TransactionSchema,
  UserSchema,
  SyncActionSchema,
  PasskeySchema,
  SessionInfoSchema,
} from './schemas';

export type ApiUser = v.InferOutput<typeof UserSchema>;
export type ApiBeneficiary = v.InferOutput<typeof BeneficiarySchema>;
export type TopupStatus = v.InferOutput<typeof TopupStatusSchema>;
export type ApiTopup = v.InferOutput<typeof TopupSchema>;
export type ApiTransaction = v.InferOutput<typeof TransactionSchema>;
export type ApiDeposit = v.InferOutput<typeof DepositSchema>;
export type ApiOptions = v.InferOutput<typeof OptionsSchema>;
export type ApiLimits = v.InferOutput<typeof LimitsSchema>;
export type ApiSchedule = v.InferOutput<typeof ScheduleSchema>;
export type ApiWithdrawal = v.InferOutput<typeof WithdrawalSchema>;
export type ApiProblem = v.InferOutput<typeof ProblemSchema>;
export type ApiTimelineEvent = v.InferOutput<typeof TimelineEventSchema>;
export type ApiStatement = v.InferOutput<typeof StatementSchema>;
export type ApiNotification = v.InferOutput<typeof NotificationSchema>;
export type ApiPushSubscription = v.InferOutput<typeof PushSubscriptionSchema>;
export type ApiPasskey = v.InferOutput<typeof PasskeySchema>;
export type ApiSession = v.InferOutput<typeof SessionInfoSchema>;

export type Page<T> = { items: T[]; next_cursor: string | null };

export type SyncAction = v.InferOutput<typeof SyncActionSchema>;
export type SyncResult = { key: string; status: number; body: unknown };
