/** Beneficiaries: UAE mobile numbers with nicknames, at most 5 active at any moment. */
import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import type { AppEnv } from '../app-env';
import { writeBatch } from '../db/batch';
import {
  beneficiaryByIdQuery,
  deleteBeneficiary,
  insertBeneficiary,
  listBeneficiariesQuery,
  toApiBeneficiaries,
  updateBeneficiary,
  type BeneficiaryRow,
} from '../db/beneficiaries';
import { isUniqueViolation } from '../db/errors';
import { liveUser, meQuery, userQuery } from '../db/session';
import { monthUsageQuery } from '../db/topups';
import { beneficiaryLimit } from '../domain/limits';
import { dubaiMonth } from '../domain/month';
import { checkNickname } from '../domain/nickname';
import { normalizeUaeMobile } from '../domain/phone';
import { DomainError } from '../domain/errors';
import { refuse } from '../middleware/errors';
import { authOf } from '../middleware/session';
import { boundedString, parseBody, uuid } from '../middleware/validate';

// The outer bound only keeps segmentation cheap: 20 emoji ZWJ sequences with skin
// tones (up to ~20 UTF-16 units each) must fit, the grapheme count decides.
const Nickname = v.pipe(
  boundedString(1000),
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    const result = checkNickname(dataset.value);
    if (result.ok) return result.value;
    addIssue({ message: result.message });
    return NEVER;
  }),
);

const Phone = v.pipe(
  boundedString(40),
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    const e164 = normalizeUaeMobile(dataset.value);
    if (e164) return e164;
    addIssue({ message: 'Must be a UAE mobile number, e.g. 050 123 4567' });
    return NEVER;
  }),
);

const Active = v.boolean('Must be true or false');

const CreateBody = v.object({ id: v.optional(uuid), nickname: Nickname, phone: Phone, active: v.optional(Active) });
const UpdateBody = v.object({ nickname: v.optional(Nickname), active: v.optional(Active) });

/** The API shape of rows written or read in a batch that also read the user and the month's usage. */
function present(c: Context<AppEnv>, rows: BeneficiaryRow[], verified: boolean, usage: { beneficiaryId: string; used: number }[]) {
  return toApiBeneficiaries(rows, usage, beneficiaryLimit(c.var.config.limits, verified));
}

/** A create that repeats a client-supplied id: the same body gets the same beneficiary. */
async function repeatedCreate(c: Context<AppEnv>, body: v.InferOutput<typeof CreateBody>, id: string) {
  const auth = authOf(c);
  const { db, now } = c.var;
  // A write batch, so the key is claimed and this 200 is stored as the key's answer:
  // a replay must repeat it even after the beneficiary changed.
  const [existing, me, usage] = await writeBatch(c, [
    beneficiaryByIdQuery(db, id),
    userQuery(db, auth.userId),
    monthUsageQuery(db, auth.userId, dubaiMonth(now)),
  ]);
  const user = liveUser(me);
  const row = existing[0];
  if (!row) return null;
  const same =
    row.userId === auth.userId && row.deletedAt === null && row.nickname === body.nickname && row.phone === body.phone && (body.active === undefined || body.active === row.active);
  if (!same) refuse('ID_CONFLICT', 'This id is already used by another beneficiary');
  return c.json({ beneficiary: present(c, [row], user.verified, usage)[0] }, 200);
}

export const beneficiaryRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    const auth = authOf(c);
    const { db, now } = c.var;
    const [me, rows, usage] = await db.batch([
      meQuery(db, auth, now),
      listBeneficiariesQuery(db, auth.userId),
      monthUsageQuery(db, auth.userId, dubaiMonth(now)),
    ]);
    return c.json({ items: present(c, rows, liveUser(me).verified, usage) });
  })
  .post('/', async (c) => {
    const body = parseBody(CreateBody, c.var.body);
    const auth = authOf(c);
    const { db, config } = c.var;
    const id = body.id ?? crypto.randomUUID();
    try {
      const [rows, me] = await writeBatch(c, [
        insertBeneficiary(db, {
          id,
          userId: auth.userId,
          nickname: body.nickname,
          phone: body.phone,
          active: body.active,
          cap: config.limits.maxActiveBeneficiaries,
          at: c.var.now.toISOString(),
        }),
        userQuery(db, auth.userId),
      ]);
      // A new beneficiary has no top-ups yet: nothing used this month.
      return c.json({ beneficiary: present(c, rows, liveUser(me).verified, [])[0] }, 201);
    } catch (error) {
      // A repeat of an earlier create can trip the phone index or (when it asks for
      // active: true and 5 are active, itself included) the active-cap trigger first.
      const maybeRepeat = error instanceof DomainError && (error.code === 'DUPLICATE_BENEFICIARY' || error.code === 'ACTIVE_LIMIT_REACHED');
      if (body.id && (maybeRepeat || isUniqueViolation(error, 'beneficiaries.id'))) {
        const repeated = await repeatedCreate(c, body, body.id);
        if (repeated) return repeated;
      }
      if (isUniqueViolation(error, 'beneficiaries.id')) refuse('ID_CONFLICT', 'This id is already used by another beneficiary');
      throw error;
    }
  })
  .patch('/:id', async (c) => {
    const body = parseBody(UpdateBody, c.var.body);
    const auth = authOf(c);
    const { db, config, now } = c.var;
    const [rows, me, usage] = await writeBatch(c, [
      updateBeneficiary(db, auth.userId, c.req.param('id'), body, config.limits.maxActiveBeneficiaries, now.toISOString()),
      userQuery(db, auth.userId),
      monthUsageQuery(db, auth.userId, dubaiMonth(now)),
    ]);
    if (rows.length === 0) refuse('NOT_FOUND', 'No such beneficiary');
    return c.json({ beneficiary: present(c, rows, liveUser(me).verified, usage)[0] });
  })
  .delete('/:id', async (c) => {
    const auth = authOf(c);
    const [rows] = await writeBatch(c, [deleteBeneficiary(c.var.db, auth.userId, c.req.param('id'), c.var.now.toISOString())]);
    if (rows.length === 0) refuse('NOT_FOUND', 'No such beneficiary');
    return c.body(null, 204);
  });
