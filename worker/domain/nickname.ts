/**
 * A nickname is trimmed, 1–20 characters as a person counts them (grapheme
 * clusters), and contains no control characters. Bidirectional overrides and
 * isolates count as control characters: they let a name display as something else.
 */
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
 * The rule above as a JSON Schema `pattern` (the OpenAPI document, ECMA-262 with `u`):
 * surrounding white space, then 1–20 clusters, none of them forbidden. A cluster here
 * never holds more than one of Intl.Segmenter's graphemes, so the document is never
 * looser than the server: a character with its marks, emoji modifiers and tags; emoji
 * joined by ZWJ; a flag; a leading lone mark. Where Unicode joins more (Hangul jamo, a
 * ZWJ before a mark) the pattern counts more (ADR 013). Its alternatives start on
 * disjoint characters, so a validator never backtracks far.
 */
const RI = String.raw`\u{1F1E6}-\u{1F1FF}`;
const EXT = String.raw`[\p{M}\u{1F3FB}-\u{1F3FF}\u{E0020}-\u{E007F}]`;
const BASE = String.raw`[^\p{M}\p{Cf}\s\p{Extended_Pictographic}${RI}\p{Cc}\p{Cs}\u202A-\u202E\u2066-\u2069\u2028\u2029]`;
const EMOJI = String.raw`\p{Extended_Pictographic}${EXT}*`;
const CLUSTER = String.raw`(?:[${RI}]{2}|[${RI}](?![${RI}])|${EMOJI}(?:\u200D${EMOJI})*|${BASE}${EXT}*\u200D?)`;
const INNER = String.raw`(?:${CLUSTER}|[^\S\p{Cc}\p{Cf}\u2028\u2029]${EXT}*)`;
const FIRST = String.raw`(?:${CLUSTER}|[\p{M}\u200D]${EXT}*)`;
export const NICKNAME_PATTERN = String.raw`^\s*${FIRST}(?:${INNER}{0,18}${CLUSTER})?\s*$`;
