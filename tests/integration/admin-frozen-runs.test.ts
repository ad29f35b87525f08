/**
 * A frozen customer's scheduled run is refused like any write of theirs
 * (API.md "Operations API"): no top-up, no debit, last_run "refused" with
 * ACCOUNT_FROZEN, the schedule kept for the next period; unfrozen, it runs again.
 */
import { describe, expect, it } from 'vitest';
import { expectLedgerConsistent } from './harness';
import { userDb } from './shard-queries';
import { makeScheduleKit } from './schedules-runner';

const START = new Date('2026-11-16T06:00:00.000Z');
const { scheduled, scheduleOf, balanceOf, topupsOf, runDue } = makeScheduleKit(START);

async function setFrozen(userId: string, frozen: boolean) {
  const db = await userDb(userId);
  await db.prepare(`UPDATE users SET frozen_at = ? WHERE id = ?`).bind(frozen ? START.toISOString() : null, userId).run();
}

describe('scheduled runs of a frozen customer', () => {
  it('are refused with ACCOUNT_FROZEN and debit nothing; after unfreezing the next period runs', async () => {
    const { u, s } = await scheduled({ deposit: 10_000 });
    await setFrozen(u.user.id, true);
    await runDue();
    expect(await scheduleOf(u.token, s.id)).toMatchObject({
      status: 'active',
      next_run_at: '2026-11-23T06:00:00.000Z',
      last_run: { result: 'refused', code: 'ACCOUNT_FROZEN', topup_id: null },
    });
    expect(await topupsOf(s.id)).toEqual([]);
    expect(await balanceOf(u.token)).toBe(10_000);

    await setFrozen(u.user.id, false);
    await runDue(new Date('2026-11-23T06:01:00.000Z'));
    expect((await scheduleOf(u.token, s.id))?.last_run).toMatchObject({ result: 'completed', code: null });
    expect(await topupsOf(s.id)).toHaveLength(1);
    expect(await balanceOf(u.token)).toBe(10_000 - 2100);
    await expectLedgerConsistent();
  });
});
