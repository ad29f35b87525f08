/** Monthly statements in Asia/Dubai, as JSON or CSV (API.md "Statements"). */
import { Hono } from 'hono';
import { resolver } from 'hono-openapi';
import type { AppEnv } from '../app-env';
import { describe } from '../contract/describe';
import { StatementSchema } from '../contract/schemas';
import { readStatement } from '../db/statements';
import { DomainError } from '../domain/errors';
import { MONTH, statementMonth } from '../domain/statement';
import { statementCsv } from '../domain/statement-csv';
import { requireAuth } from '../middleware/session';

export const statementRoutes = new Hono<AppEnv>().get(
  '/:month',
  describe({
    summary: 'A monthly statement (JSON, or CSV with `.csv`)',
    description:
      'Opening and closing balance, totals that add up, top-ups per beneficiary beside its limit, and the month’s transactions oldest first. ' +
      '`/api/statements/YYYY-MM.csv` answers the same as a CSV file (UTF-8 with BOM, RFC 4180, the user’s language). A month after the current one, or not `YYYY-MM` → 422.',
    tags: ['Statements'],
    signedIn: true,
    // The rule's shape (a month that has not begun is refused too: that part in words above).
    pathParameters: [{ name: 'month', description: '`YYYY-MM`, or `YYYY-MM.csv` for the CSV', schema: { type: 'string', pattern: MONTH.source.replace(/\$$/, String.raw`(?:\.csv)?$`) } }],
    ok: {
      200: {
        description: 'The statement',
        content: {
          'application/json': { schema: resolver(StatementSchema) },
          'text/csv': { schema: { type: 'string' } },
        },
      },
    },
    errors: ['VALIDATION_FAILED'],
  }),
  requireAuth,
  async (c) => {
    const param = c.req.param('month');
    const csv = param.endsWith('.csv');
    const month = statementMonth(csv ? param.slice(0, -4) : param, c.var.now);
    if (!month) throw new DomainError('VALIDATION_FAILED', 'Not a month that has begun', { fields: { month: 'Must be YYYY-MM, not after the current month (Asia/Dubai)' } });
    const { statement, csvItems, lang } = await readStatement(c.var, month);
    if (!csv) return c.json(statement, 200);
    return c.body(statementCsv(csvItems, lang), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="topup-${month}.csv"`,
    });
  },
);
