/** Operators' roles (admin only), each change audited in the directory batch that makes it. */
import { Hono } from 'hono';
import * as v from 'valibot';
import type { AppEnv } from '../../app-env';
import { ANSWERS, answer, describe } from '../../contract/describe';
import { RoleListSchema, RoleResultSchema } from '../../contract/admin-schemas';
import { createDb } from '../../db/client';
import { listRolesQuery, roleQuery, toApiRole } from '../../db/operators';
import { DomainError } from '../../domain/errors';
import { ROLES } from '../../domain/roles';
import { idempotent, json, reply } from '../../middleware/exchange';
import { logOperatorAction, operatorScope, requireRole } from '../../middleware/operator';
import { operatorWrite, Reason, ReasonBody, type OperatorContext } from './common';
import { putRole, removeRole } from '../../writes/operations';

const TAGS = ['Operations'];
const PutBody = v.object({ role: v.picklist(ROLES, `Must be one of ${ROLES.join(', ')}`), reason: Reason });
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,190}$/;

function emailParam(c: OperatorContext): string {
  const email = decodeURIComponent(c.req.param('email') ?? '').trim().toLowerCase();
  if (!EMAIL.test(email)) throw new DomainError('VALIDATION_FAILED', 'Some fields are not valid', { fields: { email: 'Must be an email address' } });
  return email;
}

export const adminRoleRoutes = new Hono<AppEnv>()
  .get(
    '/',
    describe({ summary: 'Operators and their roles', description: 'Role: admin.', tags: TAGS, signedIn: 'operator', ok: { 200: answer('The operators', RoleListSchema) }, errors: [] }),
    requireRole('admin'),
    async (c) => {
      const rows = await listRolesQuery(createDb(c.var.shards.directory));
      return c.json({ items: rows.map(toApiRole) }, 200);
    },
  )
  .put(
    '/:email',
    describe({
      summary: 'Give an operator a role',
      description: 'viewer, support, finance or admin. Demoting the last admin → 403 FORBIDDEN. Role: admin.',
      tags: TAGS,
      signedIn: 'operator',
      ok: { 200: answer('The operator’s role', RoleResultSchema) },
      errors: [...ANSWERS.keyedWrite, ...ANSWERS.validated],
    }),
    requireRole('admin'),
    idempotent({ scope: operatorScope }),
    json(PutBody),
    async (c) => {
      const email = emailParam(c);
      const body = c.req.valid('json');
      const db = createDb(c.var.shards.directory);
      const outcome = await putRole(operatorWrite(c, db), email, body.role, body.reason);
      logOperatorAction(c, 'role.put', email, outcome.status);
      return reply(c, outcome);
    },
  )
  .delete(
    '/:email',
    describe({
      summary: 'Take an operator’s role away',
      description: 'The last admin cannot be removed (403 FORBIDDEN). Role: admin.',
      tags: TAGS,
      signedIn: 'operator',
      ok: { 204: { description: 'Removed' } },
      errors: [...ANSWERS.keyedWrite, ...ANSWERS.validated, 'NOT_FOUND'],
    }),
    requireRole('admin'),
    idempotent({ scope: operatorScope }),
    json(ReasonBody),
    async (c) => {
      const email = emailParam(c);
      const db = createDb(c.var.shards.directory);
      if ((await roleQuery(db, email)).length === 0) throw new DomainError('NOT_FOUND', 'This operator has no role');
      const outcome = await removeRole(operatorWrite(c, db), email, c.req.valid('json').reason);
      logOperatorAction(c, 'role.delete', email, outcome.status);
      return reply(c, outcome);
    },
  );
