/** The little CBOR (RFC 8949) a WebAuthn authenticator writes: integers, byte and text strings, maps. */
function head(major: number, n: number): number[] {
  if (n < 24) return [(major << 5) | n];
  if (n < 256) return [(major << 5) | 24, n];
  if (n < 65536) return [(major << 5) | 25, n >> 8, n & 255];
  return [(major << 5) | 26, (n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
}

function encode(value: unknown, out: number[]): void {
  if (typeof value === 'number') {
    out.push(...(value >= 0 ? head(0, value) : head(1, -1 - value)));
  } else if (typeof value === 'string') {
    const bytes = new TextEncoder().encode(value);
    out.push(...head(3, bytes.length), ...bytes);
  } else if (value instanceof Uint8Array) {
    out.push(...head(2, value.length), ...value);
  } else if (value instanceof Map) {
    out.push(...head(5, value.size));
    for (const [k, v] of value) {
      encode(k, out);
      encode(v, out);
    }
  } else {
    throw new Error(`cannot CBOR-encode ${typeof value}`);
  }
}

export function cbor(value: unknown): Uint8Array<ArrayBuffer> {
  const out: number[] = [];
  encode(value, out);
  return new Uint8Array(out);
}
