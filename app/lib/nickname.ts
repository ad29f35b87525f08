/** The words for a nickname the shared rule (worker/domain/nickname.ts) refuses: its messages are English, for the API. */
import { checkNickname, graphemeLength, NICKNAME_MAX } from '../../worker/domain/nickname';
import { t } from '../i18n';

export function nicknameProblem(input: string): string | null {
  if (checkNickname(input).ok) return null;
  const value = input.trim();
  if (value.isWellFormed() && graphemeLength(value) < 1) return t('add.nicknameRequired');
  if (value.isWellFormed() && graphemeLength(value) > NICKNAME_MAX) return t('add.nicknameTooLong', { max: NICKNAME_MAX });
  return t('add.nicknameInvalid');
}
