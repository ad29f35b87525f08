/** GET /api/bootstrap: the home screen in one D1 round trip. Not in the contract; each part has exactly its contract route's shape. */
import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import { readAsUser } from '../writes/read';
import { answer, describe } from '../contract/describe';
import { BootstrapSchema } from '../contract/schemas';
import { listBeneficiariesQuery, toApiBeneficiaries } from '../db/beneficiaries';
import { paginate, toApiTransaction, transactionsPageQuery } from '../db/ledger';
import { limitsView, monthUsageQuery } from '../db/topups';
import { toApiUser } from '../db/users';
import { beneficiaryLimit, dubaiMonth } from '../domain/money';
import { optionsOf } from '../env';
import { noteSessionUse, requireAuth } from '../middleware/session';
import { listSchedulesQuery, toApiSchedule } from '../db/schedules';

const FIRST_PAGE = 20;

export const bootstrapRoutes = new Hono<AppEnv>().get(
  '/',
  describe({
    summary: 'Everything the home screen shows, in one round trip',
    description: 'Each part has exactly the shape of its own route: /api/me, /api/topups/options, /api/limits, /api/beneficiaries, /api/transactions, /api/schedules.',
    tags: ['App'],
    signedIn: true,
    ok: { 200: answer('The home screen', BootstrapSchema) },
    errors: [],
  }),
  requireAuth,
  async (c) => {
    const { db, now, config, auth } = c.var;
    const month = dubaiMonth(now);
    const [user, beneficiaries, used, transactions, schedules] = await readAsUser(
      c.var,
      listBeneficiariesQuery(db, auth.userId),
      monthUsageQuery(db, auth.userId, month),
      transactionsPageQuery(db, auth.userId, FIRST_PAGE, undefined),
      listSchedulesQuery(db, auth.userId),
    );
    await noteSessionUse(c, user.sessionLastUsedAt);
    const page = paginate(transactions, FIRST_PAGE);
    return c.json(
      {
        user: toApiUser(user),
        options: optionsOf(config),
        limits: limitsView(config, month, user, beneficiaries, used),
        beneficiaries: toApiBeneficiaries(beneficiaries, used, beneficiaryLimit(config.limits, user.verified)),
        transactions: { items: page.rows.map(toApiTransaction), next_cursor: page.nextCursor },
        schedules: { items: schedules.map(toApiSchedule) },
      },
      200,
    );
  },
);
