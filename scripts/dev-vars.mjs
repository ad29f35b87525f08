// Local secrets live in .dev.vars (git-ignored), made once per checkout with random
// values; a name missing from an older .dev.vars is added. Production sets the same
// names with `wrangler secret put`.
// The operations console's development issuer (docs/decisions/015-operations.md): a
// local RSA key pair. Its public JWK goes into .dev.vars for the Worker; the private
// one stays in .dev-access-key.json (git-ignored) for `npm run admin:token`.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';

export const ACCESS_KEY_FILE = '.dev-access-key.json';

function accessKeyPair(keyFile) {
  if (existsSync(keyFile)) {
    const privateJwk = JSON.parse(readFileSync(keyFile, 'utf8'));
    const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = privateJwk;
    return publicJwk;
  }
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomBytes(8).toString('hex');
  writeFileSync(keyFile, JSON.stringify({ ...privateKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' }), { mode: 0o600 });
  return { ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' };
}

/** A VAPID pair (P-256): the public key as the uncompressed point, the private one as its scalar, both base64url. */
export function vapidKeyPairSync() {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const jwk = privateKey.export({ format: 'jwk' });
  const point = Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x, 'base64url'), Buffer.from(jwk.y, 'base64url')]);
  return { publicKey: point.toString('base64url'), privateKey: jwk.d };
}

export function ensureDevVars(path = '.dev.vars', keyFile = ACCESS_KEY_FILE) {
  const secret = () => randomBytes(32).toString('base64url');
  const current = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const has = (name) => new RegExp(`^${name}=`, 'm').test(current);
  const lines = [];
  if (!has('JWT_SECRET')) lines.push(`JWT_SECRET=${secret()}`);
  if (!has('PASSWORD_PEPPER')) lines.push(`PASSWORD_PEPPER=${secret()}`);
  // Web Push (docs/decisions/014-notifications.md): a local VAPID key pair.
  if (!has('VAPID_PRIVATE_KEY')) {
    const vapid = vapidKeyPairSync();
    lines.push(`VAPID_PUBLIC_KEY=${vapid.publicKey}`, `VAPID_PRIVATE_KEY=${vapid.privateKey}`);
  }
  if (!has('ACCESS_DEV_PUBLIC_JWK') || !existsSync(keyFile)) {
    const publicJwk = accessKeyPair(keyFile);
    lines.push(`ACCESS_DEV_PUBLIC_JWK=${JSON.stringify(publicJwk)}`);
  }
  if (lines.length === 0) return;
  const text = lines.join('\n') + '\n';
  if (current) appendFileSync(path, (current.endsWith('\n') ? '' : '\n') + text);
  else writeFileSync(path, text, { mode: 0o600 });
  console.log(`Wrote ${lines.map((l) => l.split('=')[0]).join(', ')} into ${path}.`);
}
