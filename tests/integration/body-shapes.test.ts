/**
 * A JSON body that is not a JSON object (an array, a number, text, true, null) is
 * 422 VALIDATION_FAILED with `details.fields.body`, on every operation the document
 * gives a body, and changes nothing (docs/decisions/013-tests-that-catch.md). One rule
 * for all: malformed JSON or another content type is 400 BAD_REQUEST; well-formed
 * JSON of the wrong shape is 422, like any other body that does not fit.
 */
import { describe, expect, it } from 'vitest';
import { freshPhone } from './harness';
import { makeOperatorHarness, operator } from './operators';
import { openApiDocument } from '../../worker/contract/document';

// Operators' routes too (the development issuer is configured; an admin signs those requests).
const h = makeOperatorHarness();
const NOT_OBJECTS = ['[]', '[{}]', '1.5', '7', '"text"', 'true', 'null'];

type Doc = { paths: Record<string, Record<string, { requestBody?: unknown }>> };

describe('a body that is not a JSON object', () => {
  it('is 422 VALIDATION_FAILED on every operation that takes a body', async () => {
    const u = await h.signUp();
    const admin = (await operator('admin', new Date(h.clock.now))).headers;
    const doc = (await openApiDocument(h.app)) as unknown as Doc;
    const withBody = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => op.requestBody !== undefined)
        .map(([method, op]) => ({ method: method.toUpperCase(), path: path.replace(/\{[^}]+\}/g, crypto.randomUUID()), op })),
    );
    expect(withBody.length).toBeGreaterThanOrEqual(14);
    for (const { method, path } of withBody) {
      for (const body of NOT_OBJECTS) {
        const res = await h.call(method, path, { ...(path.startsWith('/api/admin/') ? { headers: admin } : { token: u.token }), body });
        expect([res.status, res.json.error?.code, res.json.error?.details?.fields], `${method} ${path} ${body}`).toEqual([422, 'VALIDATION_FAILED', { body: 'Must be a JSON object' }]);
      }
    }
  });

  it('changes nothing: PATCH /api/beneficiaries/:id with [] leaves the beneficiary as it was', async () => {
    const u = await h.signUp();
    const b = await h.addBeneficiary(u.token, { phone: freshPhone() });
    h.clock.now = new Date(h.clock.now.getTime() + 60_000);
    for (const body of NOT_OBJECTS) expect((await h.call('PATCH', `/api/beneficiaries/${b.id}`, { token: u.token, body })).status).toBe(422);
    expect((await h.call('GET', '/api/beneficiaries', { token: u.token })).json.items).toEqual([b]);
  });

  it('POST /api/auth/passkey/options: {} is the body, [] and 1.5 are not', async () => {
    expect((await h.call('POST', '/api/auth/passkey/options', { body: {}, key: false })).status).toBe(200);
    for (const body of ['[]', '1.5']) expect((await h.call('POST', '/api/auth/passkey/options', { body, key: false })).status).toBe(422);
  });

  it('malformed JSON stays 400 BAD_REQUEST', async () => {
    const res = await h.call('POST', '/api/auth/passkey/options', { body: '[', key: false });
    expect([res.status, res.json.error.code]).toEqual([400, 'BAD_REQUEST']);
  });
});
