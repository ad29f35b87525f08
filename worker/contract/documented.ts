import * as v from 'valibot';

/**
 * What the OpenAPI document says of a value, where the JSON Schema derived from its
 * checks would be looser than they are (a v.check, a transform): keys given here replace
 * the derived ones (`undefined` drops one). The document must be exactly as strict as
 * the server: tests/integration/openapi-fuzz.test.ts holds the two together.
 */
export function documentedAs<TInput>(jsonSchema: Record<string, unknown>): v.MetadataAction<TInput, Record<string, unknown>> {
  return v.metadata<TInput, Record<string, unknown>>(jsonSchema);
}
