import * as v from 'valibot';

/** Replaces keys of the JSON Schema derived from checks where it is looser (a v.check, a transform); openapi-fuzz.test.ts holds them together. */
export function documentedAs<TInput>(jsonSchema: Record<string, unknown>): v.MetadataAction<TInput, Record<string, unknown>> {
  return v.metadata<TInput, Record<string, unknown>>(jsonSchema);
}
