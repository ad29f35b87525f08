/**
 * What a test reads from an answer's body. Every answer the harness hands on was first checked
 * against the OpenAPI document for its method, path and status (harness.ts `call`), so its fields
 * are the contract's; which answer came back is the test's to assert (its status), so the type is
 * every answer of the contract merged: each field the contract gives any answer, typed as the
 * contract types it (a field name the contract has nowhere is a type error).
 */
import * as v from 'valibot';
import type * as schemas from '../../worker/contract/schemas';
import type * as adminSchemas from '../../worker/contract/admin-schemas';

/** The answers' schemas: SyncActionSchema is a request's (an action of POST /api/sync), never an answer. */
type Schemas = Omit<typeof schemas, 'SyncActionSchema'> & typeof adminSchemas;
type Output<S> = S extends v.GenericSchema<unknown, infer O> ? O : never;
/** The body of every answer the contract's schemas describe. */
type Shapes = { [K in keyof Schemas]: Output<Schemas[K]> }[keyof Schemas];

/** An object's named keys, without its index signature (a v.looseObject or v.record has one). */
type NamedKeys<T> = keyof { [K in keyof T as string extends K ? never : number extends K ? never : symbol extends K ? never : K]: unknown };
type NamedKeysOf<U> = U extends unknown ? NamedKeys<U> : never;
type FieldOf<U, K extends PropertyKey> = U extends unknown ? (K extends NamedKeys<U> ? U[K & keyof U] : never) : never;
/** What the members with a string index signature (v.looseObject, v.record) hold under other keys. */
type IndexOf<U> = U extends unknown ? (string extends keyof U ? U[string & keyof U] : never) : never;
type Objects<U> = Extract<U, object>;
type Arrays<U> = Extract<U, readonly unknown[]>;
type Records<U> = Exclude<Objects<U>, readonly unknown[]>;

/**
 * A union of shapes read as one: arrays of their merged items, objects with every named key of
 * any member (a loose object or a record adds its index signature, without hiding the named keys).
 * A field that is a list in some answers and an object in others (`transactions`: a page in
 * GET /api/bootstrap, a list in the export) reads as both.
 */
export type Merged<U> = [Objects<U>] extends [never]
  ? U
  : ([Arrays<U>] extends [never] ? unknown : Merged<Arrays<U>[number]>[]) & ([Records<U>] extends [never] ? unknown : MergedObject<Records<U>>);
type MergedObject<O> = { -readonly [K in NamedKeysOf<O>]: Merged<FieldOf<O, K>> } & ([IndexOf<O>] extends [never] ? unknown : { [key: string]: Merged<IndexOf<O>> });

type AllAnswers = Merged<Shapes>;
type SyncResult = AllAnswers['results'][number];

/**
 * The body of any answer. One field the contract leaves `unknown` is an answer itself: a sync
 * result's body is what its action's route answered, and the harness checks it against the
 * document as one (harness.ts checkSyncResults), so it is read as an answer too.
 */
export type AnswerBody = Omit<AllAnswers, 'results'> & { results: (Omit<SyncResult, 'body'> & { body: AnswerBody })[] };

const FieldMessages = v.record(v.string(), v.string());

/**
 * A VALIDATION_FAILED answer's `details.fields`: field → message (API.md). The contract types
 * `details` as a record of unknown, so this checks the shape before a test reads it.
 */
export function fieldsOf(json: AnswerBody): Record<string, string> {
  return v.parse(FieldMessages, json.error.details.fields);
}
