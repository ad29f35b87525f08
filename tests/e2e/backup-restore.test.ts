/**
 * The restore drill (docs/operations.md, "Backups and restore"): `npm run backup --
 * --local` exports every D1 of the running server (the directory and each shard), the
 * export is imported into fresh local databases, and `npm run audit:ledger` finds the
 * restored ledger clean, with every row there.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { baseURL, newUser, serverAs } from './helpers';

const scratch = mkdtempSync(join(tmpdir(), 'topup-restore-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function npm(script: string, args: string[], dataDir: string) {
  const result = spawnSync('npm', ['run', '--silent', script, '--', ...args], {
    encoding: 'utf8',
    env: { ...process.env, TOPUP_DATA_DIR: dataDir, WRANGLER_SEND_METRICS: 'false' },
  });
  return { status: result.status, out: `${result.stdout}\n${result.stderr}` };
}

function count(dataDir: string, binding: string, sql: string): number {
  const result = spawnSync('npx', ['wrangler', 'd1', 'execute', binding, '--local', '--persist-to', dataDir, '--json', '--command', sql], {
    encoding: 'utf8',
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
  });
  expect(result.status, result.stderr).toBe(0);
  return (JSON.parse(result.stdout) as { results: { n: number }[] }[])[0]!.results[0]!.n;
}

describe('backup and restore drill', () => {
  it('exports every database, imports them into fresh ones, and the ledger audit is clean', async () => {
    // Money on the ledger first, so there is something to get wrong.
    const user = newUser('Restore Drill');
    const signup = await fetch(`${baseURL()}/api/auth/signup`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: user.email, password: user.password, name: user.name }),
    });
    expect(signup.status).toBe(201);
    const server = await serverAs(user);
    expect((await server.post('/api/wallet/deposits', { amount: 5000 })).status).toBe(201);

    const live = inject('dataDir');
    const out = join(scratch, 'backup');
    const backup = npm('backup', ['--local', '--out', out], live);
    expect(backup.status, backup.out).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { databases: { binding: string; bytes: number }[] };
    expect(manifest.databases.map((d) => d.binding)).toEqual(['DIRECTORY', 'SHARD_0', 'SHARD_1']);
    for (const d of manifest.databases) expect(d.bytes).toBeGreaterThan(0);

    const fresh = join(scratch, 'fresh');
    const restore = npm('restore', ['--from', out, '--to', fresh], live);
    expect(restore.status, restore.out).toBe(0);
    const audit = npm('audit:ledger', ['--local'], fresh);
    expect(audit.status, audit.out).toBe(0);
    expect(audit.out).toContain('Ledger OK on 2 shard(s).');
    // Every row came back (the live server may have moved on since: at least as many as exported).
    const sql = `SELECT (SELECT COUNT(*) FROM ledger_entries) * 1000000 + (SELECT COUNT(*) FROM users) AS n`;
    // Each count is a wrangler process (15–20 s on a loaded machine): each database counted once.
    const counted = (dataDir: string) => ['SHARD_0', 'SHARD_1'].map((binding) => count(dataDir, binding, sql));
    const [restored, kept] = [counted(fresh), counted(live)];
    restored.forEach((n, shard) => expect(n, `SHARD_${shard}`).toBeLessThanOrEqual(kept[shard]!));
    expect(restored[0]! + restored[1]!).toBeGreaterThan(0);
    // A second restore into the same place is refused rather than mixed in.
    expect(npm('restore', ['--from', out, '--to', fresh], live).status).toBe(2);
  }, 400_000);
});
