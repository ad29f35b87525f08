/** HMAC-SHA256 keys imported once per secret per isolate (importKey on every request is wasted work). */
const cache = new WeakMap<Uint8Array, Promise<CryptoKey>>();

export function hmacKey(secret: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  let key = cache.get(secret);
  if (!key) {
    key = crypto.subtle.importKey('raw', secret, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
    cache.set(secret, key);
  }
  return key;
}
