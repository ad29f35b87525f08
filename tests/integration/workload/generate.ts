/**
 * The workload's operations, generated from a seed alone (no dependence on the
 * server's answers): which user does what, to which of their phone "slots", with
 * which key. Runtime resolves a slot to whatever beneficiary the client last saw
 * for it, so the sequence is reproducible while the outcomes depend on the race.
 */
import { prng, type Rng } from './prng';

export const SLOTS = 8;
export const AMOUNTS = [500, 1000, 2000, 3000, 5000, 7500, 10000] as const;

/** The E.164 number of a user's slot: 5 = declined (…0000), 6 = hangs (…9999), 7 = shared by everyone. */
export function slotPhone(user: number, slot: number): string {
  const u = String(user).padStart(3, '0');
  if (slot === 5) return `+97150${u}0000`;
  if (slot === 6) return `+97155${u}9999`;
  if (slot === 7) return '+971521234567';
  return `+9715${'024568'[slot % 6]}${u}${slot}321`;
}

/** The same number the way people type it: local, international, spaced, bracketed. */
function typed(rng: Rng, e164: string): string {
  const local = e164.slice(4); // 5XXXXXXXX
  return rng.pick([
    e164,
    `0${local}`,
    `0${local.slice(0, 2)} ${local.slice(2, 5)} ${local.slice(5)}`,
    `00971${local}`,
    `971-${local}`,
    `(0${local.slice(0, 2)}) ${local.slice(2, 5)}-${local.slice(5)}`,
  ]);
}

const NICKNAMES = ['Mum', 'Dad', 'أمي', '👨‍👩‍👧 family', 'e\u0301mile', '<b>boss</b>', "Rob'); DROP TABLE x;--", 'Driver', '  padded  ', '\u200Fאבא'];
export const BAD_NICKNAMES = ['', '   ', 'x'.repeat(21), '\u202Eevil', 'a\u0000b', '\uD800lone'];
const BAD_AMOUNTS = [0, 99, 10_000_001, 150.5, '1000', -500, null, 1e21];

export type Target = { slot: number; phone: string };
export type Write =
  | { kind: 'deposit'; amount: unknown }
  | { kind: 'create'; slot: number; phone: string; nickname: string; active?: boolean; id?: string }
  | { kind: 'rename'; slot: number; nickname: string }
  | { kind: 'setActive'; slot: number; active: boolean }
  | { kind: 'delete'; slot: number }
  | { kind: 'topup'; slot: number; amount: unknown }
  | { kind: 'verify' }
  | { kind: 'withdraw'; amount: unknown };

export type Op = { abandon: boolean } & (
  | ({ user: number; key: string } & Write)
  | { kind: 'replay'; user: number; of: number }
  | { kind: 'reuse'; user: number; of: number; amount: number }
  | { kind: 'recreate'; user: number; key: string; of: number; sameBody: boolean }
  | { kind: 'burst'; user: number; slot: number; amount: number; keys: string[] }
  | { kind: 'sync'; user: number; actions: ({ key: string } & Write)[] }
  | { kind: 'foreign'; user: number; victim: number; slot: number; action: 'patch' | 'delete' | 'topup' | 'list' | 'sync'; key: string }
  | { kind: 'read'; user: number; what: 'me' | 'beneficiaries' | 'limits' | 'transactions' | 'topups' }
  /** A top-up held mid-flight at the provider; `lost`: its answer never reaches the client, which retries the key at the end. */
  | { kind: 'stuck'; user: number; key: string; slot: number; amount: number; mode: 'held' | 'unsent'; lost: boolean }
  | { kind: 'release'; all: boolean }
  | { kind: 'reconcile' }
  | { kind: 'newMonth' }
  /** Auto top-up: set one up on a slot, change / pause / resume / delete one the client knows. */
  | { kind: 'schedule'; user: number; key: string; slot: number; amount: number; every: 'week' | 'month' }
  | { kind: 'scheduleChange'; user: number; key: string; pick: number; change: 'pause' | 'resume' | 'amount' | 'every' | 'delete'; amount: number }
  /** `crons` cron passes at once (overlapping), their messages delivered `deliveries` times, concurrently (at-least-once delivery). */
  | { kind: 'cron'; crons: number; deliveries: number }
);

const WEIGHTS = {
  deposit: 12,
  create: 12,
  recreate: 2,
  rename: 4,
  setActive: 8,
  delete: 2,
  topup: 30,
  verify: 1,
  replay: 8,
  reuse: 3,
  burst: 3,
  sync: 4,
  foreign: 2,
  read: 4,
  stuck: 2,
  release: 1.5,
  reconcile: 1.5,
};

function uuidFrom(rng: Rng): string {
  const hex = Array.from({ length: 32 }, () => rng.int(0, 15).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}

function write(rng: Rng, user: number, kind: Write['kind']): Write {
  const slot = rng.int(0, SLOTS - 1);
  const nickname = () => (rng.chance(0.06) ? rng.pick(BAD_NICKNAMES) : rng.pick(NICKNAMES));
  switch (kind) {
    case 'deposit':
      // Mostly enough to keep top-ups going, sometimes large, sometimes invalid.
      return { kind, amount: rng.chance(0.05) ? rng.pick(BAD_AMOUNTS) : rng.chance(0.1) ? rng.int(50_000, 200_000) : rng.int(100, 30_000) };
    case 'create': {
      const active = rng.chance(0.3) ? rng.chance(0.7) : undefined;
      const id = rng.chance(0.3) ? uuidFrom(rng) : undefined;
      return { kind, slot, phone: typed(rng, slotPhone(user, slot)), nickname: nickname(), ...(active === undefined ? {} : { active }), ...(id ? { id } : {}) };
    }
    case 'rename':
      return { kind, slot, nickname: nickname() };
    case 'setActive':
      return { kind, slot, active: rng.chance(0.75) };
    case 'delete':
      return { kind, slot };
    case 'topup':
      return { kind, slot, amount: rng.chance(0.04) ? rng.pick(BAD_AMOUNTS) : rng.pick(AMOUNTS) };
    case 'verify':
      return { kind };
    case 'withdraw':
      // Often more than the wallet holds; sometimes invalid.
      return { kind, amount: rng.chance(0.05) ? rng.pick([0, 99, 150.5, '1000', null]) : rng.int(100, 12_000) };
  }
}

export type Plan = { seed: number; users: number; ops: Op[] };

export function generate(seed: number, count: number, options: { users: number; opsPerMonth: number }): Plan {
  const rng = prng(seed);
  const ops: Op[] = [];
  const writesOf = new Map<number, number[]>(); // user → indexes of their single writes
  const createsOf = new Map<number, number[]>();
  let keys = 0;
  const key = (user: number) => `s${seed}-u${user}-${++keys}`;
  for (let i = 0; ops.length < count; i++) {
    if (ops.length > 0 && ops.length % options.opsPerMonth === 0) {
      ops.push({ kind: 'newMonth', abandon: false });
      continue;
    }
    const user = rng.int(0, options.users - 1);
    const kind = rng.weighted(WEIGHTS);
    const abandon = rng.chance(0.05);
    const earlier = writesOf.get(user) ?? [];
    const created = createsOf.get(user) ?? [];
    let op: Op;
    if (kind === 'replay' && earlier.length > 0) {
      op = { kind, user, of: rng.pick(earlier.slice(-20)), abandon };
    } else if (kind === 'reuse' && earlier.length > 0) {
      op = { kind, user, of: rng.pick(earlier.slice(-20)), amount: rng.int(1, 50) * 100 + 7, abandon };
    } else if (kind === 'recreate' && created.length > 0) {
      op = { kind, user, key: key(user), of: rng.pick(created.slice(-10)), sameBody: rng.chance(0.7), abandon };
    } else if (kind === 'burst') {
      const copies = rng.int(3, 8);
      const shared = rng.chance(0.7) ? key(user) : null;
      op = { kind, user, slot: rng.int(0, SLOTS - 1), amount: rng.pick(AMOUNTS), keys: Array.from({ length: copies }, () => shared ?? key(user)), abandon };
    } else if (kind === 'sync') {
      const actions: ({ key: string } & Write)[] = [];
      for (let n = rng.int(1, 6); n > 0; n--) {
        const again = actions.length > 0 && rng.chance(0.15) ? rng.pick(actions) : null;
        actions.push(again ?? { key: key(user), ...write(rng, user, rng.pick(['deposit', 'create', 'rename', 'setActive', 'delete', 'topup', 'topup'] as const)) });
      }
      op = { kind, user, actions, abandon };
    } else if (kind === 'foreign' && options.users > 1) {
      const victim = (user + rng.int(1, options.users - 1)) % options.users;
      op = { kind, user, victim, slot: rng.int(0, SLOTS - 1), action: rng.pick(['patch', 'delete', 'topup', 'list', 'sync'] as const), key: key(user), abandon };
    } else if (kind === 'read') {
      op = { kind, user, what: rng.pick(['me', 'beneficiaries', 'limits', 'transactions', 'topups'] as const), abandon: false };
    } else if (kind === 'stuck') {
      op = { kind, user, key: key(user), slot: rng.int(0, SLOTS - 1), amount: rng.pick(AMOUNTS), mode: rng.chance(0.5) ? 'held' : 'unsent', lost: rng.chance(0.3), abandon: true };
      // Replaying a request that is still held mid-flight is the interesting race.
      earlier.push(ops.length);
      writesOf.set(user, earlier);
    } else if (kind === 'release') {
      op = { kind, all: rng.chance(0.3), abandon: false };
    } else if (kind === 'reconcile') {
      op = { kind, abandon: rng.chance(0.7) };
    } else {
      const singles = ['deposit', 'create', 'rename', 'setActive', 'delete', 'topup', 'verify'] as const;
      const single = singles.find((s) => s === kind) ?? 'topup';
      op = { user, key: key(user), abandon, ...write(rng, user, single) };
      earlier.push(ops.length);
      writesOf.set(user, earlier);
      if (single === 'create') {
        created.push(ops.length);
        createsOf.set(user, created);
      }
    }
    ops.push(op);
  }
  return { seed, users: options.users, ops: withWithdrawals(seed, withSchedules(seed, ops, options.users), options.users) };
}

/**
 * Auto top-up ops and cron/queue runs, interleaved with everything else. From their
 * own stream of the seed, inserted after the rest is generated, so the other ops are
 * the same ones as before schedules existed (their outcomes still cover MUST_SEE).
 */
function withSchedules(seed: number, base: Op[], users: number): Op[] {
  const rng = prng(seed ^ 0x5c4ed);
  const out: Op[] = [];
  let keys = 0;
  for (const op of base) {
    if (op.kind !== 'newMonth' && rng.chance(0.06)) {
      const user = rng.int(0, users - 1);
      const key = `s${seed}-sched-u${user}-${++keys}`;
      const roll = rng.int(0, 9);
      if (roll < 4) {
        out.push({ kind: 'schedule', user, key, slot: rng.int(0, SLOTS - 1), amount: rng.pick(AMOUNTS), every: rng.chance(0.5) ? 'week' : 'month', abandon: false });
      } else if (roll < 7) {
        const change = rng.pick(['pause', 'resume', 'resume', 'amount', 'every', 'delete'] as const);
        out.push({ kind: 'scheduleChange', user, key, pick: rng.int(0, 7), change, amount: rng.pick(AMOUNTS), abandon: false });
      } else {
        out.push({ kind: 'cron', crons: rng.int(1, 3), deliveries: rng.chance(0.4) ? 2 : 1, abandon: false });
      }
    }
    out.push(op);
  }
  return out;
}

/** Withdrawals to the bank, racing everything else; their own stream of the seed, like the schedules'. */
function withWithdrawals(seed: number, base: Op[], users: number): Op[] {
  const rng = prng(seed ^ 0x3d7a1);
  const out: Op[] = [];
  let keys = 0;
  for (const op of base) {
    if (op.kind !== 'newMonth' && rng.chance(0.05)) {
      const user = rng.int(0, users - 1);
      out.push({ user, key: `s${seed}-wd-u${user}-${++keys}`, abandon: rng.chance(0.05), ...(write(rng, user, 'withdraw') as Extract<Write, { kind: 'withdraw' }>) });
    }
    out.push(op);
  }
  return out;
}
