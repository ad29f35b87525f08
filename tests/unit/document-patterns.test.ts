/**
 * The OpenAPI document's patterns against the rules they describe (ADR 013): never
 * looser than the server (a string the pattern takes, the rule takes), and exactly as
 * strict on the text people type (letters, Arabic, digits, spaces, emoji as keyboards
 * send them). The integration fuzz (tests/integration/openapi-fuzz.test.ts) then holds
 * every operation of the served document to the server's answers.
 */
import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { checkNickname, NICKNAME_PATTERN } from '../../worker/domain/nickname';
import { normalizeUaeMobile, PHONE_PATTERN } from '../../worker/domain/phone';
import { EMAIL_PATTERN, ISO_TIMESTAMP_PATTERN, trimmedTextPattern } from '../../worker/middleware/exchange';
import { acceptableEndpoint, ENDPOINT_PATTERN } from '../../worker/domain/push';

const RUNS = { numRuns: 3000, seed: 13 };
const matches = (pattern: string) => {
  const re = new RegExp(pattern, 'u');
  return (s: string) => re.test(s);
};
const textOf = (units: string[], length = 30) => fc.array(fc.constantFrom(...units), { maxLength: length }).map((parts) => parts.join(''));

// Typed text: whole clusters as keyboards send them.
const TYPED = ['a', 'Z', 'é', 'e\u0301', 'ب', 'ي', '٣', '7', ' ', '  ', '\u00A0', '👍', '👍🏽', '👨‍👩‍👧', '🇦🇪', '1️⃣', '-', "'", '.'];
// Everything else the rule has an opinion on: controls, bidi overrides, lone marks, ZWJ, surrogates, separators.
const HOSTILE = [...TYPED, '\u0007', '\t', '\n', '\u202E', '\u2066', '\u2028', '\u200B', '\uFEFF', '\u0301', '\u200D', '\uD83D', '\u00AD', '\u1100', '\u1161', '🇦', '\u{E0061}'];

describe('nickname: NICKNAME_PATTERN and checkNickname', () => {
  const pattern = matches(NICKNAME_PATTERN);
  it('the pattern is never looser than the rule', () => {
    fc.assert(
      fc.property(textOf(HOSTILE, 40), (s) => {
        if (pattern(s)) expect(checkNickname(s).ok, JSON.stringify(s)).toBe(true);
      }),
      RUNS,
    );
  });

  it('on typed text the pattern and the rule agree', () => {
    fc.assert(
      fc.property(textOf(TYPED, 26), (s) => {
        expect(pattern(s), JSON.stringify(s)).toBe(checkNickname(s).ok);
      }),
      RUNS,
    );
  });

  it('knows the contract’s examples', () => {
    expect(pattern('👨‍👩‍👧'.repeat(20))).toBe(true);
    expect(pattern('👨‍👩‍👧'.repeat(21))).toBe(false);
    expect(pattern('  Mum  ')).toBe(true);
    expect(pattern('   ')).toBe(false);
    expect(pattern('a\u0007b')).toBe(false);
    expect(pattern('a\u202Eb')).toBe(false);
  });
});

describe('phone: PHONE_PATTERN and normalizeUaeMobile', () => {
  const pattern = matches(PHONE_PATTERN);
  it('agree on digits, plus signs and every ignored character', () => {
    const units = ['0', '5', '9', '7', '1', '2', '3', '+', ' ', '-', '(', ')', '.', '\t', '/'];
    const shaped = fc.oneof(
      textOf(units, 20),
      fc.tuple(fc.constantFrom('', '0', '+971', '971', '00971', '+ 971', '(0)'), textOf(['5'], 1), fc.array(fc.constantFrom(...'0123456789 -'), { minLength: 7, maxLength: 11 })).map(([a, b, c]) => a + b + c.join('')),
    );
    fc.assert(
      fc.property(shaped, (s) => {
        expect(pattern(s), JSON.stringify(s)).toBe(normalizeUaeMobile(s) !== null);
      }),
      RUNS,
    );
  });
});

describe('email: EMAIL_PATTERN and the sign-up check', () => {
  const server = v.pipe(v.string(), v.trim(), v.toLowerCase(), v.email());
  const pattern = matches(EMAIL_PATTERN);
  it('agree, 0@com included', () => {
    const units = ['a', 'B', '0', '_', '+', '-', '.', '@', 'com', 'ae', ' ', 'K', 'é'];
    fc.assert(
      fc.property(textOf(units, 16), (s) => {
        expect(pattern(s), JSON.stringify(s)).toBe(v.is(server, s));
      }),
      RUNS,
    );
    expect(pattern('0@com')).toBe(false);
    expect(pattern(' Someone+x@Example.AE ')).toBe(true);
  });
});

describe('trimmed text: trimmedTextPattern and trim + non-empty + no controls', () => {
  it('agree', () => {
    const pattern = matches(trimmedTextPattern());
    const server = (s: string) => s.trim().length > 0 && /^[^\p{Cc}]*$/u.test(s.trim());
    fc.assert(
      fc.property(textOf(HOSTILE, 12), (s) => {
        expect(pattern(s), JSON.stringify(s)).toBe(server(s));
      }),
      RUNS,
    );
  });
});

describe('timestamps: ISO_TIMESTAMP_PATTERN is valibot’s', () => {
  it('agree', () => {
    const pattern = matches(ISO_TIMESTAMP_PATTERN);
    const units = ['2026', '-', '12', '01', '31', '13', 'T', ' ', '09', ':', '00', '60', '.', '123', 'Z', '+04', '+04:00', 'z'];
    fc.assert(
      fc.property(textOf(units, 12), (s) => {
        expect(pattern(s), JSON.stringify(s)).toBe(v.is(v.pipe(v.string(), v.isoTimestamp()), s));
      }),
      RUNS,
    );
  });
});

describe('push endpoints: ENDPOINT_PATTERN and acceptableEndpoint', () => {
  const pattern = matches(ENDPOINT_PATTERN);
  it('the pattern is never looser than the rule', () => {
    let taken = 0;
    // Mostly what the pattern takes, with everything the URL parser has an opinion on mixed in.
    const label = fc.oneof(
      { arbitrary: fc.constantFrom('push', 'a', 'z9', 'web-push', 'fcm'), weight: 8 },
      { arbitrary: fc.constantFrom('0', '255', '0x1', 'xn--a', 'A', '-a', 'é', '', 'a b'), weight: 1 },
    );
    const host = fc.array(label, { minLength: 1, maxLength: 4 }).map((labels) => labels.join('.'));
    const port = fc.constantFrom('', '', ':1', ':443', ':8443', ':9999', ':0', ':99999', ':');
    const rest = fc.oneof(
      fc.constant(''),
      textOf(['/', 'a', '_', '~', '?', '=', '&', '%2b', ':', '@', '-', '.'], 8).map((t) => `/${t}`),
      textOf(['/', 'a', '?', '%', '%zz', '#', '\\', ' ', '[', 'é', '\t'], 6),
    );
    const endpoints = fc.tuple(fc.constantFrom('https://', 'https://', 'http://', 'HTTPS://', ''), host, port, rest).map((parts) => parts.join(''));
    fc.assert(
      fc.property(endpoints, (s) => {
        if (!pattern(s)) return;
        taken++;
        expect(acceptableEndpoint(s, false), JSON.stringify(s)).toBe(true);
      }),
      RUNS,
    );
    // Not a property of nothing: the pattern took a good part of what was generated.
    expect(taken).toBeGreaterThan(300);
  });

  it('takes the push services browsers subscribe to, refuses what the rule refuses', () => {
    for (const endpoint of [
      'https://fcm.googleapis.com/fcm/send/cXyZ:APA91bH-k_0Q',
      'https://updates.push.services.mozilla.com/wpush/v2/gAAAAABl_x-Y=',
      'https://web.push.apple.com/QGx4mZ-0_a',
      'https://wns2-by3p.notify.windows.com/w/?token=BQYAAAD%2bk%3d',
      'https://push.example:8443/p/1',
    ]) expect([endpoint, pattern(endpoint), acceptableEndpoint(endpoint, false)]).toEqual([endpoint, true, true]);
    for (const endpoint of ['http://push.example/p', 'https://user:pw@push.example/p', 'https://1.2.3.999/p', 'https://push.example:99999/p', 'https://', 'push.example/p'])
      expect([endpoint, pattern(endpoint)]).toEqual([endpoint, false]);
  });
});
