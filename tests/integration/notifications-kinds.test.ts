/**
 * Every kind of notification is written in the batch of the event it reports, or not
 * at all: scheduled runs (completed, failed, pending, refused), late settlements,
 * low balances before a run, limits past 80 %, sign-ins, and what operators write
 * through notificationInsert. Once-only rules hold under overlapping crons, repeated
 * queue deliveries and racing top-ups.
 */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createDb } from '../../worker/db/client';
import { notificationInsert } from '../../worker/db/notifications';
import { sessionAssertion } from '../../worker/db/sessions';
import { createSimulator, simulatedOutcome, type TelecomProvider } from '../../worker/provider/provider';
import type { ApiNotification, ApiSchedule } from '../../worker/contract/types';
import { expectConsole } from '../shared/console-guard';
import { expectLedgerConsistent, freshPhone } from './harness';
import { makePushKit } from './push-kit';
import { shardIdOf, userDb } from './shard-queries';

// Numbers ending in 8888: the provider never answers in time, and a later lookup finds the top-up delivered.
const simulator = createSimulator();
const provider: TelecomProvider = {
  send: (r) => (r.phone.endsWith('8888') ? new Promise<never>(() => {}) : simulator.send(r)),
  lookup: (r) => Promise.resolve(r.phone.endsWith('8888') ? { status: 'completed', providerRef: 'LATE-1' } : (simulatedOutcome(r) ?? { status: 'unknown' })),
};

const START = new Date('2026-11-16T06:00:00.000Z');
const { h, runner, announced, inbox } = makePushKit({ now: START, provider });

const ofKind = async (token: string, kind: string) => (await inbox(token)).items.filter((n) => n.kind === kind);

async function scheduled(opts: { deposit?: number; amount?: number; phone?: string; startsAt?: string; nickname?: string } = {}) {
  h.clock.now = START;
  const u = await h.signUp();
  if (opts.deposit) await h.deposit(u.token, opts.deposit);
  const b = await h.addBeneficiary(u.token, { phone: opts.phone ?? freshPhone(), nickname: opts.nickname ?? 'Mum' });
  const body = { beneficiary_id: b.id, amount: opts.amount ?? 2000, every: 'week', ...(opts.startsAt ? { starts_at: opts.startsAt } : {}) };
  const res = await h.call('POST', '/api/schedules', { token: u.token, body });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return { u, b, s: res.json.schedule as ApiSchedule };
}

/** One cron pass a minute after START, and its messages delivered (twice: at least once means maybe twice). */
async function runOnce(scheduleId: string) {
  h.clock.now = new Date(START.getTime() + 60_000);
  const messages = (await runner.cron()).filter((m) => m.schedule_id === scheduleId);
  expect(messages).toHaveLength(1);
  await runner.deliver(messages);
  await runner.deliver(messages);
  await Promise.all([runner.deliver(messages), runner.deliver(messages)]);
}

describe('the inbox', () => {
  it('lists newest first with the unread count, pages, and marks read by ids or all', async () => {
    const u = await h.signUp();
    for (let i = 0; i < 3; i++) {
      h.clock.now = new Date(START.getTime() + i * 1000);
      expect((await h.call('POST', '/api/auth/login', { body: { email: u.email, password: u.password }, key: false })).status).toBe(200);
    }
    const all = await inbox(u.token);
    expect(all.unread).toBe(3);
    expect(all.items.map((n) => n.created_at)).toEqual(['2026-11-16T06:00:02.000Z', '2026-11-16T06:00:01.000Z', '2026-11-16T06:00:00.000Z']);
    const page = await h.call('GET', '/api/notifications?limit=2', { token: u.token });
    expect(page.json.items).toHaveLength(2);
    const rest = await h.call('GET', `/api/notifications?limit=2&cursor=${page.json.next_cursor}`, { token: u.token });
    expect(rest.json).toMatchObject({ items: [{ id: all.items[2]!.id }], next_cursor: null, unread: 3 });

    const other = await h.signUp();
    const read = await h.call('POST', '/api/notifications/read', { token: other.token, body: { ids: [all.items[0]!.id] } });
    expect(read.json).toEqual({ unread: 0 });
    expect((await inbox(u.token)).unread).toBe(3);
    expect((await h.call('POST', '/api/notifications/read', { token: u.token, body: { ids: [all.items[0]!.id] } })).json).toEqual({ unread: 2 });
    expect((await inbox(u.token)).items[0]!.read_at).toBe(h.clock.now.toISOString());
    expect((await h.call('POST', '/api/notifications/read', { token: u.token, body: { all: true } })).json).toEqual({ unread: 0 });
  });

  it('refuses a read request that is not ids (1–100) or all: true, and asks for a session', async () => {
    const u = await h.signUp();
    for (const body of [{}, { all: false }, { ids: [] }, { ids: Array.from({ length: 101 }, (_, i) => `n${i}`) }, { ids: ['x'], all: true }, { ids: 'x' }]) {
      expect((await h.call('POST', '/api/notifications/read', { token: u.token, body })).status, JSON.stringify(body)).toBe(422);
    }
    expect((await h.call('GET', '/api/notifications')).status).toBe(401);
    expect((await h.call('GET', '/api/notifications?limit=0', { token: u.token })).status).toBe(422);
  });
});

describe('the language', () => {
  it('PATCH /api/me {lang} answers the user with lang; later notifications are worded in it, earlier ones stay', async () => {
    const u = await h.signUp();
    expect(u.user.lang).toBe('en');
    await h.call('POST', '/api/auth/login', { body: { email: u.email, password: u.password }, key: false });
    const res = await h.call('PATCH', '/api/me', { token: u.token, body: { lang: 'ar' } });
    expect(res.status).toBe(200);
    expect(res.json.user).toMatchObject({ id: u.user.id, lang: 'ar' });
    expect((await h.call('GET', '/api/me', { token: u.token })).json.user.lang).toBe('ar');
    await h.call('POST', '/api/auth/login', { body: { email: u.email, password: u.password }, key: false });
    expect((await inbox(u.token)).items.map((n) => n.title)).toEqual(['تسجيل دخول جديد إلى TopUp', 'New sign-in to TopUp']);
    for (const lang of ['fr', '', null, 1]) expect((await h.call('PATCH', '/api/me', { token: u.token, body: { lang } })).status).toBe(422);
  });
});

describe('schedule_run', () => {
  it('a completed run: one notification however often its message comes, worded with the amount and nickname', async () => {
    const { u, b, s } = await scheduled({ deposit: 10_000 });
    await runOnce(s.id);
    const topupId = (await h.call('GET', '/api/topups', { token: u.token })).json.items[0]!.id;
    expect(await ofKind(u.token, 'schedule_run')).toEqual([
      {
        id: expect.any(String),
        kind: 'schedule_run',
        data: { schedule_id: s.id, beneficiary_id: b.id, result: 'completed', code: null, topup_id: topupId },
        title: 'Auto top-up done',
        body: 'AED 20.00 sent to Mum.',
        created_at: '2026-11-16T06:01:00.000Z',
        read_at: null,
      },
    ]);
  });

  it('a declined run: failed with the code, refunded', async () => {
    const { u, s } = await scheduled({ deposit: 10_000, phone: '+971551230000' });
    await runOnce(s.id);
    expect(await ofKind(u.token, 'schedule_run')).toMatchObject([{ data: { result: 'failed', code: 'PROVIDER_DECLINED' }, title: 'Auto top-up failed' }]);
  });

  it('a refused run: refused with the code and no top-up, once', async () => {
    const { u, s } = await scheduled({ deposit: 500 });
    await runOnce(s.id);
    expect(await ofKind(u.token, 'schedule_run')).toMatchObject([
      { data: { schedule_id: s.id, result: 'refused', code: 'INSUFFICIENT_BALANCE', topup_id: null }, body: 'AED 20.00 to Mum was not sent: not enough balance in your wallet.' },
    ]);
  });

  it('a run the provider has not answered: pending, then topup_settled when the reconciler settles it, once over overlapping crons', async () => {
    expectConsole(/provider gave no answer/);
    const { u, s } = await scheduled({ deposit: 10_000, phone: '+971551238888' });
    await runOnce(s.id);
    expect(await ofKind(u.token, 'schedule_run')).toMatchObject([{ data: { result: 'pending' }, title: 'Auto top-up on its way' }]);
    h.clock.now = new Date(START.getTime() + 10 * 60_000);
    await Promise.all([runner.cron(), runner.cron(), runner.cron()]);
    const [topup] = (await h.call('GET', '/api/topups', { token: u.token })).json.items;
    expect(topup).toMatchObject({ status: 'completed', provider_ref: 'LATE-1' });
    expect(await ofKind(u.token, 'topup_settled')).toMatchObject([{ data: { topup_id: topup!.id, status: 'completed', failure_code: null }, body: 'AED 20.00 to Mum went through.' }]);
    expect(await ofKind(u.token, 'schedule_run')).toHaveLength(1);
  });
});

describe('topup_settled', () => {
  it('only for a top-up that was pending when answered: the reconciler refunds it and says so, once', async () => {
    expectConsole(/provider gave no answer/);
    h.clock.now = START;
    const u = await h.signUp();
    await h.deposit(u.token, 10_000);
    await h.call('PATCH', '/api/me', { token: u.token, body: { lang: 'ar' } });
    const hung = await h.addBeneficiary(u.token, { phone: '+971559999999', nickname: 'Sara' });
    const fine = await h.addBeneficiary(u.token, { phone: freshPhone() });
    expect((await h.call('POST', '/api/topups', { token: u.token, body: { beneficiary_id: fine.id, amount: 500 } })).json.topup.status).toBe('completed');
    const pending = await h.call('POST', '/api/topups', { token: u.token, body: { beneficiary_id: hung.id, amount: 1000 } });
    expect(pending.json.topup.status).toBe('pending');
    expect(await ofKind(u.token, 'topup_settled')).toEqual([]);
    h.clock.now = new Date(START.getTime() + 10 * 60_000);
    await Promise.all([runner.cron(), runner.cron()]);
    expect(await ofKind(u.token, 'topup_settled')).toMatchObject([
      { data: { topup_id: pending.json.topup.id, status: 'failed', failure_code: 'PROVIDER_TIMEOUT' }, title: 'فشل الشحن', body: 'لم يتمّ شحن 10.00 د.إ. إلى Sara. أُعيد المبلغ إلى محفظتك.' },
    ]);
    await runner.cron();
    expect(await ofKind(u.token, 'topup_settled')).toHaveLength(1);
    await expectLedgerConsistent();
  });
});

describe('low_balance', () => {
  it('once per schedule and period when the next run is within 24 h and the wallet does not cover it, whatever the crons', async () => {
    const startsAt = new Date(START.getTime() + 10 * 3600_000).toISOString();
    const { u, s } = await scheduled({ deposit: 1000, startsAt });
    const covered = await scheduled({ deposit: 10_000, startsAt });
    const later = await scheduled({ deposit: 0, startsAt: new Date(START.getTime() + 30 * 3600_000).toISOString() });
    h.clock.now = new Date(START.getTime() + 60_000);
    await Promise.all(Array.from({ length: 5 }, () => runner.cron()));
    await runner.cron();
    expect(await ofKind(u.token, 'low_balance')).toMatchObject([
      { data: { schedule_id: s.id, next_run_at: startsAt, needed: 2100 }, title: 'Balance too low for an auto top-up' },
    ]);
    expect(await ofKind(covered.u.token, 'low_balance')).toEqual([]);
    expect(await ofKind(later.u.token, 'low_balance')).toEqual([]);
  });

  it('not after a deposit covers the run', async () => {
    const startsAt = new Date(START.getTime() + 10 * 3600_000).toISOString();
    const { u } = await scheduled({ deposit: 1000, startsAt });
    await h.deposit(u.token, 5000);
    h.clock.now = new Date(START.getTime() + 60_000);
    await runner.cron();
    expect(await ofKind(u.token, 'low_balance')).toEqual([]);
  });
});

describe('limit_near', () => {
  const topUp = (token: string, beneficiaryId: string, amount: number) => h.call('POST', '/api/topups', { token, body: { beneficiary_id: beneficiaryId, amount } });

  it('when a top-up takes the beneficiary limit past 80 %, once a month', async () => {
    h.clock.now = START;
    const u = await h.signUp();
    await h.deposit(u.token, 100_000);
    const b = await h.addBeneficiary(u.token, { phone: freshPhone(), nickname: 'Ali' });
    for (let i = 0; i < 4; i++) expect((await topUp(u.token, b.id, 10_000)).status).toBe(201);
    // 40,000 of 50,000 is 80 %, not past it.
    expect(await ofKind(u.token, 'limit_near')).toEqual([]);
    expect((await topUp(u.token, b.id, 500)).status).toBe(201);
    expect((await topUp(u.token, b.id, 500)).status).toBe(201);
    expect(await ofKind(u.token, 'limit_near')).toEqual([
      expect.objectContaining({ data: { scope: 'beneficiary', beneficiary_id: b.id, used: 40_500, limit: 50_000 }, body: 'AED 405.00 of AED 500.00 used this month for Ali.' }),
    ]);
  });

  it('racing top-ups past 80 % of the beneficiary and the total limits: one of each', async () => {
    h.clock.now = START;
    const u = await h.signUp();
    await h.verify(u.token);
    await h.deposit(u.token, 400_000);
    const bs = await Promise.all([0, 1, 2].map(() => h.addBeneficiary(u.token, { phone: freshPhone() })));
    // 2 × 80,000 + 79,000: the total at 239,000 of 300,000 (under 80 %), the first two beneficiaries at 80 % of 100,000.
    for (const [i, b] of bs.entries()) for (let k = 0; k < 8; k++) expect((await topUp(u.token, b.id, i === 2 && k === 7 ? 5000 : 10_000)).status).toBe(201);
    for (const b of bs.slice(2)) for (const amount of [2000, 2000]) expect((await topUp(u.token, b.id, amount)).status).toBe(201);
    expect(await ofKind(u.token, 'limit_near')).toEqual([]);
    const results = await Promise.all([...bs.slice(0, 2), ...bs.slice(0, 2), ...bs.slice(0, 2)].map((b) => topUp(u.token, b.id, 1000)));
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201]);
    const near = await ofKind(u.token, 'limit_near');
    expect(near.filter((n) => n.data['scope'] === 'total')).toHaveLength(1);
    expect(near.filter((n) => n.data['scope'] === 'beneficiary').map((n) => n.data['beneficiary_id']).sort()).toEqual([bs[0]!.id, bs[1]!.id].sort());
    await expectLedgerConsistent();
  });

  it('a refused top-up that would have crossed 80 % writes none', async () => {
    h.clock.now = START;
    const u = await h.signUp();
    await h.deposit(u.token, 40_400);
    const b = await h.addBeneficiary(u.token, { phone: freshPhone() });
    for (let i = 0; i < 4; i++) expect((await topUp(u.token, b.id, 10_000)).status).toBe(201);
    expect((await topUp(u.token, b.id, 500)).json.error.code).toBe('INSUFFICIENT_BALANCE');
    expect(await ofKind(u.token, 'limit_near')).toEqual([]);
  });
});

describe('notificationInsert (for operator actions: problem_update, account_status)', () => {
  it('writes the notification and its pushes with the batch, and nothing when the batch is refused', async () => {
    h.clock.now = START;
    const u = await h.signUp();
    const db = createDb(await userDb(u.user.id));
    const at = START.toISOString();
    const frozen = notificationInsert(db, { userId: u.user.id, kind: 'account_status', data: { frozen: true }, at });
    await db.batch([...frozen.statements]);
    // A refused batch (a session assertion for no session aborts it) writes no notification.
    const refused = notificationInsert(db, { userId: u.user.id, kind: 'problem_update', data: { problem_id: 'p1', topup_id: 't1', status: 'resolved' }, at });
    await expect(db.batch([sessionAssertion(db, { userId: u.user.id, sessionId: 'none', shard: await shardIdOf(u.user.id) }, START), ...refused.statements])).rejects.toThrow();
    expect((await inbox(u.token)).items).toMatchObject([{ id: frozen.id, kind: 'account_status', data: { frozen: true }, title: 'Your account is frozen' }]);
    // A guard that does not hold writes nothing either.
    const guarded = notificationInsert(db, { userId: u.user.id, kind: 'account_status', data: { frozen: false }, at, when: sql`0` });
    await db.batch([...guarded.statements]);
    expect((await inbox(u.token)).items).toHaveLength(1);
  });
});

describe('pushes whose queue message was lost', () => {
  it('are announced again by the cron once overdue', async () => {
    h.clock.now = START;
    const u = await h.signUp();
    const sub = await fetch(`${env.PUSH_SERVICE_URL}/subscribe`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ userVisibleOnly: 'true', applicationServerKey: env.VAPID_PUBLIC_KEY }) });
    const { data } = (await sub.json()) as { data: { endpoint: string; keys: object } };
    await h.call('POST', '/api/me/push-subscriptions', { token: u.token, body: { endpoint: data.endpoint, keys: data.keys } });
    await h.call('POST', '/api/auth/login', { body: { email: u.email, password: u.password }, key: false });
    const [notification] = (await inbox(u.token)).items as ApiNotification[];
    announced.length = 0; // lost
    h.clock.now = new Date(START.getTime() + 60_000);
    await runner.cron();
    expect(announced.filter((m) => m.notification_id === notification!.id)).toEqual([]);
    h.clock.now = new Date(START.getTime() + 6 * 60_000);
    await runner.cron();
    expect(announced.filter((m) => m.notification_id === notification!.id)).toHaveLength(1);
  });
});
