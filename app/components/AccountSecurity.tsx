import { ChangePassword } from './ChangePassword';
import { Passkeys } from './Passkeys';
import { Sessions } from './Sessions';

/** Account's security cards: passkeys, where one is signed in, the password (a change ends other sessions: the list follows). */
export function AccountSecurity() {
  let refreshSessions: (() => void) | undefined;
  return (
    <>
      <Passkeys />
      <Sessions ref={(refresh) => (refreshSessions = refresh)} />
      <ChangePassword onChanged={() => refreshSessions?.()} />
    </>
  );
}
