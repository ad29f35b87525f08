/**
 * fast-check arbitraries for hostile input: wrong types, odd numbers (floats,
 * -0, exponents, huge, NaN-like text), unicode edge cases (RTL and bidi marks,
 * ZWJ, combining marks, lone surrogates, BOM, controls), SQL and HTML, oversized
 * strings, raw JSON number tokens JSON.stringify cannot produce, non-JSON text.
 */
import fc from 'fast-check';

export const UNICODE_EDGES = [
  '\u200F', '\u200E', '\u202E', '\u2066', '\u2069', '\u200D', '👨‍👩‍👧', '🏳️‍🌈', 'e\u0301', `a${'\u0301'.repeat(40)}`, '\uD800', '\uDFFF', `x\uD83D`, '\uDE00y',
  '\uFEFF', '\u0000', '\u0007', '\u001B[31m', '\u2028', '\u2029', 'Ω', 'ﷺ', '𝕏', 'İ', 'ß', 'ǅ', '\u00A0', '\u3000', '٠١٢', 'مرحبا', 'שלום',
];
export const INJECTIONS = [
  "' OR '1'='1", "'; DROP TABLE users; --", '" OR ""="', '1; SELECT * FROM sessions', "Robert'); DELETE FROM accounts;--", "') UNION SELECT balance FROM accounts --",
  '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '"><svg onload=alert(1)>', 'javascript:alert(1)', '{{constructor.constructor("x")()}}', '${7*7}',
  '../../../etc/passwd', '%00', '%2e%2e%2f', '\r\nSet-Cookie: a=b', 'null', 'undefined', 'NaN', 'Infinity', '-Infinity', '-0', '1e3', '0x10', '١٠٠', ' 100 ', '100.0', '1,000',
];
/** Number tokens written straight into the JSON text (valid JSON or not). */
export const RAW_NUMBERS = ['-0', '-0.0', '0e0', '1e2', '1E+2', '2e3', '100.0', '2000.000', '1e400', '-1e400', 'NaN', 'Infinity', '-Infinity', '0x64', '0100', '.5', '+100', '1_000', '2000.0000000000001', '9007199254740993', '1e-400'];

export class Raw {
  constructor(readonly token: string) {}
}

export const hostileString = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 25 }) },
  { weight: 3, arbitrary: fc.constantFrom(...UNICODE_EDGES) },
  { weight: 3, arbitrary: fc.constantFrom(...INJECTIONS) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...INJECTIONS, ...UNICODE_EDGES), fc.constantFrom(...UNICODE_EDGES)).map(([a, b]) => `${a}${b}${a}`) },
  { weight: 1, arbitrary: fc.constantFrom('x'.repeat(21), 'y'.repeat(300), 'z'.repeat(17_000), '👨‍👩‍👧'.repeat(21)) },
);

export const hostileNumber = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.maxSafeInteger(),
  fc.constantFrom(0, -0, 1, -1, 99, 100, 500, 2000, 10_000, 10_000_000, 10_000_001, 0.1, 99.99, 100.5, 2000.5, 1e21, 1e308, -1e308, 5e-324, 2 ** 53, 2 ** 53 + 2, -(2 ** 53)),
);

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 4, arbitrary: hostileNumber },
  { weight: 2, arbitrary: fc.constantFrom(...RAW_NUMBERS).map((t) => new Raw(t)) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constantFrom(null, [], {}, [100], { amount: 100 }, ['a', 'b'], [[[]]]) },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.integer(), fc.string({ maxLength: 8 })), { maxKeys: 3 }) },
);

/** Fields a client must never be able to set, whatever route it writes to. */
export const MASS_ASSIGNMENT = ['balance', 'verified', 'user_id', 'userId', 'id', 'status', 'fee', 'created_at', 'deleted_at', 'active_cap', 'month_used', 'month_limit', 'phone', 'email', 'provider_ref', 'seq'];

/** A body for a route whose fields are `fields` (valid values mixed in, so later checks get reached). */
export function hostileBody(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<unknown> {
  const shaped = Object.fromEntries(Object.entries(fields).map(([name, valid]) => [name, fc.oneof({ weight: 2, arbitrary: valid }, { weight: 3, arbitrary: hostileValue })]));
  const record = fc
    .tuple(fc.record(shaped, { requiredKeys: [] }), fc.dictionary(fc.constantFrom(...MASS_ASSIGNMENT), hostileValue, { maxKeys: 2 }))
    .map(([known, extra]) => ({ ...extra, ...known }));
  return fc.oneof({ weight: 8, arbitrary: record }, { weight: 1, arbitrary: hostileValue });
}

/** The request's text: JSON with Raw tokens spliced in, or (sometimes) not JSON at all. */
export function serialize(body: unknown): string {
  const tokens: string[] = [];
  const json = JSON.stringify(body, (_, value: unknown) => (value instanceof Raw ? `\u0000RAW${tokens.push(value.token) - 1}\u0000` : value));
  return (json ?? 'undefined').replace(/"\\u0000RAW(\d+)\\u0000"/g, (_, n: string) => tokens[Number(n)]!);
}

export const notJson = fc.constantFrom(
  '', ' ', '{', '{"amount":', "{'amount': 100}", '{"amount": 100,}', 'amount=100', '<xml/>', '\uFEFF{"amount":100}', '[1,2', 'true false', '{"a":1}{"b":2}', '\u0000',
  // Deep nesting that still fits in 16 KiB: parsers, validators and the key fingerprint must not recurse to death.
  `${'['.repeat(8000)}${']'.repeat(8000)}`, `{"amount":${'['.repeat(5000)}${']'.repeat(5000)}}`, `${'{"a":'.repeat(2500)}1${'}'.repeat(2500)}`,
  `{"amount":100,"amount":"x"}`, `{"nickname":"a","nickname":{"$gt":""}}`,
);

export const contentType = fc.oneof(
  { weight: 12, arbitrary: fc.constant('application/json') },
  {
    weight: 5,
    arbitrary: fc.constantFrom(
      'application/json; charset=utf-8', 'Application/JSON', 'text/plain', 'text/plain;charset=UTF-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x',
      'application/jsonx', 'application/json-patch+json', 'text/html', 'application/xml', '', '*/*',
    ),
  },
);
