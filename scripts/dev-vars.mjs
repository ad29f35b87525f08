// Local secrets live in .dev.vars (git-ignored), made once per checkout with random
// values; a checkout made before a secret existed gets it added. Production sets the
// same names with `wrangler secret put`.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';

/** A VAPID pair (P-256): the public key as the uncompressed point, the private one as its scalar, both base64url. */
export function vapidKeyPairSync() {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const jwk = privateKey.export({ format: 'jwk' });
  const point = Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x, 'base64url'), Buffer.from(jwk.y, 'base64url')]);
  return { publicKey: point.toString('base64url'), privateKey: jwk.d };
}

export function ensureDevVars(path = '.dev.vars') {
  const secret = () => randomBytes(32).toString('base64url');
  if (!existsSync(path)) {
    writeFileSync(path, `JWT_SECRET=${secret()}\nPASSWORD_PEPPER=${secret()}\n`, { mode: 0o600 });
    console.log(`Wrote ${path} with fresh local secrets.`);
  }
  if (!/^VAPID_PRIVATE_KEY=/m.test(readFileSync(path, 'utf8'))) {
    const vapid = vapidKeyPairSync();
    appendFileSync(path, `VAPID_PUBLIC_KEY=${vapid.publicKey}\nVAPID_PRIVATE_KEY=${vapid.privateKey}\n`);
    console.log(`Added a local VAPID key pair to ${path}.`);
  }
}
