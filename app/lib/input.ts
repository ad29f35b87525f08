/** What a person types, read as the shared rules (worker/domain) read it (worded here, as their messages are the API's English), and what they press. */
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

/**
 * A form's submit handler: the browser's own submit prevented, and a second press while the first
 * is still being handled ignored, so a double tap adds money, a beneficiary or a report once.
 */
export function submitOnce(handle: (event: SubmitEvent) => unknown): (event: SubmitEvent) => Promise<void> {
  let handling = false;
  return async (event) => {
    event.preventDefault();
    if (handling) return;
    handling = true;
    try {
      await handle(event);
    } finally {
      handling = false;
    }
  };
}
