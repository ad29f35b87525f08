/** The subset of CBOR (RFC 8949) authenticators write; floats, tags and indefinite lengths are refused: none needs them. */
export type Cbor = number | string | boolean | null | Uint8Array | Cbor[] | Map<Cbor, Cbor>;

export class CborError extends Error {}

const MAX_DEPTH = 8;

function length(bytes: Uint8Array, at: number, info: number): [number, number] {
  if (info < 24) return [info, at];
  const size = info === 24 ? 1 : info === 25 ? 2 : info === 26 ? 4 : 0;
  if (size === 0 || at + size > bytes.length) throw new CborError('unsupported or truncated CBOR length');
  let n = 0;
  for (let i = 0; i < size; i++) n = n * 256 + (bytes[at + i] ?? 0);
  return [n, at + size];
}

function item(bytes: Uint8Array, start: number, depth: number): [Cbor, number] {
  if (depth > MAX_DEPTH) throw new CborError('CBOR nested too deeply');
  const first = bytes[start];
  if (first === undefined) throw new CborError('truncated CBOR');
  const major = first >> 5;
  const info = first & 31;
  if (major === 7) {
    if (info === 20) return [false, start + 1];
    if (info === 21) return [true, start + 1];
    if (info === 22) return [null, start + 1];
    throw new CborError('unsupported CBOR simple value');
  }
  const [n, at] = length(bytes, start + 1, info);
  switch (major) {
    case 0:
      return [n, at];
    case 1:
      return [-1 - n, at];
    case 2:
    case 3: {
      if (at + n > bytes.length) throw new CborError('truncated CBOR string');
      const slice = bytes.slice(at, at + n);
      return [major === 2 ? slice : new TextDecoder('utf-8', { fatal: true }).decode(slice), at + n];
    }
    case 4: {
      const list: Cbor[] = [];
      let next = at;
      for (let i = 0; i < n; i++) [list[i], next] = item(bytes, next, depth + 1);
      return [list, next];
    }
    case 5: {
      const map = new Map<Cbor, Cbor>();
      let next = at;
      for (let i = 0; i < n; i++) {
        const [key, afterKey] = item(bytes, next, depth + 1);
        const [value, afterValue] = item(bytes, afterKey, depth + 1);
        map.set(key, value);
        next = afterValue;
      }
      return [map, next];
    }
    default:
      throw new CborError('unsupported CBOR type');
  }
}

/** The first item of `bytes` and where it ends (authenticator data carries a key followed by extensions). */
export function decodeCborPrefix(bytes: Uint8Array): { value: Cbor; end: number } {
  const [value, end] = item(bytes, 0, 0);
  return { value, end };
}

/** Exactly one item: trailing bytes are an error. */
export function decodeCbor(bytes: Uint8Array): Cbor {
  const { value, end } = decodeCborPrefix(bytes);
  if (end !== bytes.length) throw new CborError('trailing bytes after CBOR item');
  return value;
}
