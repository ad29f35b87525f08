/**
 * fast-check arbitraries from the OpenAPI document's JSON Schemas (the subset the
 * document uses): values the schema takes, and values it refuses for exactly one
 * reason. openapi-fuzz.test.ts sends both to the server.
 */
import fc from 'fast-check';

export type JsonSchema = {
  type?: 'object' | 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'null';
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  /** Only `{const}`: the one value excluded (a non-zero amount). */
  not?: { const?: unknown };
  const?: unknown;
  /** Alternatives that differ in type (a number or null). */
  anyOf?: JsonSchema[];
  /** On an object, only `{required}` alternatives: exactly one of them (`{ids}` or `{all}`). */
  oneOf?: { required: string[] }[];
  examples?: unknown[];
};

/** Where a generated value goes (`starts_at`, `actions.0.path`): lets a test narrow a rule no schema can say. */
export type Narrow = (name: string, schema: JsonSchema) => fc.Arbitrary<unknown> | undefined;

// Text people type, and a few characters every text rule refuses somewhere.
const UNITS = ['a', 'Z', 'é', 'ب', '0', '1', '5', '7', '9', '+', '-', '.', '(', ')', '@', 'com', ' ', '👍🏽', '👨‍👩‍👧', '/', '_', ':', 'T', '\u0007', '\u202E'];
const codePoints = (s: string) => [...s].length;

/**
 * Typed text within the schema's lengths (at most 30 code points past its minimum): a key of
 * 80–100 characters is never made of 30 typed units.
 */
function textFor(schema: JsonSchema): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0;
  const max = Math.max(min, Math.min(schema.maxLength ?? min + 30, min + 30));
  return fc.array(fc.constantFrom(...UNITS), { minLength: min, maxLength: max }).map((parts) => [...parts.join('')].slice(0, max).join(''));
}

/**
 * `arb.filter(fits)`, refused at once when `arb` rarely fits. A filter that never passes loops
 * inside workerd's one thread: vitest's timeout cannot fire and the file never ends (ADR 013:
 * `keys.p256dh`, 80–100 characters, against strings of at most 30). Checked on 200 values of a
 * fixed seed, so the answer is the same on every run.
 */
function fitting<T>(arb: fc.Arbitrary<T>, fits: (value: T) => boolean, what: string): fc.Arbitrary<T> {
  const hits = fc.sample(arb, { numRuns: 200, seed: 1 }).filter(fits).length;
  if (hits < 10) throw new Error(`${what}: ${hits} of 200 generated values fit; generate them closer to the schema`);
  return arb.filter(fits);
}

function lengthOk(schema: JsonSchema, s: string): boolean {
  return codePoints(s) >= (schema.minLength ?? 0) && codePoints(s) <= (schema.maxLength ?? Infinity);
}

function patterned(schema: JsonSchema, re: RegExp, name: string): fc.Arbitrary<string> {
  const fits = (s: string) => re.test(s) && lengthOk(schema, s);
  const examples = (schema.examples ?? []).filter((e): e is string => typeof e === 'string');
  let generated: fc.Arbitrary<string>;
  try {
    // A minimum length needs long repetitions: the default size rarely repeats more than ~20 times.
    generated = fc.stringMatching(re, { maxLength: schema.maxLength, size: (schema.minLength ?? 0) > 0 ? 'large' : undefined });
  } catch {
    // fast-check cannot generate every regular expression (lookahead, negated property classes): typed text that fits.
    generated = textFor(schema);
  }
  const withExamples = examples.length > 0 ? fc.oneof(fc.constantFrom(...examples), generated) : generated;
  return fitting(withExamples, fits, `${name}: text matching ${schema.pattern}`);
}

/** The JSON type of a value, as a schema's `type` names it. */
const jsonType = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : typeof value === 'number' ? 'number' : typeof value;
const takesType = (schema: JsonSchema, type: string) => schema.type === type || (schema.type === 'number' && type === 'integer');

/** An object's record; with `oneOf` alternatives, one of them required and the others' keys left out. */
function objectValue(schema: JsonSchema, narrow: Narrow, leave: (key: string) => boolean = () => false, also: string[] = []) {
  const props = Object.entries(schema.properties ?? {}).filter(([key]) => !leave(key));
  const model = Object.fromEntries(props.map(([key, s]) => [key, validValue(s, narrow, key)]));
  const required = [...(schema.required ?? []), ...also].filter((key) => key in model);
  return fc.record(model, { requiredKeys: required as never[] });
}

export function validValue(schema: JsonSchema, narrow: Narrow, name = ''): fc.Arbitrary<unknown> {
  const narrowed = narrow(name, schema);
  if (narrowed) return narrowed;
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if ('const' in schema) return fc.constant(schema.const);
  if (schema.anyOf) return fc.oneof(...schema.anyOf.map((alternative) => validValue(alternative, narrow, name)));
  switch (schema.type) {
    case 'object': {
      const alternatives = schema.oneOf;
      if (!alternatives) return objectValue(schema, narrow);
      return fc.oneof(
        ...alternatives.map((chosen) => {
          const others = alternatives.filter((a) => a !== chosen).flatMap((a) => a.required).filter((key) => !chosen.required.includes(key));
          return objectValue(schema, narrow, (key) => others.includes(key), chosen.required);
        }),
      );
    }
    case 'null':
      return fc.constant(null);
    case 'number':
      return fc.double({ min: schema.minimum ?? -1e12, max: schema.maximum ?? 1e12, noNaN: true });
    case 'array':
      return fc.array(validValue(schema.items ?? {}, narrow, `${name}[]`), { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 3, 3) });
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1_000_000, max: schema.maximum ?? 1_000_000 }).filter((n) => schema.not?.const === undefined || n !== schema.not.const);
    case 'boolean':
      return fc.boolean();
    case 'string':
      if (schema.pattern) return patterned(schema, new RegExp(schema.pattern, 'u'), name);
      return fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.max(schema.minLength ?? 0, Math.min(schema.maxLength ?? 30, 30)) });
    default:
      return fc.constantFrom({}, [], 'anything', 1, null);
  }
}

/** A value the schema refuses, and why (for the failure message). */
export function invalidValue(schema: JsonSchema, narrow: Narrow, name = ''): fc.Arbitrary<{ value: unknown; why: string }> {
  const options: fc.Arbitrary<{ value: unknown; why: string }>[] = [];
  const because = (why: string) => (value: unknown) => ({ value, why: `${name}: ${why}` });
  if ('const' in schema) options.push(fc.constantFrom(true, false, 'text', 7, null, {}).filter((value) => value !== schema.const).map(because('not the constant')));
  // A value of a type no alternative has (each alternative's own rules aside).
  if (schema.anyOf) options.push(fc.constantFrom('text', 7, 7.5, true, null, {}, []).filter((value) => !schema.anyOf!.some((a) => takesType(a, jsonType(value)))).map(because('of a type no alternative takes')));
  switch (schema.type) {
    case 'object': {
      const props = Object.entries(schema.properties ?? {});
      const whole = validValue(schema, narrow, name) as fc.Arbitrary<Record<string, unknown>>;
      options.push(fc.constantFrom('text', 7, true, null, []).map(because('not an object')));
      if (schema.oneOf) {
        const keys = schema.oneOf.flatMap((a) => a.required);
        // None of the alternatives, and two of them at once.
        options.push(objectValue(schema, narrow, (key) => keys.includes(key)).map(because(`none of ${keys.join(', ')}`)));
        options.push(objectValue(schema, narrow, () => false, keys).map(because(`all of ${keys.join(', ')}`)));
      }
      for (const key of schema.required ?? []) {
        options.push(whole.map((o) => ({ value: Object.fromEntries(Object.entries(o).filter(([k]) => k !== key)), why: `${name}.${key}: missing` })));
      }
      for (const [key, s] of props) {
        if (s.type === undefined && s.enum === undefined && !('const' in s) && !s.anyOf) continue; // any value (a sync action's body)
        options.push(fc.tuple(whole, invalidValue(s, narrow, key)).map(([o, bad]) => ({ value: { ...o, [key]: bad.value }, why: `${name}.${bad.why}` })));
      }
      break;
    }
    case 'array': {
      const items = validValue(schema.items ?? {}, narrow, `${name}[]`);
      options.push(fc.constantFrom('text', 7, {}).map(because('not an array')));
      if ((schema.minItems ?? 0) > 0) options.push(fc.constant([]).map(because('too few items')));
      if (schema.maxItems !== undefined) options.push(fc.array(items, { minLength: schema.maxItems + 1, maxLength: schema.maxItems + 1 }).map(because('too many items')));
      if (schema.items?.type === 'object') options.push(fc.tuple(invalidValue(schema.items, narrow, `${name}[]`)).map(([bad]) => ({ value: [bad.value], why: `${name}[0]${bad.why}` })));
      break;
    }
    case 'integer':
      options.push(fc.constantFrom('5', true, null, {}).map(because('not a number')));
      if (schema.enum) options.push(fitting(fc.integer({ min: 1, max: 1_000_000 }), (n) => !schema.enum!.includes(n), `${name}: an integer outside the enum`).map(because('not one of the enum')));
      if (schema.minimum !== undefined) options.push(fc.integer({ min: schema.minimum - 1_000, max: schema.minimum - 1 }).map(because('below the minimum')));
      if (schema.maximum !== undefined) options.push(fc.integer({ min: schema.maximum + 1, max: schema.maximum + 1_000 }).map(because('above the maximum')));
      if (typeof schema.not?.const === 'number') options.push(fc.constant(schema.not.const).map(because('the excluded value')));
      break;
    case 'boolean':
      options.push(fc.constantFrom('true', 1, null).map(because('not a boolean')));
      break;
    case 'number':
      options.push(fc.constantFrom('5', true, {}).map(because('not a number')));
      break;
    case 'string': {
      options.push(fc.constantFrom(5, true, null, {}).map(because('not text')));
      if (schema.enum) options.push(fitting(fc.string(), (s) => !schema.enum!.includes(s), `${name}: text outside the enum`).map(because('not one of the enum')));
      if ((schema.minLength ?? 0) > 0) options.push(fc.constant('x'.repeat(schema.minLength! - 1)).map(because('too short')));
      if (schema.maxLength !== undefined) options.push(fc.constant('a'.repeat(schema.maxLength + 1)).map(because('too long')));
      if (schema.pattern) {
        const re = new RegExp(schema.pattern, 'u');
        // Blanks too: a pattern that asks for "something besides spaces" refuses almost nothing else.
        const texts = fc.oneof(textFor(schema), fc.constantFrom(' ', '   ', '\t', ' \n '));
        options.push(fitting(texts, (s) => !re.test(s) && lengthOk(schema, s), `${name}: text within its lengths that ${schema.pattern} refuses`).map(because('does not match the pattern')));
      }
      break;
    }
    default:
      break;
  }
  if (options.length === 0) throw new Error(`${name}: no way to make a value this schema refuses`);
  return fc.oneof(...options);
}
