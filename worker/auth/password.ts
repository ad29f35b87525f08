/** PBKDF2-SHA256 over HMAC(pepper, password): a leaked table alone cannot be attacked offline; the hash carries its iteration count. */
import { hmacKey } from './keys';
import { toBase64url as b64url } from './base64url';

const encoder = new TextEncoder();


function fromB64url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
}

async function peppered(password: string, pepper: Uint8Array<ArrayBuffer>): Promise<ArrayBuffer> {
  return crypto.subtle.sign('HMAC', await hmacKey(pepper), encoder.encode(password));
}

async function derive(password: string, pepper: Uint8Array<ArrayBuffer>, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array> {
  const material = await crypto.subtle.importKey('raw', await peppered(password, pepper), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, material, 256);
  return new Uint8Array(bits);
}

function equalTime(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

export async function hashPassword(password: string, pepper: Uint8Array<ArrayBuffer>, iterations: number): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const hash = await derive(password, pepper, salt, iterations);
  return `pbkdf2-sha256$${iterations}$${b64url(salt)}$${b64url(hash)}`;
}

export async function verifyPassword(password: string, stored: string, pepper: Uint8Array<ArrayBuffer>): Promise<boolean> {
  const [scheme, iterations, salt, hash] = stored.split('$');
  if (scheme !== 'pbkdf2-sha256' || !iterations || !salt || !hash) return false;
  const derived = await derive(password, pepper, fromB64url(salt), Number(iterations));
  return equalTime(derived, fromB64url(hash));
}

/** The same work as a real check, so an unknown email takes as long as a known one. */
export async function burnPasswordCheck(password: string, pepper: Uint8Array<ArrayBuffer>, iterations: number): Promise<false> {
  await derive(password, pepper, new Uint8Array(16), iterations);
  return false;
}
