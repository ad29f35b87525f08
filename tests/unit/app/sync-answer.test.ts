/**
 * A queued action's answer is read once, in app/lib/api.ts: the transport hands on what came
 * (status, JSON body, Retry-After), `readSync` reads it, and everything after it (the flush,
 * the folds, the receipts) takes typed values. These hold the reading to what the flush did
 * before it had one place: the same outcomes, reasons and codes.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readAnswer, readSync, syncTransport } from '../../../app/lib/api';
import { beneficiary, errorAnswer, topupAnswer, user } from './fixtures';

afterEach(() => vi.unstubAllGlobals());

describe('reading a sync answer', () => {
  it('gives every action its reply: status, refusal code and words, the accepted parts typed', () => {
    const made = topupAnswer('b', 2000, 'completed', 7900);
    const read = readSync({
      kind: 'http',
      status: 200,
      body: { results: [{ key: 'k1', status: 201, body: made }, { key: 'k2', status: 409, body: errorAnswer('MONTHLY_LIMIT', 'Monthly limit reached') }, { status: 201 }] },
      retryAfter: null,
    });
    expect(read).toEqual({
      kind: 'replies',
      replies: [
        { key: 'k1', status: 201, code: null, message: null, answer: { topup: made.topup, balance: 7900 } },
        { key: 'k2', status: 409, code: 'MONTHLY_LIMIT', message: 'Monthly limit reached', answer: {} },
      ],
    });
  });

  it('says when the whole request was refused, with the words every call reads, or its status when it names none', () => {
    expect(readSync({ kind: 'http', status: 403, body: errorAnswer('USER_MISMATCH', 'Not yours'), retryAfter: null })).toEqual({
      kind: 'refused',
      status: 403,
      code: 'USER_MISMATCH',
      reason: 'Not yours',
      retryAfter: null,
    });
    expect(readSync({ kind: 'http', status: 503, body: null, retryAfter: 7 })).toMatchObject({ kind: 'refused', code: 'SERVER', reason: 'The server answered 503', retryAfter: 7 });
    expect(readSync({ kind: 'http', status: 200, body: { nothing: true }, retryAfter: null })).toMatchObject({ kind: 'refused', code: null, reason: 'HTTP 200' });
    expect(readSync({ kind: 'network', message: 'No connection' })).toEqual({ kind: 'offline', message: 'No connection' });
  });

  it('keeps each part of an accepted answer only as the contract types it', () => {
    const mum = beneficiary('b', 'Mum');
    expect(readAnswer({ beneficiary: mum, user: user('u'), balance: 100 })).toEqual({ beneficiary: mum, user: user('u'), balance: 100 });
    expect(readAnswer({ beneficiary: { id: 'b' }, user: null, balance: '100', topup: { amount: 1.5, beneficiary_id: 'b' }, schedule: { id: 's' } })).toEqual({});
    expect(readAnswer(null)).toEqual({});
  });
});

describe('the sync transport', () => {
  const send = async (answer: () => Response | Promise<Response>) => {
    vi.stubGlobal('fetch', async () => answer());
    return syncTransport([{ key: 'k', method: 'POST', path: '/api/wallet/deposits', body: { amount: 100 } }], 'u');
  };

  it('hands on what came, unread: the status, the JSON body, Retry-After on a refusal', async () => {
    const json = { 'Content-Type': 'application/json' };
    expect(await send(() => new Response(JSON.stringify({ results: [] }), { status: 200, headers: json }))).toEqual({ kind: 'http', status: 200, body: { results: [] }, retryAfter: null });
    expect(await send(() => new Response(JSON.stringify(errorAnswer('RATE_LIMITED')), { status: 429, headers: { ...json, 'Retry-After': '30' } }))).toEqual({
      kind: 'http',
      status: 429,
      body: errorAnswer('RATE_LIMITED'),
      retryAfter: 30,
    });
    expect(await send(() => new Response('<html>busy</html>', { status: 502 }))).toEqual({ kind: 'http', status: 502, body: null, retryAfter: null });
  });

  it('is offline when the request or its accepted body does not arrive whole', async () => {
    expect(await send(() => Promise.reject(new TypeError('Failed to fetch')))).toEqual({ kind: 'network', message: 'No connection' });
    expect(await send(() => new Response('{"results": [', { status: 200, headers: { 'Content-Type': 'application/json' } }))).toEqual({ kind: 'network', message: 'No connection' });
  });
});
