/** Read synchronously, before IndexedDB opens: "someone may be signed in" (no user data), so a first visit paints sign-in at once. */
const HINT = 'topup:maybe-signed-in';
/** The top of Home as it last was (first-paint/home-shot.ts): one person's data, forgotten whenever the session changes. */
export const HOME_SHOT_KEY = 'topup:home-shot';

export function setHint(on: boolean): void {
  try {
    localStorage.removeItem(HOME_SHOT_KEY);
    if (on) localStorage.setItem(HINT, '1');
    else localStorage.removeItem(HINT);
  } catch {
    // no localStorage (service worker, privacy modes): IndexedDB stays the truth
  }
}

export function maybeSignedIn(): boolean {
  try {
    return localStorage.getItem(HINT) === '1';
  } catch {
    return true;
  }
}
