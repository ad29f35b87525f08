/** COSE public keys (RFC 9053) as WebCrypto verifiers of the algorithms TopUp offers; ECDSA signatures come DER-encoded, WebCrypto wants r‖s. */
import { decodeCbor, type Cbor } from './cbor';
import { toBase64url } from './base64url';

export const ES256 = -7;
export const EDDSA = -8;
export const RS256 = -257;
export const OFFERED_ALGORITHMS = [ES256, EDDSA, RS256] as const;

type Verifier = (signature: Uint8Array<ArrayBuffer>, data: Uint8Array<ArrayBuffer>) => Promise<boolean>;

const bytesAt = (key: Map<Cbor, Cbor>, label: number): Uint8Array | null => {
  const value = key.get(label);
  return value instanceof Uint8Array ? value : null;
};

/** The algorithm of a COSE key, or null when it is not a key TopUp accepts. */
export function coseAlgorithm(cose: Uint8Array): number | null {
  try {
    const key = decodeCbor(cose);
    const alg = key instanceof Map ? key.get(3) : null;
    return typeof alg === 'number' && (OFFERED_ALGORITHMS as readonly number[]).includes(alg) ? alg : null;
  } catch {
    return null;
  }
}

/** DER SEQUENCE { INTEGER r, INTEGER s } → r‖s of `size` bytes each; null when malformed. */
export function derToRaw(der: Uint8Array, size = 32): Uint8Array<ArrayBuffer> | null {
  if (der[0] !== 0x30 || der[1] !== der.length - 2) return null;
  const out = new Uint8Array(size * 2);
  let at = 2;
  for (const half of [0, 1]) {
    if (der[at] !== 0x02) return null;
    const len = der[at + 1] ?? 0;
    let int = der.slice(at + 2, at + 2 + len);
    if (int.length !== len || len === 0) return null;
    while (int.length > size && int[0] === 0) int = int.slice(1);
    if (int.length > size) return null;
    out.set(int, half * size + (size - int.length));
    at += 2 + len;
  }
  return at === der.length ? out : null;
}

async function importCose(key: Map<Cbor, Cbor>): Promise<Verifier | null> {
  const alg = key.get(3);
  const kty = key.get(1);
  if (alg === ES256 && kty === 2 && key.get(-1) === 1) {
    const [x, y] = [bytesAt(key, -2), bytesAt(key, -3)];
    if (x?.length !== 32 || y?.length !== 32) return null;
    const jwk = { kty: 'EC', crv: 'P-256', x: toBase64url(x), y: toBase64url(y) };
    const pub = await crypto.subtle.importKey('jwk', jwk, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
    return async (signature, data) => {
      const raw = derToRaw(signature);
      return raw ? crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, pub, raw, data) : false;
    };
  }
  if (alg === RS256 && kty === 3) {
    const [n, e] = [bytesAt(key, -1), bytesAt(key, -2)];
    if (!n || !e || n.length < 256) return null;
    const jwk = { kty: 'RSA', n: toBase64url(n), e: toBase64url(e), alg: 'RS256' };
    const pub = await crypto.subtle.importKey('jwk', jwk, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['verify']);
    return (signature, data) => crypto.subtle.verify('RSASSA-PKCS1-v1_5', pub, signature, data);
  }
  if (alg === EDDSA && kty === 1 && key.get(-1) === 6) {
    const x = bytesAt(key, -2);
    if (x?.length !== 32) return null;
    const pub = await crypto.subtle.importKey('raw', new Uint8Array(x), { name: 'Ed25519' }, false, ['verify']);
    return (signature, data) => crypto.subtle.verify('Ed25519', pub, signature, data);
  }
  return null;
}

/** Verifies `signature` over `data` with a stored COSE key; false for anything that does not verify. */
export async function verifyCoseSignature(cose: Uint8Array, signature: Uint8Array<ArrayBuffer>, data: Uint8Array<ArrayBuffer>): Promise<boolean> {
  try {
    const key = decodeCbor(cose);
    const verifier = key instanceof Map ? await importCose(key) : null;
    return verifier ? await verifier(signature, data) : false;
  } catch {
    return false;
  }
}
