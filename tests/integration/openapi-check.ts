/**
 * Every answer an integration test gets is checked against the OpenAPI document the
 * app serves: its operation (method + path template) must list the status, and the
 * JSON body must match that response's schema. An answer from a route the document
 * does not have (an unknown path, a method a path lacks) must be a 4xx in the
 * contract's error shape. A drift fails the test that produced it.
 *
 * Validation runs in workerd, so @cfworker/json-schema (an interpreter; ajv compiles
 * with `new Function`, which workerd forbids). The document is fetched from the app
 * once per test file (each file has its own module instance).
 */
import { Validator, type Schema } from '@cfworker/json-schema';

export type Seen = { method: string; path: string; status: number; contentType: string | null; text: string };

type Media = { schema?: Schema };
type Response = { $ref?: string; description?: string; content?: Record<string, Media> };
type Operation = { responses?: Record<string, Response> };
type Doc = { paths: Record<string, Record<string, Operation>>; components: { schemas?: Record<string, Schema>; responses?: Record<string, Response> } };

export type DocumentCheck = (seen: Seen) => void;

const COMPONENT_REF = /"#\/components\/schemas\//g;

function compileAgainst(doc: Doc) {
  // cfworker resolves $ref by exact URI within the schema it validates: the shared
  // component schemas travel as $defs of each schema we compile.
  const defs = JSON.parse(JSON.stringify(doc.components.schemas ?? {}).replace(COMPONENT_REF, '"#/$defs/')) as Record<string, Schema>;
  const cache = new Map<Schema, Validator>();
  return (schema: Schema): Validator => {
    let validator = cache.get(schema);
    if (!validator) {
      const rebased = JSON.parse(JSON.stringify(schema).replace(COMPONENT_REF, '"#/$defs/')) as Schema;
      validator = new Validator({ ...rebased, $defs: { ...defs, ...(rebased.$defs as Record<string, Schema> | undefined) } }, '2020-12', false);
      cache.set(schema, validator);
    }
    return validator;
  };
}

function templates(doc: Doc): { template: string; pattern: RegExp; literal: number }[] {
  return Object.keys(doc.paths)
    .map((template) => ({
      template,
      pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}/]+\}/g, '[^/]+')}$`),
      // Prefer /api/topups/options over /api/topups/{id} when both match.
      literal: template.replace(/\{[^}/]+\}/g, '').length,
    }))
    .sort((a, b) => b.literal - a.literal);
}

function describeErrors(validator: Validator, body: unknown): string | null {
  const result = validator.validate(body);
  if (result.valid) return null;
  // The deepest errors say what is wrong; the "a subschema had errors" chain above them does not.
  const useful = result.errors.filter((e) => !/subschema|had errors|did not match/i.test(e.error));
  return (useful.length > 0 ? useful : result.errors)
    .slice(0, 6)
    .map((e) => `  at ${e.instanceLocation || '#'}: ${e.error}`)
    .join('\n');
}

/** A checker for one document: throws, with what is wrong, when an answer drifts from it. */
export function documentCheck(doc: Doc): DocumentCheck {
  const compile = compileAgainst(doc);
  const paths = templates(doc);
  const errorSchema = doc.components.schemas?.Error;
  if (!errorSchema) throw new Error('The OpenAPI document has no components.schemas.Error');
  const resolve = (response: Response): Response =>
    response.$ref ? (doc.components.responses?.[response.$ref.split('/').pop() ?? ''] ?? response) : response;

  return (seen) => {
    // The path as the app saw it: dot segments resolved, query dropped (new Request() does the same).
    const path = new URL(/^https?:\/\//.test(seen.path) ? seen.path : `http://localhost${seen.path.startsWith('/') ? '' : '/'}${seen.path}`).pathname;
    const method = seen.method.toUpperCase() === 'HEAD' ? 'get' : seen.method.toLowerCase();
    const what = `${seen.method.toUpperCase()} ${path.slice(0, 120)} → ${seen.status}`;
    const body = parse(seen, what);
    const matched = paths.find((p) => p.pattern.test(path) && doc.paths[p.template]?.[method]);
    const operation = matched ? doc.paths[matched.template]?.[method] : undefined;
    if (!matched || !operation) {
      if (seen.status < 400 || seen.status >= 500) throw new Error(`${what}: the OpenAPI document has no such operation, and only a 4xx error may come from an undocumented route`);
      if (seen.method.toUpperCase() === 'HEAD') return; // a HEAD answer has no body to check
      const problem = body === undefined ? 'no body' : describeErrors(compile(errorSchema), body);
      if (problem) throw new Error(`${what} (undocumented route): the body is not the contract's error shape (components.schemas.Error):\n${problem}\nbody: ${seen.text.slice(0, 400)}`);
      return;
    }
    const where = `${seen.method.toUpperCase()} ${matched.template} → ${seen.status}`;
    const responses = operation.responses ?? {};
    const listed = responses[String(seen.status)] ?? responses[`${String(seen.status)[0]}XX`] ?? responses.default;
    if (!listed) throw new Error(`${where}: the OpenAPI document does not list this status for the operation (it lists ${Object.keys(responses).join(', ')})`);
    const response = resolve(listed);
    const media = response.content;
    if (!media || Object.keys(media).length === 0) {
      if (seen.text !== '') throw new Error(`${where}: the document says no body, the answer has one: ${seen.text.slice(0, 200)}`);
      return;
    }
    if (seen.method.toUpperCase() === 'HEAD') return;
    const type = (seen.contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    const entry = media[type];
    if (!entry) throw new Error(`${where}: answered ${type || 'no Content-Type'}, the document lists ${Object.keys(media).join(', ')}`);
    if (type !== 'application/json' || !entry.schema) return;
    const problem = describeErrors(compile(entry.schema), body);
    if (problem) throw new Error(`${where}: the body does not match the OpenAPI document:\n${problem}\nbody: ${seen.text.slice(0, 600)}`);
  };
}

function parse(seen: Seen, what: string): unknown {
  if (seen.text === '') return undefined;
  if (!/^application\/json/i.test(seen.contentType ?? '')) return seen.text;
  try {
    return JSON.parse(seen.text) as unknown;
  } catch {
    throw new Error(`${what}: says application/json but the body is not JSON: ${seen.text.slice(0, 200)}`);
  }
}

let loaded: Promise<DocumentCheck> | undefined;

/** The checker for the document the app serves at /api/openapi.json (fetched once per test file). */
export function checkerFrom(fetchDocument: () => Promise<globalThis.Response>): Promise<DocumentCheck> {
  loaded ??= (async () => {
    const res = await fetchDocument();
    if (res.status !== 200) throw new Error(`GET /api/openapi.json answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
    return documentCheck((await res.json()) as Doc);
  })();
  return loaded;
}

/** Checks a Response a test got without the harness's `call`; the Response stays readable. */
export async function checkResponse(check: DocumentCheck, method: string, path: string, res: globalThis.Response): Promise<globalThis.Response> {
  const text = await res.clone().text();
  check({ method, path, status: res.status, contentType: res.headers.get('Content-Type'), text });
  return res;
}
