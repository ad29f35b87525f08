import { createSignal } from 'solid-js';
import { ChangePassword } from './ChangePassword';
import { Passkeys } from './Passkeys';
import { Sessions } from './Sessions';

/** Account's security cards: passkeys, where one is signed in, the password (a change ends other sessions: the list follows). */
export function AccountSecurity() {
  const [version, setVersion] = createSignal(0);
  return (
    <>
      <Passkeys />
      <Sessions version={version()} />
      <ChangePassword onChanged={() => setVersion((v) => v + 1)} />
    </>
  );
}
