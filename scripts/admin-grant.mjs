#!/usr/bin/env node
// `npm run admin:grant -- <email> <role>` gives an operator a role in the local
// directory (`-- --env staging|production` for a deployed one: how the first admin
// is made, docs/operations.md). The change and its audit record are one batch.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { wranglerEnv } from './databases.mjs';

const ROLES = ['viewer', 'support', 'finance', 'admin'];
const args = process.argv.slice(2);
const index = args.indexOf('--env');
const envName = index >= 0 ? args[index + 1] : null;
const [email, role] = args.filter((_, i) => index < 0 || (i !== index && i !== index + 1)).map((a) => a.trim().toLowerCase());
if (!email || !/^[^\s@]+@[^\s@]+$/.test(email) || !ROLES.includes(role)) {
  console.error(`Usage: npm run admin:grant -- <email> <${ROLES.join('|')}> [--env staging|production]`);
  process.exit(2);
}
const target = envName ? ['--remote', '--env', envName] : ['--local', '--persist-to', process.env.TOPUP_DATA_DIR ?? '.wrangler/state'];
const quote = (s) => `'${s.replaceAll("'", "''")}'`;
const at = new Date().toISOString();
const actor = `cli:${process.env.USER ?? 'operator'}`;
const sql = [
  `INSERT INTO audit_log (id, at, actor, role, action, target, user_id, reason, before, after, request_id)
   VALUES (${quote(randomUUID())}, ${quote(at)}, ${quote(actor)}, 'admin', 'role.put', ${quote(email)}, NULL, 'npm run admin:grant',
   (SELECT json_object('role', role) FROM operator_roles WHERE email = ${quote(email)}), json_object('role', ${quote(role)}), ${quote(randomUUID())})`,
  `INSERT INTO operator_roles (email, role, granted_by, granted_at) VALUES (${quote(email)}, ${quote(role)}, ${quote(actor)}, ${quote(at)})
   ON CONFLICT(email) DO UPDATE SET role = excluded.role, granted_by = excluded.granted_by, granted_at = excluded.granted_at`,
].join(';\n');
const result = spawnSync('npx', ['wrangler', 'd1', 'execute', 'DIRECTORY', ...target, '--command', sql], { encoding: 'utf8', env: wranglerEnv });
if (result.status !== 0) {
  console.error(result.stderr || result.stdout);
  process.exit(1);
}
console.log(`${email} is now ${role}${envName ? ` in ${envName}` : ' locally'}.`);
