/** Trimmed, 1–20 graphemes, no control characters; bidi overrides and isolates count as such: they let a name display as another. */
export const NICKNAME_MAX = 20;

// Cc (C0/C1 controls), bidi embeddings/overrides/isolates, line/paragraph separators.
const FORBIDDEN = /[\p{Cc}\u202A-\u202E\u2066-\u2069\u2028\u2029]/u;

let segmenter: Intl.Segmenter | undefined;

export function graphemeLength(text: string): number {
  segmenter ??= new Intl.Segmenter('en', { granularity: 'grapheme' });
  let count = 0;
  for (const _ of segmenter.segment(text)) count++;
  return count;
}

export type NicknameResult = { ok: true; value: string } | { ok: false; message: string };

export function checkNickname(input: string): NicknameResult {
  const value = input.trim();
  if (!value.isWellFormed()) return { ok: false, message: 'Nickname contains invalid characters' };
  if (FORBIDDEN.test(value)) return { ok: false, message: 'Nickname cannot contain control characters' };
  const length = graphemeLength(value);
  if (length < 1) return { ok: false, message: 'Nickname is required' };
  if (length > NICKNAME_MAX) return { ok: false, message: `Nickname must be at most ${NICKNAME_MAX} characters` };
  return { ok: true, value };
}

/**
 * The rule as a JSON Schema `pattern`, never looser than the server: a cluster here never holds more than one grapheme,
 * so where Unicode joins more (Hangul jamo, a ZWJ before a mark) it counts more (ADR 013). Alternatives start on disjoint
 * characters, so a validator never backtracks far.
 */
const RI = String.raw`\u{1F1E6}-\u{1F1FF}`;
const EXT = String.raw`[\p{M}\u{1F3FB}-\u{1F3FF}\u{E0020}-\u{E007F}]`;
const BASE = String.raw`[^\p{M}\p{Cf}\s\p{Extended_Pictographic}${RI}\p{Cc}\p{Cs}\u202A-\u202E\u2066-\u2069\u2028\u2029]`;
const EMOJI = String.raw`\p{Extended_Pictographic}${EXT}*`;
const CLUSTER = String.raw`(?:[${RI}]{2}|[${RI}](?![${RI}])|${EMOJI}(?:\u200D${EMOJI})*|${BASE}${EXT}*\u200D?)`;
const INNER = String.raw`(?:${CLUSTER}|[^\S\p{Cc}\p{Cf}\u2028\u2029]${EXT}*)`;
const FIRST = String.raw`(?:${CLUSTER}|[\p{M}\u200D]${EXT}*)`;
export const NICKNAME_PATTERN = String.raw`^\s*${FIRST}(?:${INNER}{0,18}${CLUSTER})?\s*$`;
