// Local secrets live in .dev.vars (git-ignored), made once per checkout with random
// values. Production sets the same names with `wrangler secret put`.
import { randomBytes } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';

export function ensureDevVars(path = '.dev.vars') {
  if (existsSync(path)) return;
  const secret = () => randomBytes(32).toString('base64url');
  writeFileSync(path, `JWT_SECRET=${secret()}\nPASSWORD_PEPPER=${secret()}\n`, { mode: 0o600 });
  console.log(`Wrote ${path} with fresh local secrets.`);
}
