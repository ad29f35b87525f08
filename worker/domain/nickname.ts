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
