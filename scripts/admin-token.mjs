#!/usr/bin/env node
// `npm run admin:token -- <email>`: an Access-style JWT for the local operations
// console, valid one hour, signed by the development issuer's key (scripts/dev-vars.mjs).
// Only a local Worker accepts it (docs/decisions/015-operations.md). Send it as
// `Cf-Access-Jwt-Assertion`, or paste it into the console at /admin.
import { readFileSync } from 'node:fs';
import { importJWK, SignJWT } from 'jose';
import { ACCESS_KEY_FILE, ensureDevVars } from './dev-vars.mjs';

const DEV_ISSUER = 'topup-dev-access';
const DEV_AUDIENCE = 'topup-dev-console';

const email = (process.argv[2] ?? '').trim().toLowerCase();
if (!/^[^\s@]+@[^\s@]+$/.test(email)) {
  console.error('Usage: npm run admin:token -- <email>');
  process.exit(2);
}
ensureDevVars();
const jwk = JSON.parse(readFileSync(ACCESS_KEY_FILE, 'utf8'));
const key = await importJWK(jwk, 'RS256');
const now = Math.floor(Date.now() / 1000);
const token = await new SignJWT({ email, type: 'app' })
  .setProtectedHeader({ alg: 'RS256', kid: jwk.kid, typ: 'JWT' })
  .setIssuer(DEV_ISSUER)
  .setAudience(DEV_AUDIENCE)
  .setSubject(`dev:${email}`)
  .setIssuedAt(now)
  .setExpirationTime(now + 3600)
  .sign(key);
console.log(token);
