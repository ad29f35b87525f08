import { describe, expect, it } from 'vitest';
import { expectLedgerConsistent, freshPhone, makeHarness } from './harness';
import { fieldsOf } from './answer';
import { userDb } from './shard-queries';
import type { ApiBeneficiary } from '../../worker/contract/types';

const h = makeHarness();

type Res = Awaited<ReturnType<typeof h.call>>;

function create(token: string, body: Record<string, unknown>) {
  return h.call('POST', '/api/beneficiaries', { token, body });
}

function patch(token: string, id: string, body: Record<string, unknown>) {
  return h.call('PATCH', `/api/beneficiaries/${id}`, { token, body });
}

async function list(token: string): Promise<ApiBeneficiary[]> {
  const res = await h.call('GET', '/api/beneficiaries', { token });
  expect(res.status).toBe(200);
  return res.json.items as ApiBeneficiary[];
}

async function activeInDb(userId: string): Promise<number> {
  const row = await (await userDb(userId)).prepare('SELECT COUNT(*) AS n FROM beneficiaries WHERE user_id = ? AND active = 1 AND deleted_at IS NULL')
    .bind(userId)
    .first<{ n: number }>();
  return row?.n ?? -1;
}

function expectRefused(res: Res, status: number, code: string) {
  expect(res.status, JSON.stringify(res.json)).toBe(status);
  expect(res.json.error.code).toBe(code);
}

/** The 9 national digits after +971 ("501234567"). */
const national = (e164: string) => e164.slice(4);

describe('POST /api/beneficiaries: phone numbers', () => {
  it('accepts every UAE mobile form and stores E.164', async () => {
    const u = await h.signUp();
    const forms: ((d: string) => string)[] = [
      (d) => `0${d}`,
      (d) => d,
      (d) => `+971${d}`,
      (d) => `971${d}`,
      (d) => `00971${d}`,
      (d) => `+971 ${d.slice(0, 2)} ${d.slice(2, 5)} ${d.slice(5)}`,
      (d) => `0${d.slice(0, 2)}-${d.slice(2, 5)}-${d.slice(5)}`,
      (d) => `(0${d.slice(0, 2)}) ${d.slice(2, 5)} ${d.slice(5)}`,
      (d) => `+971 (${d.slice(0, 2)}) ${d.slice(2, 5)}-${d.slice(5)}`,
      (d) => `00 971 ${d.slice(0, 2)} ${d.slice(2)}`,
      (d) => ` 0${d}\t`,
    ];
    for (const form of forms) {
      const e164 = freshPhone();
      const typed = form(national(e164));
      const res = await create(u.token, { nickname: 'Form', phone: typed });
      expect(res.status, typed).toBe(201);
      expect(res.json.beneficiary.phone, typed).toBe(e164);
      expect(res.json.beneficiary.phone).toMatch(/^\+9715\d{8}$/);
    }
    expect((await list(u.token)).map((b) => b.phone).every((p) => /^\+9715\d{8}$/.test(p))).toBe(true);
  });

  it('names the likely operator from the prefix: etisalat 050/054/056, du 052/055/058, else null', async () => {
    const u = await h.signUp();
    const expected: Record<string, string | null> = {
      '50': 'etisalat', '54': 'etisalat', '56': 'etisalat',
      '52': 'du', '55': 'du', '58': 'du',
      '51': null, '53': null, '57': null, '59': null,
    };
    for (const [prefix, operator] of Object.entries(expected)) {
      const b = await h.addBeneficiary(u.token, { phone: `0${national(freshPhone(prefix))}`, active: false });
      expect(b.operator, prefix).toBe(operator);
    }
  });

  it('refuses anything that is not a UAE mobile number with 422 on phone, storing nothing', async () => {
    const u = await h.signUp();
    const bad: unknown[] = [
      '0412345678', '+97141234567', '050123456', '05012345678', '5012345678', '+966501234567', '+9715012345678',
      '+0501234567', '0971501234567', '', '   ', 'abc', '050 123 456a', '٠٥٠١٢٣٤٥٦٧', '0501234567 ext 2',
      `0${'5'.repeat(60)}`, 501234567, null, ['0501234567'],
    ];
    for (const phone of bad) {
      const res = await create(u.token, { nickname: 'Bad', phone });
      expect(res.status, JSON.stringify(phone)).toBe(422);
      expect(res.json.error.code).toBe('VALIDATION_FAILED');
      expect(Object.keys(fieldsOf(res.json))).toEqual(['phone']);
    }
    expect(await list(u.token)).toEqual([]);
  });

  it('refuses a number the user already has (in any form) with 409 DUPLICATE_BENEFICIARY, until it is deleted', async () => {
    const u = await h.signUp();
    const other = await h.signUp();
    const e164 = freshPhone();
    const first = await h.addBeneficiary(u.token, { phone: e164 });
    for (const phone of [e164, `0${national(e164)}`, `00971 ${national(e164)}`]) {
      expectRefused(await create(u.token, { nickname: 'Again', phone }), 409, 'DUPLICATE_BENEFICIARY');
    }
    expect(await list(u.token)).toHaveLength(1);
    // Another user may have the same number.
    expect((await create(other.token, { nickname: 'Same number', phone: e164 })).status).toBe(201);
    expect((await h.call('DELETE', `/api/beneficiaries/${first.id}`, { token: u.token })).status).toBe(204);
    const again = await create(u.token, { nickname: 'Back', phone: `0${national(e164)}` });
    expect(again.status).toBe(201);
    expect(again.json.beneficiary.id).not.toBe(first.id);
    expect((await list(u.token)).map((b) => b.id)).toEqual([again.json.beneficiary.id]);
  });
});

describe('POST /api/beneficiaries: nicknames', () => {
  it('trims, counts graphemes (20 ok, 21 refused) and keeps HTML as text', async () => {
    const u = await h.signUp();
    const accepted: [string, string][] = [
      ['  Mum  ', 'Mum'],
      ['a'.repeat(20), 'a'.repeat(20)],
      ['👨‍👩‍👧'.repeat(20), '👨‍👩‍👧'.repeat(20)],
      ['👨🏽‍👩🏽‍👧🏽‍👦🏽'.repeat(20), '👨🏽‍👩🏽‍👧🏽‍👦🏽'.repeat(20)],
      ['🇦🇪'.repeat(20), '🇦🇪'.repeat(20)],
      ['e\u0301'.repeat(20), 'e\u0301'.repeat(20)],
      ['محمد الأخ', 'محمد الأخ'],
      ['<b>x</b>&amp;"\'', '<b>x</b>&amp;"\''],
    ];
    for (const [typed, stored] of accepted) {
      const res = await create(u.token, { nickname: typed, phone: freshPhone(), active: false });
      expect(res.status, typed).toBe(201);
      expect(res.json.beneficiary.nickname).toBe(stored);
    }
    const listed = (await list(u.token)).map((b) => b.nickname);
    expect(listed.sort()).toEqual(accepted.map(([, stored]) => stored).sort());
  });

  it('refuses 21 graphemes, blanks, control characters and bidi overrides with 422 on nickname', async () => {
    const u = await h.signUp();
    const bad: unknown[] = [
      'a'.repeat(21), '👨‍👩‍👧'.repeat(21), '', '    ', 'a\u0000b', 'line\nbreak', 'tab\tin', 'bell\u0007', 'c1\u0085x', 'del\u007F',
      '\u202Eevil', 'iso\u2066late', 'sep\u2028x', 'x\uD800y', 42, null,
    ];
    for (const nickname of bad) {
      const res = await create(u.token, { nickname, phone: freshPhone() });
      expect(res.status, JSON.stringify(nickname)).toBe(422);
      expect(Object.keys(fieldsOf(res.json))).toEqual(['nickname']);
    }
    const missing = await create(u.token, { phone: freshPhone() });
    expect(fieldsOf(missing.json).nickname).toEqual(expect.any(String));
    expect(await list(u.token)).toEqual([]);
  });
});

describe('active beneficiaries (at most 5)', () => {
  it('defaults active to true while fewer than 5 are active, then false; active: true on a 6th is 409', async () => {
    const u = await h.signUp();
    const made: ApiBeneficiary[] = [];
    for (let i = 0; i < 6; i++) made.push(await h.addBeneficiary(u.token, { phone: freshPhone() }));
    expect(made.map((b) => b.active)).toEqual([true, true, true, true, true, false]);
    const refused = await create(u.token, { nickname: 'Seventh', phone: freshPhone(), active: true });
    expectRefused(refused, 409, 'ACTIVE_LIMIT_REACHED');
    const explicit = await h.addBeneficiary(u.token, { phone: freshPhone(), active: false });
    expect(explicit.active).toBe(false);
    expect(await list(u.token)).toHaveLength(7);
    expect(await activeInDb(u.user.id)).toBe(5);

    const fresh = await h.signUp();
    expect((await h.addBeneficiary(fresh.token, { phone: freshPhone(), active: false })).active).toBe(false);
    expect((await h.addBeneficiary(fresh.token, { phone: freshPhone(), active: true })).active).toBe(true);
  });

  it('PATCH renames, deactivates, and refuses activating a 6th', async () => {
    const local = makeHarness({ now: new Date('2026-11-10T09:00:00.000Z') });
    const u = await local.signUp();
    const made: ApiBeneficiary[] = [];
    for (let i = 0; i < 6; i++) made.push(await local.addBeneficiary(u.token, { phone: freshPhone() }));
    const [first, , , , , sixth] = made as [ApiBeneficiary, ApiBeneficiary, ApiBeneficiary, ApiBeneficiary, ApiBeneficiary, ApiBeneficiary];
    local.clock.now = new Date('2026-11-10T10:00:00.000Z');

    const renamed = await local.call('PATCH', `/api/beneficiaries/${first.id}`, { token: u.token, body: { nickname: '  Grandma  ' } });
    expect(renamed.status).toBe(200);
    expect(renamed.json.beneficiary).toEqual({ ...first, nickname: 'Grandma', updated_at: '2026-11-10T10:00:00.000Z' });

    expectRefused(await local.call('PATCH', `/api/beneficiaries/${sixth.id}`, { token: u.token, body: { active: true } }), 409, 'ACTIVE_LIMIT_REACHED');
    // Re-activating one already active is not a 6th.
    expect((await local.call('PATCH', `/api/beneficiaries/${first.id}`, { token: u.token, body: { active: true } })).status).toBe(200);

    const off = await local.call('PATCH', `/api/beneficiaries/${first.id}`, { token: u.token, body: { active: false } });
    expect(off.json.beneficiary.active).toBe(false);
    const on = await local.call('PATCH', `/api/beneficiaries/${sixth.id}`, { token: u.token, body: { active: true, nickname: 'Now on' } });
    expect(on.status).toBe(200);
    expect(on.json.beneficiary).toMatchObject({ active: true, nickname: 'Now on' });
    expect(await activeInDb(u.user.id)).toBe(5);
  });

  it('PATCH validates its body and refuses a rename that fails the rules, changing nothing', async () => {
    const u = await h.signUp();
    const b = await h.addBeneficiary(u.token, { phone: freshPhone(), nickname: 'Keep' });
    for (const body of [{ nickname: 'x'.repeat(21) }, { nickname: '' }, { nickname: 'a\u0000' }, { active: 'yes' }, { active: 1 }]) {
      const res = await patch(u.token, b.id, body);
      expect(res.status, JSON.stringify(body)).toBe(422);
    }
    expect((await h.call('PATCH', `/api/beneficiaries/${b.id}`, { token: u.token })).status).toBe(400);
    expect(await list(u.token)).toEqual([b]);
  });
});

describe('DELETE /api/beneficiaries/:id', () => {
  it('204; no longer listed, no longer active, its top-ups stay in the history', async () => {
    const u = await h.signUp();
    await h.deposit(u.token, 10_000);
    const made: ApiBeneficiary[] = [];
    for (let i = 0; i < 5; i++) made.push(await h.addBeneficiary(u.token, { phone: freshPhone() }));
    const gone = made[0]!;
    const topup = await h.call('POST', '/api/topups', { token: u.token, body: { beneficiary_id: gone.id, amount: 2000 } });
    expect(topup.status).toBe(201);

    const res = await h.call('DELETE', `/api/beneficiaries/${gone.id}`, { token: u.token });
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect((await list(u.token)).map((b) => b.id)).not.toContain(gone.id);
    expect(await activeInDb(u.user.id)).toBe(4);
    expect((await h.addBeneficiary(u.token, { phone: freshPhone() })).active).toBe(true);

    const history = await h.call('GET', `/api/topups?beneficiary_id=${gone.id}`, { token: u.token });
    expect(history.json.items.map((t) => t.id)).toEqual([topup.json.topup.id]);
    const tx = await h.call('GET', '/api/transactions', { token: u.token });
    expect(tx.json.items[0]).toMatchObject({ kind: 'topup', beneficiary_id: gone.id, amount: -2000 });
    expect((await h.call('GET', '/api/limits', { token: u.token })).json.total.used).toBe(2000);

    expectRefused(await h.call('DELETE', `/api/beneficiaries/${gone.id}`, { token: u.token }), 404, 'NOT_FOUND');
    expectRefused(await patch(u.token, gone.id, { nickname: 'Zombie' }), 404, 'NOT_FOUND');
    await expectLedgerConsistent();
  });
});

describe('another user’s beneficiary', () => {
  it('is 404 for PATCH and DELETE (never 403), invisible, and unchanged', async () => {
    const owner = await h.signUp();
    const intruder = await h.signUp();
    const b = await h.addBeneficiary(owner.token, { phone: freshPhone(), nickname: 'Private' });
    expectRefused(await patch(intruder.token, b.id, { nickname: 'Hacked', active: false }), 404, 'NOT_FOUND');
    expectRefused(await h.call('DELETE', `/api/beneficiaries/${b.id}`, { token: intruder.token }), 404, 'NOT_FOUND');
    expectRefused(await patch(intruder.token, crypto.randomUUID(), { nickname: 'Nobody' }), 404, 'NOT_FOUND');
    expectRefused(await h.call('DELETE', '/api/beneficiaries/not-a-uuid', { token: intruder.token }), 404, 'NOT_FOUND');
    expect(await list(intruder.token)).toEqual([]);
    expect(await list(owner.token)).toEqual([b]);
  });

  it('needs a session for every route', async () => {
    const owner = await h.signUp();
    const b = await h.addBeneficiary(owner.token, { phone: freshPhone() });
    for (const [method, path, body] of [
      ['GET', '/api/beneficiaries', undefined],
      ['POST', '/api/beneficiaries', { nickname: 'x', phone: freshPhone() }],
      ['PATCH', `/api/beneficiaries/${b.id}`, { nickname: 'x' }],
      ['DELETE', `/api/beneficiaries/${b.id}`, undefined],
    ] as const) {
      expectRefused(await h.call(method, path, { body }), 401, 'UNAUTHENTICATED');
    }
    expect(await list(owner.token)).toEqual([b]);
  });
});

describe('client-supplied ids', () => {
  it('creates with the id; the same body again is 200 with the same beneficiary; another body is 409 ID_CONFLICT', async () => {
    const u = await h.signUp();
    const id = crypto.randomUUID();
    const phone = freshPhone();
    const first = await create(u.token, { id, nickname: 'Offline', phone });
    expect(first.status).toBe(201);
    expect(first.json.beneficiary.id).toBe(id);

    const again = await create(u.token, { id, nickname: ' Offline ', phone: `0${national(phone)}` });
    expect(again.status).toBe(200);
    expect(again.json).toEqual(first.json);

    expectRefused(await create(u.token, { id, nickname: 'Renamed', phone }), 409, 'ID_CONFLICT');
    expectRefused(await create(u.token, { id, nickname: 'Offline', phone: freshPhone() }), 409, 'ID_CONFLICT');
    expectRefused(await create(u.token, { id, nickname: 'Offline', phone, active: false }), 409, 'ID_CONFLICT');
    expect(await list(u.token)).toEqual([first.json.beneficiary]);
  });

  it('an id taken by another user is 409 ID_CONFLICT and reveals nothing', async () => {
    const owner = await h.signUp();
    const other = await h.signUp();
    const id = crypto.randomUUID();
    const phone = freshPhone();
    const mine = await h.addBeneficiary(owner.token, { id, phone, nickname: 'Mine' });
    for (const body of [{ id, nickname: 'Mine', phone }, { id, nickname: 'Theirs', phone: freshPhone() }]) {
      const res = await create(other.token, body);
      expectRefused(res, 409, 'ID_CONFLICT');
      expect(res.text).not.toContain(phone);
    }
    expect(await list(other.token)).toEqual([]);
    expect(await list(owner.token)).toEqual([mine]);
  });

  it('repeating a create of an active beneficiary is still 200 when 5 are active', async () => {
    const u = await h.signUp();
    const bodies = Array.from({ length: 5 }, (_, i) => ({ id: crypto.randomUUID(), nickname: `N${i}`, phone: freshPhone(), active: true }));
    const firsts: Res[] = [];
    for (const body of bodies) firsts.push(await create(u.token, body));
    expect(firsts.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    const again = await create(u.token, bodies[4]!);
    expect(again.status).toBe(200);
    expect(again.json).toEqual(firsts[4]!.json);
    // A new id with active: true is still refused.
    expectRefused(await create(u.token, { ...bodies[4]!, id: crypto.randomUUID(), phone: freshPhone() }), 409, 'ACTIVE_LIMIT_REACHED');
  });

  it('a deleted beneficiary’s id cannot be created again (409 ID_CONFLICT)', async () => {
    const u = await h.signUp();
    const body = { id: crypto.randomUUID(), nickname: 'Gone', phone: freshPhone() };
    expect((await create(u.token, body)).status).toBe(201);
    expect((await h.call('DELETE', `/api/beneficiaries/${body.id}`, { token: u.token })).status).toBe(204);
    expectRefused(await create(u.token, body), 409, 'ID_CONFLICT');
    expect(await list(u.token)).toEqual([]);
  });

  it('refuses an id that is not a UUID with 422', async () => {
    const u = await h.signUp();
    for (const id of ['abc', '', 'not-a-uuid-at-all-0000-000000000000', 42, `${crypto.randomUUID()}x`]) {
      const res = await create(u.token, { id, nickname: 'Bad id', phone: freshPhone() });
      expect(res.status, String(id)).toBe(422);
      expect(Object.keys(fieldsOf(res.json))).toEqual(['id']);
    }
    expect(await list(u.token)).toEqual([]);
  });
});

describe('Idempotency-Key on beneficiary writes', () => {
  it('replays a create, a PATCH and a DELETE with the first answer and no second effect', async () => {
    const u = await h.signUp();
    const phone = freshPhone();
    const createKey = `c-${crypto.randomUUID()}`;
    const created = await h.call('POST', '/api/beneficiaries', { token: u.token, key: createKey, body: { nickname: 'Aunt', phone } });
    expect(created.status).toBe(201);
    const again = await h.call('POST', '/api/beneficiaries', { token: u.token, key: createKey, body: { nickname: 'Aunt', phone } });
    expect(again.status).toBe(201);
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    expect(again.json).toEqual(created.json);
    const id = created.json.beneficiary.id;

    const renameKey = `r-${crypto.randomUUID()}`;
    const first = await h.call('PATCH', `/api/beneficiaries/${id}`, { token: u.token, key: renameKey, body: { nickname: 'First' } });
    expect((await patch(u.token, id, { nickname: 'Second' })).status).toBe(200);
    const replayed = await h.call('PATCH', `/api/beneficiaries/${id}`, { token: u.token, key: renameKey, body: { nickname: 'First' } });
    expect(replayed.status).toBe(200);
    expect(replayed.headers.get('Idempotent-Replayed')).toBe('true');
    expect(replayed.json).toEqual(first.json);
    expect((await list(u.token)).map((b) => b.nickname)).toEqual(['Second']);

    const deleteKey = `d-${crypto.randomUUID()}`;
    expect((await h.call('DELETE', `/api/beneficiaries/${id}`, { token: u.token, key: deleteKey })).status).toBe(204);
    const deletedAgain = await h.call('DELETE', `/api/beneficiaries/${id}`, { token: u.token, key: deleteKey });
    expect(deletedAgain.status).toBe(204);
    expect(deletedAgain.headers.get('Idempotent-Replayed')).toBe('true');
    expect(deletedAgain.text).toBe('');
    expect(await list(u.token)).toEqual([]);
  });

  it('a refused PATCH (404) keeps its key free', async () => {
    const u = await h.signUp();
    const key = `p-${crypto.randomUUID()}`;
    const missing = crypto.randomUUID();
    expect((await h.call('PATCH', `/api/beneficiaries/${missing}`, { token: u.token, key, body: { nickname: 'X' } })).status).toBe(404);
    const b = await h.addBeneficiary(u.token, { phone: freshPhone(), id: missing });
    const res = await h.call('PATCH', `/api/beneficiaries/${b.id}`, { token: u.token, key, body: { nickname: 'X' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('Idempotent-Replayed')).toBeNull();
    expect(res.json.beneficiary.nickname).toBe('X');
  });

  it('10 concurrent creates with one key make one beneficiary', async () => {
    const u = await h.signUp();
    const key = `c-${crypto.randomUUID()}`;
    const body = { nickname: 'Once', phone: freshPhone() };
    const results = await Promise.all(Array.from({ length: 10 }, () => h.call('POST', '/api/beneficiaries', { token: u.token, key, body })));
    expect(results.every((r) => r.status === 201 || (r.status === 409 && r.json.error.code === 'IDEMPOTENCY_IN_PROGRESS')), JSON.stringify(results.map((r) => r.json))).toBe(true);
    expect(new Set(results.filter((r) => r.status === 201).map((r) => r.json.beneficiary.id)).size).toBe(1);
    expect(await list(u.token)).toHaveLength(1);
  });
});

describe('month_used and month_limit', () => {
  it('show this month’s counted top-ups and the limit for the user’s verification', async () => {
    const u = await h.signUp();
    await h.deposit(u.token, 50_000);
    const b = await h.addBeneficiary(u.token, { phone: freshPhone() });
    const declined = await h.addBeneficiary(u.token, { phone: `+97150${String(Math.floor(Math.random() * 900) + 100)}0000` });
    expect(b).toMatchObject({ month_used: 0, month_limit: 50_000 });
    for (const amount of [2000, 500]) {
      expect((await h.call('POST', '/api/topups', { token: u.token, body: { beneficiary_id: b.id, amount } })).status).toBe(201);
    }
    const failed = await h.call('POST', '/api/topups', { token: u.token, body: { beneficiary_id: declined.id, amount: 1000 } });
    expect(failed.json.topup.status).toBe('failed');
    const byId = new Map((await list(u.token)).map((x) => [x.id, x]));
    expect(byId.get(b.id)).toMatchObject({ month_used: 2500, month_limit: 50_000 });
    expect(byId.get(declined.id)).toMatchObject({ month_used: 0 });
    const renamed = await patch(u.token, b.id, { nickname: 'Renamed' });
    expect(renamed.json.beneficiary).toMatchObject({ month_used: 2500, month_limit: 50_000 });
    await h.verify(u.token);
    expect((await list(u.token)).find((x) => x.id === b.id)).toMatchObject({ month_used: 2500, month_limit: 100_000 });
  });

  it('start again at 0 in the next Asia/Dubai month', async () => {
    const local = makeHarness({ now: new Date('2026-11-30T19:00:00.000Z') });
    const u = await local.signUp();
    await local.deposit(u.token, 10_000);
    const b = await local.addBeneficiary(u.token, { phone: freshPhone() });
    expect((await local.call('POST', '/api/topups', { token: u.token, body: { beneficiary_id: b.id, amount: 1000 } })).status).toBe(201);
    expect((await local.call('GET', '/api/beneficiaries', { token: u.token })).json.items[0]!.month_used).toBe(1000);
    local.clock.now = new Date('2026-11-30T20:00:00.000Z');
    expect((await local.call('GET', '/api/beneficiaries', { token: u.token })).json.items[0]!.month_used).toBe(0);
  });
});

describe('beneficiaries under concurrency', () => {
  it('10 concurrent activations with 3 active: exactly 2 succeed, never more than 5 active', async () => {
    const u = await h.signUp();
    for (let i = 0; i < 3; i++) await h.addBeneficiary(u.token, { phone: freshPhone(), active: true });
    const idle: ApiBeneficiary[] = [];
    for (let i = 0; i < 10; i++) idle.push(await h.addBeneficiary(u.token, { phone: freshPhone(), active: false }));
    const results = await Promise.all(idle.map((b) => patch(u.token, b.id, { active: true })));
    expect(results.filter((r) => r.status === 200)).toHaveLength(2);
    const refused = results.filter((r) => r.status !== 200);
    expect(refused).toHaveLength(8);
    expect(refused.every((r) => r.status === 409 && r.json.error.code === 'ACTIVE_LIMIT_REACHED')).toBe(true);
    expect(await activeInDb(u.user.id)).toBe(5);
    expect((await list(u.token)).filter((b) => b.active)).toHaveLength(5);
  });

  it('10 concurrent creates with active: true and none active: exactly 5 succeed', async () => {
    const u = await h.signUp();
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => create(u.token, { nickname: `C${i}`, phone: freshPhone(), active: true })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(5);
    expect(results.filter((r) => r.status === 409 && r.json.error.code === 'ACTIVE_LIMIT_REACHED')).toHaveLength(5);
    expect(await activeInDb(u.user.id)).toBe(5);
    const total = await (await userDb(u.user.id)).prepare('SELECT COUNT(*) AS n FROM beneficiaries WHERE user_id = ?').bind(u.user.id).first<{ n: number }>();
    expect(total?.n).toBe(5);
  });

  it('12 concurrent creates without active: all created, exactly 5 active', async () => {
    const u = await h.signUp();
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => create(u.token, { nickname: `D${i}`, phone: freshPhone() })));
    expect(results.map((r) => r.status)).toEqual(Array.from({ length: 12 }, () => 201));
    expect(results.filter((r) => r.json.beneficiary.active === true)).toHaveLength(5);
    expect(await activeInDb(u.user.id)).toBe(5);
    expect(await list(u.token)).toHaveLength(12);
  });

  it('10 concurrent creates of one phone: exactly one succeeds', async () => {
    const u = await h.signUp();
    const phone = freshPhone();
    const results = await Promise.all(Array.from({ length: 10 }, () => create(u.token, { nickname: 'Dup', phone })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409 && r.json.error.code === 'DUPLICATE_BENEFICIARY')).toHaveLength(9);
    expect(await list(u.token)).toHaveLength(1);
  });
});
