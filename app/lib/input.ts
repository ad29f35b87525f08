/** What a person types, read as the shared rules (worker/domain) read it; worded here, as their messages are the API's English. */
import { checkNickname, graphemeLength, NICKNAME_MAX } from '../../worker/domain/nickname';
import { t } from '../i18n';

const ARABIC_INDIC_ZERO = 0x0660;
const PERSIAN_ZERO = 0x06f0;

/** ٠–٩ and ۰–۹ as 0–9, "٫" as ".", "٬" as ","; everything else as typed, for the shared rules to judge (ADR 109). */
export function latinDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06f0-\u06f9\u066b\u066c]/g, (ch) => {
    const code = ch.charCodeAt(0);
    if (ch === '\u066b') return '.';
    if (ch === '\u066c') return ',';
    return String(code - (code >= PERSIAN_ZERO ? PERSIAN_ZERO : ARABIC_INDIC_ZERO));
  });
}

/** The words for a nickname the shared rule refuses. */
export function nicknameProblem(input: string): string | null {
  if (checkNickname(input).ok) return null;
  const value = input.trim();
  if (value.isWellFormed() && graphemeLength(value) < 1) return t('add.nicknameRequired');
  if (value.isWellFormed() && graphemeLength(value) > NICKNAME_MAX) return t('add.nicknameTooLong', { max: NICKNAME_MAX });
  return t('add.nicknameInvalid');
}
