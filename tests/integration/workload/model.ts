/**
 * The model: from the recorded answers alone (plus the provider's own record of
 * what it delivered), predict every user's money and objects, then compare with the
 * database and with what the API shows. Every 2xx is exactly one effect (shared by
 * all 2xx answers of its key), every 4xx none; a top-up ends completed exactly when
 * the provider delivered it, else failed and refunded.
 */
import { userDb } from '../shard-queries';
import type { Harness } from '../harness';
import type { ApiBeneficiary, ApiDeposit, ApiTransaction, Page } from '../../../worker/contract/types';
import type { TruthProvider } from './provider';
import type { RunResult, Sent } from './run';

type Topup = { id: string; amount: number; fee: number; beneficiary_id: string; status: string; created_at: string };
type Run = Topup & { schedule_id: string; key: string };

const ok = (s: Sent) => s.status >= 200 && s.status < 300;

/** The object a 2xx answer brought into being or changed. */
function effectOf(s: Sent): string {
  const json = s.json as Record<string, { id?: string }> | null;
  if (s.kind === 'deposit') return `deposit:${json?.deposit?.id}`;
  if (s.kind === 'withdraw') return `withdrawal:${json?.withdrawal?.id}`;
  if (s.kind === 'topup') return `topup:${json?.topup?.id}`;
  if (s.kind === 'create') return `beneficiary:${json?.beneficiary?.id}`;
  if (s.kind === 'schedule') return `schedule:${json?.schedule?.id}`;
  return `${s.method} ${s.path}`;
}

const dubaiMonth = (iso: string) => new Date(Date.parse(iso) + 4 * 3_600_000).toISOString().slice(0, 7);

const sameSet = (name: string, want: Iterable<string>, got: Iterable<string>, problems: string[]) => {
  const a = new Set(want);
  const b = new Set(got);
  const missing = [...a].filter((x) => !b.has(x));
  const extra = [...b].filter((x) => !a.has(x));
  if (missing.length || extra.length) problems.push(`${name}: missing ${JSON.stringify(missing.slice(0, 5))}, unexplained ${JSON.stringify(extra.slice(0, 5))}`);
};

async function allPages<T>(h: Harness, token: string, path: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 1000; page++) {
    const res = await h.call('GET', `${path}?limit=100${cursor ? `&cursor=${cursor}` : ''}`, { token });
    if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}`);
    items.push(...(res.json as Page<T>).items);
    cursor = res.json.next_cursor;
    if (!cursor) break;
  }
  return items;
}

export async function modelViolations(h: Harness, run: RunResult, truth: TruthProvider): Promise<string[]> {
  const problems: string[] = [];
  for (const [u, client] of run.clients.entries()) {
    const p: string[] = [];
    const mine = run.log.filter((s) => s.user === u);
    const done = mine.filter(ok);

    // One key, one request, one effect.
    const byKey = new Map<string, Sent[]>();
    for (const s of done) if (s.key) byKey.set(s.key, [...(byKey.get(s.key) ?? []), s]);
    for (const [key, answers] of byKey) {
      const requests = new Set(answers.map((s) => `${s.method} ${s.path} ${JSON.stringify(s.body ?? null)}`));
      const effects = new Set(answers.map(effectOf));
      if (requests.size > 1 || effects.size > 1) p.push(`key ${key} has ${requests.size} requests / ${effects.size} effects: ${[...effects].join(', ')}`);
    }

    const deposits = new Map<string, number>();
    const withdrawals = new Map<string, number>();
    const topups = new Map<string, Topup>();
    const created = new Set<string>();
    const deleted = new Set<string>();
    for (const s of done) {
      const json = s.json as { deposit: ApiDeposit; withdrawal: ApiDeposit; topup: Topup; beneficiary: ApiBeneficiary };
      if (s.kind === 'deposit') deposits.set(json.deposit.id, json.deposit.amount);
      if (s.kind === 'withdraw') withdrawals.set(json.withdrawal.id, json.withdrawal.amount);
      if (s.kind === 'topup') {
        const t = json.topup as Topup;
        topups.set(t.id, t);
        if (t.status === 'completed' && !truth.delivered(t.id)) p.push(`top-up ${t.id} answered completed, provider never delivered it`);
        if (t.status === 'failed' && truth.delivered(t.id)) p.push(`top-up ${t.id} answered failed, provider delivered it`);
      }
      if (s.kind === 'create') created.add(json.beneficiary.id);
      if (s.kind === 'delete') deleted.add(s.path.split('/')[3]!);
    }
    // The runs' top-ups are nobody's answer: read from the database, each checked against its schedule (runChecks below).
    const runs = await runsOf(client.id);
    const schedulesMade = new Set(done.filter((s) => s.kind === 'schedule').map((s) => (s.json as { schedule: { id: string } }).schedule.id));
    p.push(...runChecks(runs, schedulesMade, truth));
    const delivered = [...topups.values(), ...runs].filter((t) => truth.delivered(t.id));
    const balance =
      [...deposits.values()].reduce((a, b) => a + b, 0) - [...withdrawals.values()].reduce((a, b) => a + b, 0) - delivered.reduce((a, t) => a + t.amount + t.fee, 0);

    // The database holds exactly the effects of the 2xx answers.
    const d1 = await userDb(client.id);
    const [dbDeposits, dbTopups, dbBeneficiaries, dbKeys, wallet, dbWithdrawals] = await d1.batch([
      d1.prepare(`SELECT id, amount FROM ledger_transactions WHERE user_id = ? AND kind = 'deposit'`).bind(client.id),
      d1.prepare(`SELECT id, amount, status, idempotency_key AS key FROM topups WHERE user_id = ? AND schedule_id IS NULL`).bind(client.id),
      d1.prepare(`SELECT id, deleted_at FROM beneficiaries WHERE user_id = ?`).bind(client.id),
      d1.prepare(`SELECT key FROM idempotency_keys WHERE scope = ?`).bind(`user:${client.id}`),
      d1.prepare(`SELECT balance FROM accounts WHERE id = ?`).bind(`wallet:${client.id}`),
      d1.prepare(`SELECT id, -amount AS amount FROM ledger_transactions WHERE user_id = ? AND kind = 'withdrawal'`).bind(client.id),
    ]);
    const rows = <T>(r: D1Result | undefined) => (r?.results ?? []) as T[];
    sameSet('deposits', deposits.keys(), rows<{ id: string }>(dbDeposits).map((r) => r.id), p);
    for (const r of rows<{ id: string; amount: number }>(dbDeposits)) if (deposits.has(r.id) && deposits.get(r.id) !== r.amount) p.push(`deposit ${r.id} amount ${r.amount}`);
    sameSet('withdrawals', withdrawals.keys(), rows<{ id: string }>(dbWithdrawals).map((r) => r.id), p);
    for (const r of rows<{ id: string; amount: number }>(dbWithdrawals)) if (withdrawals.has(r.id) && withdrawals.get(r.id) !== r.amount) p.push(`withdrawal ${r.id} amount ${r.amount}`);
    sameSet('top-ups', topups.keys(), rows<{ id: string }>(dbTopups).map((r) => r.id), p);
    for (const r of rows<{ id: string; status: string; key: string }>(dbTopups)) {
      const want = truth.delivered(r.id) ? 'completed' : 'failed';
      if (r.status !== want) p.push(`top-up ${r.id} is ${r.status}, provider says ${want}`);
      if (!byKey.get(r.key)?.some((s) => effectOf(s) === `topup:${r.id}`)) p.push(`top-up ${r.id} is not the effect of its key ${r.key}`);
    }
    sameSet('beneficiaries', created, rows<{ id: string }>(dbBeneficiaries).map((r) => r.id), p);
    sameSet('deleted beneficiaries', deleted, rows<{ id: string; deleted_at: string | null }>(dbBeneficiaries).filter((r) => r.deleted_at).map((r) => r.id), p);
    sameSet('stored idempotency keys', byKey.keys(), rows<{ key: string }>(dbKeys).map((r) => r.key), p);
    const sqlBalance = rows<{ balance: number }>(wallet)[0]?.balance;
    if (sqlBalance !== balance) p.push(`model predicts balance ${balance}, database has ${sqlBalance}`);

    // And the API shows the same.
    const me = await h.call('GET', '/api/me', { token: client.token });
    if (me.json.user.balance !== balance) p.push(`model predicts balance ${balance}, GET /api/me says ${me.json.user.balance}`);
    const listed = await allPages<Topup>(h, client.token, '/api/topups');
    sameSet('GET /api/topups', [...topups.keys(), ...runs.map((r) => r.id)], listed.map((t) => t.id), p);
    for (const t of listed) if (t.status !== (truth.delivered(t.id) ? 'completed' : 'failed')) p.push(`GET /api/topups shows ${t.id} ${t.status}`);
    const transactions = (await allPages<ApiTransaction>(h, client.token, '/api/transactions')).reverse();
    let running = 0;
    for (const t of transactions) {
      running += t.amount - t.fee;
      if (t.balance_after !== running || running < 0) p.push(`transaction ${t.id}: balance_after ${t.balance_after}, running sum ${running}`);
    }
    if (running !== balance) p.push(`transactions sum to ${running}, model predicts ${balance}`);
    const made = topups.size + runs.length;
    const refunds = made - delivered.length;
    const predicted = deposits.size + withdrawals.size + made + refunds;
    if (transactions.length !== predicted) p.push(`${transactions.length} transactions, model predicts ${predicted}`);
    p.push(...lastRunChecks((await h.call('GET', '/api/schedules', { token: client.token })).json.items as LastRunView[], runs));
    const live = (await h.call('GET', '/api/beneficiaries', { token: client.token })).json.items;
    sameSet('GET /api/beneficiaries', [...created].filter((id) => !deleted.has(id)), live.map((b) => b.id), p);
    if (live.filter((b) => b.active).length > 5) p.push('more than 5 active beneficiaries listed');
    const limits = (await h.call('GET', '/api/limits', { token: client.token })).json;
    const used = delivered.filter((t) => dubaiMonth(t.created_at) === limits.month).reduce((a, t) => a + t.amount, 0);
    if (limits.total.used !== used) p.push(`GET /api/limits total.used ${limits.total.used}, model predicts ${used} for ${limits.month}`);

    problems.push(...p.map((x) => `user ${u}: ${x}`));
  }
  return problems;
}

type LastRunView = { id: string; last_run: { result: string; code: string | null; topup_id: string | null } | null };

async function runsOf(userId: string): Promise<Run[]> {
  const d1 = await userDb(userId);
  const rows = await d1.prepare(
    `SELECT id, amount, fee, beneficiary_id, status, created_at, schedule_id, idempotency_key AS key FROM topups WHERE user_id = ? AND schedule_id IS NOT NULL`,
  ).bind(userId).all<Run>();
  return rows.results;
}

/** Each run's top-up: of a schedule this user set up, under its period's key, ending as the provider says. */
function runChecks(runs: Run[], schedulesMade: Set<string>, truth: TruthProvider): string[] {
  const p: string[] = [];
  for (const r of runs) {
    if (!schedulesMade.has(r.schedule_id)) p.push(`run top-up ${r.id} of schedule ${r.schedule_id}, which no answer of this user created`);
    if (!r.key.startsWith(`schedule:${r.schedule_id}:`)) p.push(`run top-up ${r.id} has key ${r.key}, not its schedule's period key`);
    if (r.status !== (truth.delivered(r.id) ? 'completed' : 'failed')) p.push(`run top-up ${r.id} is ${r.status}, provider says ${truth.delivered(r.id) ? 'delivered' : 'not delivered'}`);
  }
  return p;
}

/** What GET /api/schedules says of the last run agrees with the money: a refusal names no top-up, a made run names its own. */
function lastRunChecks(listed: LastRunView[], runs: Run[]): string[] {
  const p: string[] = [];
  for (const s of listed) {
    const last = s.last_run;
    if (!last) continue;
    if (last.result === 'refused' && (last.topup_id !== null || !last.code)) p.push(`schedule ${s.id}: refused run with top-up ${last.topup_id} / code ${last.code}`);
    if (last.result !== 'refused' && !runs.some((r) => r.id === last.topup_id && r.schedule_id === s.id)) p.push(`schedule ${s.id}: last run names top-up ${last.topup_id}, not one of its runs`);
  }
  return p;
}
