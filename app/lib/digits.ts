/**
 * What a person types with an Arabic or Persian keyboard, as the rules read it:
 * Arabic-Indic (٠–٩) and Persian (۰–۹) digits become 0–9, the Arabic decimal
 * separator (٫) a ".", the Arabic thousands separator (٬) a ",". Everything else
 * is left as typed, so the shared rules (worker/domain) still decide what is valid.
 * Screens show numbers in Latin digits in both languages (lib/format.ts).
 */
const ARABIC_INDIC_ZERO = 0x0660;
const PERSIAN_ZERO = 0x06f0;

export function latinDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06f0-\u06f9\u066b\u066c]/g, (ch) => {
    const code = ch.charCodeAt(0);
    if (ch === '\u066b') return '.';
    if (ch === '\u066c') return ',';
    return String(code - (code >= PERSIAN_ZERO ? PERSIAN_ZERO : ARABIC_INDIC_ZERO));
  });
}
