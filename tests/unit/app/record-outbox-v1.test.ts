/**
 * Records a user database exactly as the app at this commit writes it (queue
 * format v1), for the upgrade test. Run once by hand:
 *   RECORD_V1=1 npx vitest run --config vitest.unit.config.ts tests/unit/app/record-outbox-v1.test.ts
 */
import 'fake-indexeddb/auto';
import { writeFileSync } from 'node:fs';
import { it } from 'vitest';
import { openUserDb, userDbName } from '../../../app/offline/schema';
import { seedSnapshot } from '../../../app/offline/snapshot';
import { enqueue } from '../../../app/offline/outbox';
import { flushOutbox } from '../../../app/offline/sync';
import { user } from './fixtures';

const USER = 'recorded-user';
const MUM = '6f1c2b0e-3f4a-4c2e-9d7a-0b1e2c3d4e5f';
const DAD = '0a9b8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d';

it.runIf(process.env.RECORD_V1)('records a v1 user database', async () => {
  const db = await openUserDb(USER);
  await seedSnapshot(db, user(USER, 0));
  const at = (s: number) => new Date(Date.UTC(2026, 10, 30, 8, 0, s));
  // Refused by the (fake) server below, so it lands in "Needs attention" as v1 writes it.
  await enqueue(db, { type: 'deposit', amount: 50 }, at(0));
  await flushOutbox(db, USER, async (actions) => ({
    kind: 'http',
    status: 200,
    body: { results: actions.map((a) => ({ key: a.key, status: 422, body: { error: { code: 'VALIDATION_FAILED', message: 'Invalid input', details: { fields: { amount: 'At least 100' } } } } })) },
    retryAfter: null,
  }));
  // The queue the new app must upgrade and send: what a person did offline.
  await enqueue(db, { type: 'deposit', amount: 10_000 }, at(1));
  await enqueue(db, { type: 'addBeneficiary', id: MUM, nickname: 'Mum', phone: '+971501234567' }, at(2));
  await enqueue(db, { type: 'topup', beneficiaryId: MUM, amount: 2000 }, at(3));
  await enqueue(db, { type: 'renameBeneficiary', id: MUM, nickname: 'Mother' }, at(4));
  await enqueue(db, { type: 'addBeneficiary', id: DAD, nickname: 'Dad', phone: '+971521234568' }, at(5));
  await enqueue(db, { type: 'setActive', id: DAD, active: false }, at(6));
  await enqueue(db, { type: 'setActive', id: DAD, active: true }, at(7));
  await enqueue(db, { type: 'topup', beneficiaryId: DAD, amount: 1000 }, at(8));
  await enqueue(db, { type: 'deleteBeneficiary', id: DAD }, at(9));
  db.close();

  // A raw dump: the database's version, its stores and indexes, every record with its key.
  const raw: IDBDatabase = await new Promise((resolve, reject) => {
    const request = indexedDB.open(userDbName(USER));
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const stores = [];
  for (const name of Array.from(raw.objectStoreNames)) {
    const store = raw.transaction(name).objectStore(name);
    const indexes = Array.from(store.indexNames).map((i) => {
      const index = store.index(i);
      return { name: i, keyPath: index.keyPath, unique: index.unique };
    });
    const records: { key: IDBValidKey; value: unknown }[] = await new Promise((resolve) => {
      const out: { key: IDBValidKey; value: unknown }[] = [];
      const cursor = store.openCursor();
      cursor.onsuccess = () => {
        const c = cursor.result;
        if (!c) return resolve(out);
        out.push({ key: c.primaryKey, value: c.value });
        c.continue();
      };
    });
    stores.push({ name, keyPath: store.keyPath, autoIncrement: store.autoIncrement, indexes, records });
  }
  const dump = { recordedBy: 'tests/unit/app/record-outbox-v1.test.ts at commit fea5a89 (queue format v1)', userId: USER, name: raw.name, version: raw.version, stores };
  raw.close();
  writeFileSync('tests/fixtures/user-db-v1.json', JSON.stringify(dump, null, 2) + '\n');
});
