/**
 * Runs a Plan against the real Worker and D1 with real concurrency: `lanes`
 * operations in flight, some abandoned (the runner moves on and collects them at
 * the end), some held mid-flight at the provider, the reconciler racing them.
 * Every request and its answer is recorded in `log` for the checkers; answers that
 * break the contract on their own are recorded in `violations` as they come.
 */
import { allShards, userDb } from '../shard-queries';
import { configFor } from '../../../worker/env';
import { createDb } from '../../../worker/db/client';
import { settleStaleTopups } from '../../../worker/jobs/settle-stale-topups';
import type { Harness } from '../harness';
import type { ApiBeneficiary } from '../../../worker/contract/types';
import type { ErrorBody } from '../../../worker/domain/errors';
import { type Op, type Plan, type Write, BAD_NICKNAMES, slotPhone } from './generate';
import type { Gate, TruthProvider } from './provider';
import { checkAnswer, type Kind } from './answers';
import { scheduleWorkload } from './schedules';

export type Req = { kind: Kind; method: string; path: string; body?: unknown; key: string | null; invalid?: boolean; slot?: number };
export type Sent = Req & { op: number; user: number; via: 'direct' | 'sync' | 'held' | 'unsent'; status: number; json: unknown; replayed: boolean; at: number };
type Client = { email: string; password: string; token: string; id: string; slots: (string | null)[]; active: boolean[] };

export type World = {
  plan: Plan;
  h: Harness;
  held: { h: Harness; gate: Gate };
  unsent: { h: Harness; gate: Gate };
  truth: TruthProvider;
  lanes: number;
};

export type RunResult = {
  log: Sent[];
  violations: string[];
  clients: Client[];
  reconciles: { checked: number; completed: number; refunded: number; errors: number }[];
  counts: Record<string, number>;
};

const UNKNOWN_ID = (slot: number) => `00000000-0000-4000-8000-00000000000${slot}`;
const RECONCILE_LEAD_MS = 10 * 60_000;

/** Dubai month k after November 2026 starts at this UTC instant (UTC+4: the previous day 20:00). */
export function monthStart(k: number): number {
  return Date.UTC(2026, 11 + k, 1) - 4 * 3_600_000;
}

export async function runPlan(world: World): Promise<RunResult> {
  const { plan, h, truth } = world;
  const harnesses = [h, world.held.h, world.unsent.h];
  const log: Sent[] = [];
  const violations: string[] = [];
  const reconciles: RunResult['reconciles'] = [];
  const counts: Record<string, number> = {};
  const resolved = new Map<number, Req>();
  let requestSeq = 0;

  // The clock crosses a Dubai month boundary halfway through each segment of ops.
  const perMonth = plan.ops.findIndex((op) => op.kind === 'newMonth');
  const segment = perMonth > 0 ? perMonth : plan.ops.length;
  const tickMs = Math.max(1000, Math.floor(3_600_000 / segment));
  let month = 0;
  let segmentStart = 0;
  const setTime = (ms: number) => harnesses.forEach((x) => (x.clock.now = new Date(ms)));
  const timeAt = (i: number) => monthStart(month) - 1_800_000 + (i - segmentStart) * tickMs;
  setTime(timeAt(0));

  const clients: Client[] = [];
  for (let u = 0; u < plan.users; u++) {
    const email = `wl-${plan.seed}-${u}@example.com`;
    const res = await h.call('POST', '/api/auth/signup', { body: { email, password: 'workload password', name: `User ${u}` }, key: false });
    if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${res.text}`);
    clients.push({ email, password: 'workload password', token: res.json.token, id: res.json.user.id, slots: Array(8).fill(null), active: Array(8).fill(false) });
  }

  const client = (u: number) => clients[u]!;
  /**
   * The slot an op on `slot` lands on: the first known beneficiary from `slot` on
   * that is in the wanted state (active for a top-up, the opposite for a toggle),
   * else the first known one, else `slot` itself. Slot 3 is never redirected: a
   * client with stale state is part of the workload.
   */
  const aim = (c: Client, slot: number, want?: boolean) => {
    if (slot === 3) return slot;
    const order = [0, 1, 2, 3, 4, 5, 6, 7].map((d) => (slot + d) % c.slots.length).filter((s) => c.slots[s]);
    return order.find((s) => want === undefined || c.active[s] === want) ?? order[0] ?? slot;
  };
  const idFor = (c: Client, slot: number) => c.slots[slot] ?? UNKNOWN_ID(slot);

  function requestFor(c: Client, write: Write): Req {
    const want = write.kind === 'topup' ? true : write.kind === 'setActive' ? !write.active : undefined;
    const w = 'slot' in write && write.kind !== 'create' ? { ...write, slot: aim(c, write.slot, want) } : write;
    switch (w.kind) {
      case 'deposit': {
        const invalid = !(typeof w.amount === 'number' && Number.isInteger(w.amount) && w.amount >= 100 && w.amount <= 10_000_000);
        return { kind: 'deposit', method: 'POST', path: '/api/wallet/deposits', body: { amount: w.amount }, key: null, invalid };
      }
      case 'create': {
        const body = { nickname: w.nickname, phone: w.phone, ...(w.active === undefined ? {} : { active: w.active }), ...(w.id ? { id: w.id } : {}) };
        return { kind: 'create', method: 'POST', path: '/api/beneficiaries', body, key: null, invalid: !validNickname(w.nickname), slot: w.slot };
      }
      case 'rename':
        return { kind: 'patch', method: 'PATCH', path: `/api/beneficiaries/${idFor(c, w.slot)}`, body: { nickname: w.nickname }, key: null, invalid: !validNickname(w.nickname), slot: w.slot };
      case 'setActive':
        return { kind: 'patch', method: 'PATCH', path: `/api/beneficiaries/${idFor(c, w.slot)}`, body: { active: w.active }, key: null, slot: w.slot };
      case 'delete':
        return { kind: 'delete', method: 'DELETE', path: `/api/beneficiaries/${idFor(c, w.slot)}`, key: null, slot: w.slot };
      case 'topup': {
        const invalid = !(typeof w.amount === 'number' && [500, 1000, 2000, 3000, 5000, 7500, 10000].includes(w.amount));
        return { kind: 'topup', method: 'POST', path: '/api/topups', body: { beneficiary_id: idFor(c, w.slot), amount: w.amount }, key: null, invalid, slot: w.slot };
      }
      case 'verify':
        return { kind: 'verify', method: 'POST', path: '/api/me/verification', key: null };
      case 'withdraw': {
        const invalid = !(typeof w.amount === 'number' && Number.isInteger(w.amount) && w.amount >= 100);
        return { kind: 'withdraw', method: 'POST', path: '/api/wallet/withdrawals', body: { amount: w.amount }, key: null, invalid };
      }
    }
  }

  /** What the client learns from an answer: which beneficiary a slot now is. */
  function learn(u: number, req: Req, status: number, answer: unknown) {
    const json = answer as { beneficiary: ApiBeneficiary };
    const c = client(u);
    if (req.slot === undefined) return;
    if (req.kind === 'create' && (status === 201 || status === 200)) c.slots[req.slot] = json.beneficiary.id;
    if ((req.kind === 'create' || req.kind === 'patch') && (status === 201 || status === 200) && c.slots[req.slot] === json.beneficiary.id) {
      c.active[req.slot] = json.beneficiary.active;
    }
    const target = req.kind === 'topup' ? (req.body as { beneficiary_id: string }).beneficiary_id : req.path.split('/')[3];
    if ((status === 204 || status === 404) && c.slots[req.slot] === target) c.slots[req.slot] = null;
  }

  function record(op: number, u: number, req: Req, via: Sent['via'], status: number, json: unknown, replayed: boolean, prior: Sent[]) {
    const sent: Sent = { ...req, op, user: u, via, status, json, replayed, at: ++requestSeq };
    log.push(sent);
    if (req.key !== null) byKey.set(`${u} ${req.key}`, [...(byKey.get(`${u} ${req.key}`) ?? []), sent]);
    const label = status < 300 ? `${req.kind}:${status}${replayed ? ':replay' : ''}` : `${req.kind}:${(json as Partial<ErrorBody> | null)?.error?.code ?? status}`;
    counts[label] = (counts[label] ?? 0) + 1;
    for (const problem of checkAnswer(sent, prior)) violations.push(`op ${op} (${req.method} ${req.path} key=${req.key} via ${via}): ${problem}`);
    learn(u, req, status, json);
    return sent;
  }

  /** Answers for this user's key that had arrived before `req` was sent. */
  const byKey = new Map<string, Sent[]>();
  const priorFor = (u: number, key: string | null) => (key === null ? [] : [...(byKey.get(`${u} ${key}`) ?? [])]);

  async function send(op: number, u: number, req: Req, via: 'direct' | 'held' | 'unsent' = 'direct', lost = false) {
    const prior = priorFor(u, req.key);
    const target = via === 'held' ? world.held.h : via === 'unsent' ? world.unsent.h : h;
    const res = await target.call(req.method, req.path, { token: client(u).token, body: req.body, key: req.key ?? false });
    // A lost answer: the connection dropped, the client never saw it (and retries at the end).
    if (lost) return void lostRequests.push({ op, u, req });
    return record(op, u, req, via, res.status, res.json, res.headers.get('Idempotent-Replayed') === 'true', prior);
  }
  const lostRequests: { op: number; u: number; req: Req }[] = [];

  async function sync(op: number, u: number, reqs: Req[]) {
    const priors = reqs.map((r) => priorFor(u, r.key));
    const actions = reqs.map((r) => ({ key: r.key, method: r.method, path: r.path, ...(r.body === undefined ? {} : { body: r.body }) }));
    const res = await h.call('POST', '/api/sync', { token: client(u).token, body: { actions }, key: false });
    if (res.status !== 200) {
      violations.push(`op ${op}: POST /api/sync answered ${res.status} ${res.text.slice(0, 200)}`);
      return;
    }
    const { results } = res.json;
    if (results.length !== reqs.length) violations.push(`op ${op}: sync returned ${results.length} results for ${reqs.length} actions`);
    results.forEach((result, n) => {
      const req = reqs[n]!;
      if (result.key !== req.key) violations.push(`op ${op}: sync result ${n} has key ${result.key}, sent ${req.key}`);
      // Earlier actions of the same batch count as prior answers for a repeated key.
      const prior = [...priors[n]!, ...priorFor(u, req.key).filter((s) => s.op === op)];
      record(op, u, req, 'sync', result.status, result.body, false, prior);
    });
  }

  async function foreign(i: number, op: Extract<Op, { kind: 'foreign' }>) {
    const victim = client(op.victim);
    const theirs = victim.slots[op.slot] ?? victim.slots.find((s) => s !== null);
    if (!theirs) return;
    const c = client(op.user);
    const path = `/api/beneficiaries/${theirs}`;
    if (op.action === 'list') {
      const res = await h.call('GET', `/api/topups?beneficiary_id=${theirs}`, { token: c.token });
      if (res.status !== 200 || res.json.items.length !== 0) violations.push(`op ${i}: another user's top-ups visible: ${res.status} ${res.text.slice(0, 200)}`);
      counts['foreign:list'] = (counts['foreign:list'] ?? 0) + 1;
      return;
    }
    const req: Req =
      op.action === 'patch'
        ? { kind: 'foreign', method: 'PATCH', path, body: { nickname: 'mine now', active: true }, key: op.key }
        : op.action === 'delete'
          ? { kind: 'foreign', method: 'DELETE', path, key: op.key }
          : { kind: 'foreign', method: 'POST', path: '/api/topups', body: { beneficiary_id: theirs, amount: 500 }, key: op.key };
    if (op.action === 'sync') await sync(i, op.user, [{ ...req, method: 'PATCH', path, body: { active: false } }]);
    else await send(i, op.user, req);
  }

  async function read(i: number, op: Extract<Op, { kind: 'read' }>) {
    const c = client(op.user);
    const path = { me: '/api/me', beneficiaries: '/api/beneficiaries', limits: '/api/limits', transactions: '/api/transactions?limit=100', topups: '/api/topups?limit=100' }[op.what];
    const res = await h.call('GET', path, { token: c.token });
    counts[`read:${res.status}`] = (counts[`read:${res.status}`] ?? 0) + 1;
    if (res.status !== 200) return void violations.push(`op ${i}: GET ${path} answered ${res.status}`);
    const j = res.json;
    if (op.what === 'me' && !(j.user.balance >= 0 && j.user.id === c.id)) violations.push(`op ${i}: GET /api/me ${res.text}`);
    if (op.what === 'beneficiaries') {
      const active = j.items.filter((b) => b.active).length;
      if (active > 5) violations.push(`op ${i}: ${active} active beneficiaries listed`);
      // Resynchronise the client's slots with what the server has (e.g. after DUPLICATE_BENEFICIARY).
      for (let slot = 0; slot < c.slots.length; slot++) {
        const found = j.items.find((b) => b.phone === slotPhone(op.user, slot));
        c.slots[slot] = found?.id ?? null;
        c.active[slot] = found?.active ?? false;
      }
    }
    if (op.what === 'limits' && (j.total.used > j.total.limit || j.beneficiaries.some((b) => b.used > b.limit))) {
      violations.push(`op ${i}: limits over: ${res.text}`);
    }
    if ((op.what === 'transactions' || op.what === 'topups') && j.items.some((t: { balance_after?: number }) => (t.balance_after ?? 0) < 0)) {
      violations.push(`op ${i}: negative balance_after`);
    }
  }

  const reconcileVars = (d1: D1Database) => ({
    config: configFor(h.bindings),
    db: createDb(d1),
    deps: { now: () => new Date(h.clock.now.getTime() + RECONCILE_LEAD_MS), provider: () => truth.provider },
  });

  // The cron settles every shard at once; its report here is the sum of theirs.
  async function settleEveryShard() {
    const reports = await Promise.all(allShards().map((d1) => settleStaleTopups(reconcileVars(d1))));
    return reports.reduce((sum, r) => ({ checked: sum.checked + r.checked, completed: sum.completed + r.completed, refunded: sum.refunded + r.refunded, errors: sum.errors + r.errors }));
  }

  async function reconcile() {
    reconciles.push(await settleEveryShard());
  }

  const schedules = scheduleWorkload({ h, truth, target: (u, slot) => idFor(client(u), aim(client(u), slot, true)), send: (i, u, req) => send(i, u, req), count: (label) => void (counts[label] = (counts[label] ?? 0) + 1) });

  async function execute(i: number, op: Op): Promise<void> {
    switch (op.kind) {
      case 'schedule':
      case 'scheduleChange':
      case 'cron':
        return schedules.execute(i, op);
      case 'newMonth':
        return;
      case 'replay': {
        const original = resolved.get(op.of);
        if (original) await send(i, op.user, original);
        return;
      }
      case 'reuse': {
        const original = resolved.get(op.of);
        if (original?.key) {
          await send(i, op.user, { kind: 'deposit', method: 'POST', path: '/api/wallet/deposits', body: { amount: op.amount }, key: original.key, invalid: false });
        }
        return;
      }
      case 'recreate': {
        const original = resolved.get(op.of);
        if (!original || original.invalid) return;
        const body = { ...(original.body as Record<string, unknown>) };
        if (!op.sameBody) body.nickname = `${[...String(body.nickname).trim()].slice(0, 10).join('')} 2`;
        const req: Req = { ...original, body, key: op.key };
        await send(i, op.user, req);
        return;
      }
      case 'burst': {
        const c = client(op.user);
        const slot = aim(c, op.slot, true);
        const req = (key: string): Req => ({ kind: 'topup', method: 'POST', path: '/api/topups', body: { beneficiary_id: idFor(c, slot), amount: op.amount }, key, slot });
        await Promise.all(op.keys.map((key) => send(i, op.user, req(key))));
        return;
      }
      case 'sync': {
        const c = client(op.user);
        return sync(i, op.user, op.actions.map((a) => ({ ...requestFor(c, a), key: a.key })));
      }
      case 'foreign':
        return foreign(i, op);
      case 'read':
        return read(i, op);
      case 'stuck': {
        const c = client(op.user);
        const slot = aim(c, op.slot, true);
        const req: Req = { kind: 'topup', method: 'POST', path: '/api/topups', body: { beneficiary_id: idFor(c, slot), amount: op.amount }, key: op.key, slot };
        resolved.set(i, req);
        await send(i, op.user, req, op.mode, op.lost);
        return;
      }
      case 'release': {
        for (const gate of [world.held.gate, world.unsent.gate]) gate.release(op.all ? undefined : Math.ceil(gate.held() / 2));
        return;
      }
      case 'reconcile':
        return reconcile();
      default: {
        const req = { ...requestFor(client(op.user), op), key: op.key };
        resolved.set(i, req);
        await send(i, op.user, req);
        return;
      }
    }
  }

  const running = new Set<Promise<void>>();
  const abandoned: Promise<void>[] = [];
  for (const [i, op] of plan.ops.entries()) {
    if (op.kind === 'newMonth') {
      await Promise.all(running);
      month++;
      segmentStart = i;
      setTime(timeAt(i));
      // Sessions last 30 days: each user signs in again in the new month.
      for (const c of clients) {
        const res = await h.call('POST', '/api/auth/login', { body: { email: c.email, password: c.password }, key: false });
        if (res.status !== 200) throw new Error(`login failed: ${res.status} ${res.text}`);
        c.token = res.json.token;
      }
      continue;
    }
    while (running.size >= world.lanes) await Promise.race(running);
    setTime(timeAt(i));
    const task = execute(i, op).catch((error: unknown) => {
      violations.push(`op ${i} (${op.kind}) threw: ${error instanceof Error ? error.stack : String(error)}`);
    });
    if (op.abandon) {
      abandoned.push(task);
      continue;
    }
    running.add(task);
    void task.finally(() => running.delete(task));
  }
  await Promise.all(running);

  // The end of the story: every held call is let go (a call may reach its gate only
  // after a release, so keep releasing until every abandoned request has answered).
  let finished = false;
  const all = Promise.all(abandoned).then(() => void (finished = true));
  while (!finished) {
    world.held.gate.release();
    world.unsent.gate.release();
    await Promise.race([all, new Promise((resolve) => setTimeout(resolve, 5))]);
  }
  // Clients whose answer was lost retry with the same key: one effect, and a replay if there was one.
  for (const { op, u, req } of lostRequests) {
    const made = await (await userDb(client(u).id)).prepare(`SELECT COUNT(*) AS n FROM topups WHERE user_id = ? AND idempotency_key = ?`).bind(client(u).id, req.key).first<{ n: number }>();
    await send(op, u, req);
    const retry = log[log.length - 1]!;
    if (made?.n === 1 && !(retry.status === 201 && retry.replayed)) violations.push(`op ${op}: retry of a lost top-up answered ${retry.status} replayed=${retry.replayed}`);
    counts['lost:retried'] = (counts['lost:retried'] ?? 0) + 1;
  }
  // Then the cron job runs until nothing is left pending.
  for (let round = 0; round < 100; round++) {
    const report = await settleEveryShard();
    reconciles.push(report);
    if (report.checked === 0) break;
  }
  return { log, violations, clients, reconciles, counts };
}

const validNickname = (nickname: string) => !BAD_NICKNAMES.includes(nickname);
