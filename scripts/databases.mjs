// The D1 databases an environment binds (docs/decisions/010-shards.md): the
// directory and every shard, read from wrangler.toml so adding a shard there is
// all the scripts need. A small reader for the `[[d1_databases]]` blocks only
// (wrangler.toml keeps them flat: `key = "value"` lines).
import { readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const CONFIG = 'wrangler.toml';

/** `env`: '' for the top level (local), else 'staging' / 'production'. */
export function databasesOf(env = '', text = readFileSync(CONFIG, 'utf8')) {
  const header = env ? `[[env.${env}.d1_databases]]` : '[[d1_databases]]';
  const databases = [];
  let current = null;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('[')) {
      current = line === header ? {} : null;
      if (current) databases.push(current);
      continue;
    }
    const field = /^(\w+)\s*=\s*"([^"]*)"/.exec(line);
    if (current && field) current[field[1]] = field[2];
  }
  const list = databases.map((d) => ({ binding: d.binding, name: d.database_name, id: d.database_id, migrations: d.migrations_dir }));
  if (!list.some((d) => d.binding === 'DIRECTORY') || !list.some((d) => /^SHARD_\d+$/.test(d.binding))) {
    throw new Error(`${CONFIG}${env ? ` [env.${env}]` : ''} must bind DIRECTORY and at least one SHARD_n`);
  }
  return list;
}

/** Writes a database's real id over its placeholder in wrangler.toml (after `wrangler d1 create`). */
export function recordDatabaseId(name, oldId, newId) {
  const text = readFileSync(CONFIG, 'utf8');
  const block = `database_name = "${name}"\ndatabase_id = "${oldId}"`;
  if (!text.includes(block)) throw new Error(`${CONFIG}: no block "${block}"`);
  writeFileSync(CONFIG, text.replace(block, `database_name = "${name}"\ndatabase_id = "${newId}"`));
}

export const wranglerEnv = { ...process.env, WRANGLER_SEND_METRICS: 'false' };

/** Runs a command with inherited output; exits the script when it fails. */
export function run(cmd, args) {
  const result = spawnSync(cmd, args, { stdio: 'inherit', env: wranglerEnv });
  if (result.status !== 0) {
    console.error(`\n${cmd} ${args.join(' ')} failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status ?? 1);
  }
}

/** Applies each database's own migrations: `target` is `['--local', '--persist-to', dir]` or `['--remote', '--env', name]`. */
export function migrateAll(env, target) {
  for (const db of databasesOf(env)) {
    console.log(`\n▶ migrations for ${db.binding} (${db.name}, ${db.migrations})`);
    run('npx', ['wrangler', 'd1', 'migrations', 'apply', db.binding, ...target]);
  }
}
