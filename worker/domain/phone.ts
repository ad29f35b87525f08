/** UAE mobile numbers ("5" and 8 digits after 971) in the usual forms, spaces, dashes, dots and brackets ignored; stored in E.164. */
export type Operator = 'etisalat' | 'du';

const IGNORED = /[\s\-().]/g;
const FORMS = [/^\+971(5\d{8})$/, /^00971(5\d{8})$/, /^971(5\d{8})$/, /^0(5\d{8})$/, /^(5\d{8})$/];

/** The E.164 form (+9715XXXXXXXX) or null when it is not a UAE mobile number. */
export function normalizeUaeMobile(input: string): string | null {
  if (input.length > 40) return null;
  const compact = input.replace(IGNORED, '');
  for (const form of FORMS) {
    const match = form.exec(compact);
    if (match?.[1]) return `+971${match[1]}`;
  }
  return null;
}

// Prefixes as allocated; numbers can be ported, so this is only a hint.
const OPERATOR_BY_PREFIX: Record<string, Operator> = {
  '50': 'etisalat',
  '54': 'etisalat',
  '56': 'etisalat',
  '52': 'du',
  '55': 'du',
  '58': 'du',
};

/** The likely network of an E.164 UAE mobile number, or null when unknown. */
export function likelyOperator(e164: string): Operator | null {
  return OPERATOR_BY_PREFIX[e164.slice(4, 6)] ?? null;
}

// The forms above as a JSON Schema `pattern` (the OpenAPI document): ignored characters anywhere.
const I = String.raw`[\s\-().]*`;
export const PHONE_PATTERN = String.raw`^${I}(?:\+${I}9${I}7${I}1${I}|0${I}0${I}9${I}7${I}1${I}|9${I}7${I}1${I}|0${I})?5(?:${I}\d){8}${I}$`;
