/** The operations API's answers, like ./schemas.ts. */
import * as v from 'valibot';
import { BeneficiarySchema, LimitsSchema, ProblemSchema, ScheduleSchema, TimelineEventSchema, TopupSchema, TransactionSchema, UserSchema } from './schemas';
import { ROLES } from '../domain/roles';

const Fils = v.pipe(v.number(), v.integer());
const Count = v.pipe(v.number(), v.integer(), v.minValue(0));
const Timestamp = v.pipe(v.string(), v.isoTimestamp());

export const AdminUserSchema = v.strictObject({
  id: v.string(),
  email: v.string(),
  name: v.string(),
  shard: Count,
  balance: Fils,
  frozen: v.boolean(),
  closed: v.boolean(),
  created_at: Timestamp,
});
export const AdminUserListSchema = v.strictObject({ items: v.array(AdminUserSchema) });

export const AdminProblemSchema = v.strictObject({ ...ProblemSchema.entries, user_id: v.string() });
export const AdminProblemListSchema = v.strictObject({ items: v.array(AdminProblemSchema) });
export const AdminProblemResultSchema = v.strictObject({ problem: ProblemSchema });

export const AdminUserDetailSchema = v.strictObject({
  user: UserSchema,
  frozen: v.boolean(),
  beneficiaries: v.array(BeneficiarySchema),
  schedules: v.array(ScheduleSchema),
  topups: v.array(v.strictObject({ ...TopupSchema.entries, timeline: v.array(TimelineEventSchema) })),
  transactions: v.array(TransactionSchema),
  sessions: v.array(
    v.strictObject({ id: v.string(), method: v.picklist(['password', 'passkey']), user_agent: v.nullable(v.string()), created_at: Timestamp, last_used_at: v.nullable(Timestamp) }),
  ),
  limits: LimitsSchema,
  problems: v.array(ProblemSchema),
});

export const FrozenSchema = v.strictObject({ frozen: v.boolean() });
export const EndedSchema = v.strictObject({ ended: Count });
export const AdminTopupResultSchema = v.strictObject({ topup: TopupSchema });

export const AdjustmentSchema = v.strictObject({
  id: v.string(),
  user_id: v.string(),
  amount: Fils,
  reason: v.string(),
  status: v.picklist(['pending', 'applied', 'rejected']),
  requested_by: v.string(),
  decided_by: v.nullable(v.string()),
  created_at: Timestamp,
  decided_at: v.nullable(Timestamp),
});
export const AdjustmentResultSchema = v.strictObject({ adjustment: AdjustmentSchema });
export const AdjustmentListSchema = v.strictObject({ items: v.array(AdjustmentSchema) });

export const AuditRecordSchema = v.strictObject({
  id: v.string(),
  at: Timestamp,
  actor: v.string(),
  role: v.picklist(ROLES),
  action: v.string(),
  target: v.string(),
  reason: v.string(),
  before: v.unknown(),
  after: v.unknown(),
  request_id: v.string(),
});
export const AuditPageSchema = v.strictObject({ items: v.array(AuditRecordSchema), next_cursor: v.nullable(v.string()) });

export const OverviewSchema = v.strictObject({
  shards: v.array(
    v.strictObject({
      shard: Count,
      users: Count,
      pending_topups: Count,
      stuck_topups: Count,
      failed_today: Count,
      open_problems: Count,
      pending_adjustments: Count,
      ledger_ok: v.boolean(),
    }),
  ),
});

export const RoleSchema = v.strictObject({ email: v.string(), role: v.picklist(ROLES), granted_by: v.string(), granted_at: Timestamp });
export const RoleListSchema = v.strictObject({ items: v.array(RoleSchema) });
export const RoleResultSchema = v.strictObject({ role: RoleSchema });
