/**
 * fast-check arbitraries from the OpenAPI document's JSON Schemas (the subset the
 * document uses): values the schema takes, and values it refuses for exactly one
 * reason. openapi-fuzz.test.ts sends both to the server.
 */
import fc from 'fast-check';

export type JsonSchema = {
  type?: 'object' | 'string' | 'integer' | 'number' | 'boolean' | 'array';
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
  examples?: unknown[];
};

/** Where a generated value goes (`starts_at`, `actions.0.path`): lets a test narrow a rule no schema can say. */
export type Narrow = (name: string, schema: JsonSchema) => fc.Arbitrary<unknown> | undefined;

// Text people type, and a few characters every text rule refuses somewhere.
const UNITS = ['a', 'Z', 'é', 'ب', '0', '1', '5', '7', '9', '+', '-', '.', '(', ')', '@', 'com', ' ', '👍🏽', '👨‍👩‍👧', '/', '_', ':', 'T', '\u0007', '\u202E'];
const textOf = (max: number) => fc.array(fc.constantFrom(...UNITS), { maxLength: max }).map((parts) => parts.join(''));
const codePoints = (s: string) => [...s].length;

function lengthOk(schema: JsonSchema, s: string): boolean {
  return codePoints(s) >= (schema.minLength ?? 0) && codePoints(s) <= (schema.maxLength ?? Infinity);
}

function patterned(schema: JsonSchema, re: RegExp): fc.Arbitrary<string> {
  const fits = (s: string) => re.test(s) && lengthOk(schema, s);
  const examples = (schema.examples ?? []).filter((e): e is string => typeof e === 'string');
  let generated: fc.Arbitrary<string>;
  try {
    generated = fc.stringMatching(re);
  } catch {
    // fast-check cannot generate every regular expression (lookahead, negated property classes): typed text that fits.
    generated = textOf(Math.min(schema.maxLength ?? 30, 30));
  }
  const withExamples = examples.length > 0 ? fc.oneof(fc.constantFrom(...examples), generated) : generated;
  return withExamples.filter(fits);
}

export function validValue(schema: JsonSchema, narrow: Narrow, name = ''): fc.Arbitrary<unknown> {
  const narrowed = narrow(name, schema);
  if (narrowed) return narrowed;
  if (schema.enum) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case 'object': {
      const props = schema.properties ?? {};
      const model = Object.fromEntries(Object.entries(props).map(([key, s]) => [key, validValue(s, narrow, key)]));
      return fc.record(model, { requiredKeys: (schema.required ?? []) as never[] });
    }
    case 'array':
      return fc.array(validValue(schema.items ?? {}, narrow, `${name}[]`), { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 3, 3) });
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1_000_000, max: schema.maximum ?? 1_000_000 }).filter((n) => schema.not?.const === undefined || n !== schema.not.const);
    case 'boolean':
      return fc.boolean();
    case 'string':
      if (schema.pattern) return patterned(schema, new RegExp(schema.pattern, 'u'));
      return fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 30, 30) });
    default:
      return fc.constantFrom({}, [], 'anything', 1, null);
  }
}

/** A value the schema refuses, and why (for the failure message). */
export function invalidValue(schema: JsonSchema, narrow: Narrow, name = ''): fc.Arbitrary<{ value: unknown; why: string }> {
  const options: fc.Arbitrary<{ value: unknown; why: string }>[] = [];
  const because = (why: string) => (value: unknown) => ({ value, why: `${name}: ${why}` });
  switch (schema.type) {
    case 'object': {
      const props = Object.entries(schema.properties ?? {});
      const whole = validValue(schema, narrow, name) as fc.Arbitrary<Record<string, unknown>>;
      options.push(fc.constantFrom('text', 7, true, null, []).map(because('not an object')));
      for (const key of schema.required ?? []) {
        options.push(whole.map((o) => ({ value: Object.fromEntries(Object.entries(o).filter(([k]) => k !== key)), why: `${name}.${key}: missing` })));
      }
      for (const [key, s] of props) {
        if (s.type === undefined && s.enum === undefined) continue; // any value (a sync action's body)
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
      if (schema.enum) options.push(fc.integer({ min: 1, max: 1_000_000 }).filter((n) => !schema.enum!.includes(n)).map(because('not one of the enum')));
      if (schema.minimum !== undefined) options.push(fc.integer({ min: schema.minimum - 1_000, max: schema.minimum - 1 }).map(because('below the minimum')));
      if (schema.maximum !== undefined) options.push(fc.integer({ min: schema.maximum + 1, max: schema.maximum + 1_000 }).map(because('above the maximum')));
      if (typeof schema.not?.const === 'number') options.push(fc.constant(schema.not.const).map(because('the excluded value')));
      break;
    case 'boolean':
      options.push(fc.constantFrom('true', 1, null).map(because('not a boolean')));
      break;
    case 'string': {
      options.push(fc.constantFrom(5, true, null, {}).map(because('not text')));
      if (schema.enum) options.push(fc.string().filter((s) => !schema.enum!.includes(s)).map(because('not one of the enum')));
      if ((schema.minLength ?? 0) > 0) options.push(fc.constant('x'.repeat(schema.minLength! - 1)).map(because('too short')));
      if (schema.maxLength !== undefined) options.push(fc.constant('a'.repeat(schema.maxLength + 1)).map(because('too long')));
      if (schema.pattern) {
        const re = new RegExp(schema.pattern, 'u');
        // Blanks too: a pattern that asks for "something besides spaces" refuses almost nothing else.
        const texts = fc.oneof(textOf(30), fc.constantFrom(' ', '   ', '\t', ' \n '));
        options.push(texts.filter((s) => !re.test(s) && lengthOk(schema, s)).map(because('does not match the pattern')));
      }
      break;
    }
    default:
      break;
  }
  if (options.length === 0) throw new Error(`${name}: no way to make a value this schema refuses`);
  return fc.oneof(...options);
}
