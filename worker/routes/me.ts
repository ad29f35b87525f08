/** The signed-in user, and the simulated identity verification (KYC). */
import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import { readAsUser } from '../writes/read';
import { ANSWERS, answer, describe } from '../contract/describe';
import { MeSchema } from '../contract/schemas';
import { toApiUser } from '../db/users';
import { changeLang, verifyIdentity } from '../writes/account';
import * as v from 'valibot';
import { idempotent, json, reply } from '../middleware/exchange';
import { LANGS } from '../domain/notifications';
import { DomainError } from '../domain/errors';
import { requireAuth } from '../middleware/session';

const MeBody = v.object({ lang: v.picklist(LANGS, 'Must be "en" or "ar"') });

export const meRoutes = new Hono<AppEnv>()
  .get(
    '/',
    describe({ summary: 'The signed-in user', tags: ['Account'], signedIn: true, ok: { 200: answer('The user', MeSchema) }, errors: [] }),
    requireAuth,
    async (c) => c.json({ user: toApiUser((await readAsUser(c.var))[0]) }, 200),
  )
  .patch(
    '/',
    describe({
      summary: 'Change your language',
      description: 'Notifications and pushes are worded in it from then on.',
      tags: ['Account'],
      signedIn: true,
      ok: { 200: answer('The user', MeSchema) },
      errors: [...ANSWERS.keyedWrite, ...ANSWERS.validated],
    }),
    requireAuth,
    idempotent(),
    json(MeBody),
    async (c) => reply(c, await changeLang(c.var, c.req.valid('json').lang)),
  )
  .post(
    '/verification',
    describe({
      summary: 'Verify identity (simulated KYC)',
      description: 'On when the deployment sets SIMULATED_KYC=on; otherwise 403 FORBIDDEN.',
      tags: ['Account'],
      signedIn: true,
      ok: { 200: answer('The user, verified', MeSchema) },
      errors: [...ANSWERS.keyedWrite],
    }),
    requireAuth,
    idempotent(),
    async (c) => {
      if (!c.var.config.simulatedKyc) throw new DomainError('FORBIDDEN', 'Identity verification is not available here');
      return reply(c, await verifyIdentity(c.var));
    },
  );
