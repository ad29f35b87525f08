#!/usr/bin/env node
// `npm run restore -- --from DIR [--to DATA_DIR]`: imports a backup made by `npm run
// backup` into fresh LOCAL databases (TOPUP_DATA_DIR, or --to), one per binding in the
// backup's manifest: the restore drill (docs/operations.md). It refuses a data
// directory that already holds databases. Deployed databases are restored with D1
// Time Travel instead (docs/operations.md, "Backups and restore").
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from './databases.mjs';

const args = process.argv.slice(2);
const arg = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const from = arg('--from');
const to = arg('--to') ?? process.env.TOPUP_DATA_DIR ?? '.wrangler/state';
if (!from || !existsSync(join(from, 'manifest.json'))) {
  console.error('Usage: npm run restore -- --from <backup dir with manifest.json> [--to <empty data dir>]');
  process.exit(2);
}
const d1Dir = join(to, 'v3', 'd1');
if (existsSync(d1Dir) && readdirSync(d1Dir).length > 0) {
  console.error(`${to} already holds local databases: restore into an empty directory.`);
  process.exit(2);
}
/**
 * An export lists each table with its rows, tables in name order, triggers last. Into an
 * empty database it must go tables and indexes first (a row may name a table that comes later),
 * rows with foreign keys checked at the end (a row may name a row that comes later),
 * then indexes and triggers (the money rules are for new writes: a restored top-up to a
 * since-deleted beneficiary is history, not a new top-up).
 */
export function restoreOrder(sql) {
  const statements = sql.split(/;\r?\n(?=CREATE |INSERT |PRAGMA |DELETE |UPDATE |--|\s*$)/).map((s) => s.trim()).filter(Boolean);
  const schema = statements.filter((s) => /^CREATE (TABLE|(UNIQUE )?INDEX)/i.test(s));
  const rows = statements.filter((s) => /^INSERT /i.test(s));
  const rest = statements.filter((s) => !schema.includes(s) && !rows.includes(s) && !/^PRAGMA /i.test(s));
  return ['PRAGMA defer_foreign_keys = true', ...schema, ...rows, ...rest].map((s) => `${s.replace(/;$/, '')};`).join('\n');
}

const manifest = JSON.parse(readFileSync(join(from, 'manifest.json'), 'utf8'));
const work = mkdtempSync(join(tmpdir(), 'topup-restore-'));
try {
  for (const db of manifest.databases) {
    const file = join(work, db.file);
    writeFileSync(file, restoreOrder(readFileSync(join(from, db.file), 'utf8')));
    run('npx', ['wrangler', 'd1', 'execute', db.binding, '--local', '--persist-to', to, '--yes', '--file', file]);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
console.log(`Restored ${manifest.databases.length} database(s) from ${from} into ${to}.`);
