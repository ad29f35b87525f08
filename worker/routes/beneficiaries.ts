/** Beneficiaries: UAE mobile numbers with nicknames, at most MAX_ACTIVE_BENEFICIARIES (5 by default) active at once. */
import { Hono } from 'hono';
import * as v from 'valibot';
import type { AppEnv } from '../app-env';
import { readAsUser } from '../writes/read';
import { ANSWERS, answer, describe } from '../contract/describe';
import { BeneficiaryListSchema, BeneficiaryResultSchema } from '../contract/schemas';
import { listBeneficiariesQuery, toApiBeneficiaries } from '../db/beneficiaries';
import { addBeneficiary, changeBeneficiary, removeBeneficiary } from '../writes/beneficiaries';
import { monthUsageQuery } from '../db/topups';
import { beneficiaryLimit, dubaiMonth } from '../domain/money';
import { checkNickname, NICKNAME_PATTERN } from '../domain/nickname';
import { normalizeUaeMobile, PHONE_PATTERN } from '../domain/phone';
import { boundedString, documentedAs, idempotent, json, uuid, reply } from '../middleware/exchange';
import { createOwned } from '../writes/owned-ids';
import { requireAuth } from '../middleware/session';

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
  v.description('Trimmed, 1–20 characters as a person counts them, no control characters.'),
  documentedAs({ minLength: 1, pattern: NICKNAME_PATTERN }),
);

const Phone = v.pipe(
  boundedString(40),
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    const e164 = normalizeUaeMobile(dataset.value);
    if (e164) return e164;
    addIssue({ message: 'Must be a UAE mobile number, e.g. 050 123 4567' });
    return NEVER;
  }),
  v.description('A UAE mobile number: 05XXXXXXXX, 5XXXXXXXX, +9715XXXXXXXX, 9715XXXXXXXX or 009715XXXXXXXX.'),
  documentedAs({ pattern: PHONE_PATTERN }),
);

const Active = v.boolean('Must be true or false');

const CreateBody = v.object({ id: v.optional(uuid), nickname: Nickname, phone: Phone, active: v.optional(Active) });
const UpdateBody = v.object({ nickname: v.optional(Nickname), active: v.optional(Active) });

const TAGS = ['Beneficiaries'];

export const beneficiaryRoutes = new Hono<AppEnv>()
  .get(
    '/',
    describe({ summary: 'List beneficiaries (deleted ones are not listed)', tags: TAGS, signedIn: true, ok: { 200: answer('The beneficiaries', BeneficiaryListSchema) }, errors: [] }),
    requireAuth,
    async (c) => {
      const { db, now, auth, config } = c.var;
      const [me, rows, usage] = await readAsUser(c.var, listBeneficiariesQuery(db, auth.userId), monthUsageQuery(db, auth.userId, dubaiMonth(now)));
      return c.json({ items: toApiBeneficiaries(rows, usage, beneficiaryLimit(config.limits, me.verified)) }, 200);
    },
  )
  .post(
    '/',
    describe({
      summary: 'Add a beneficiary',
      description: 'With a client-supplied `id`, repeating the same body answers 200 with the same beneficiary.',
      tags: TAGS,
      signedIn: true,
      ok: { 201: answer('Created', BeneficiaryResultSchema), 200: answer('The same `id` and body again: the same beneficiary', BeneficiaryResultSchema) },
      errors: [...ANSWERS.keyedWrite, ...ANSWERS.validated, 'ACTIVE_LIMIT_REACHED', 'DUPLICATE_BENEFICIARY', 'ID_CONFLICT'],
    }),
    requireAuth,
    idempotent(),
    json(CreateBody),
    async (c) => reply(c, await createOwned(c.var, 'beneficiary', c.req.valid('json'), (body) => addBeneficiary(c.var, body), (made) => made.beneficiary.id)),
  )
  .patch(
    '/:id',
    describe({
      summary: 'Rename, activate or deactivate a beneficiary',
      tags: TAGS,
      signedIn: true,
      ok: { 200: answer('The beneficiary', BeneficiaryResultSchema) },
      errors: [...ANSWERS.keyedWrite, ...ANSWERS.validated, 'NOT_FOUND', 'ACTIVE_LIMIT_REACHED'],
    }),
    requireAuth,
    idempotent(),
    json(UpdateBody),
    async (c) => reply(c, await changeBeneficiary(c.var, c.req.param('id'), c.req.valid('json'))),
  )
  .delete(
    '/:id',
    describe({
      summary: 'Delete a beneficiary (its history stays)',
      tags: TAGS,
      signedIn: true,
      ok: { 204: { description: 'Deleted' } },
      errors: [...ANSWERS.keyedWrite, 'NOT_FOUND'],
    }),
    requireAuth,
    idempotent(),
    async (c) => reply(c, await removeBeneficiary(c.var, c.req.param('id'))),
  );
