/** What was done on index.html's static sign-in (typing, focus, a press) before the app's sign-in took over (ADR 110). */
import { HANDOVER, replacedStandIn } from './first-screen';
/** The static sign-in marks a press of Sign in, or of the passkey button, made before the app was there (app/first-paint/boot-lang.js). */
const PENDING_SIGN_IN = 'data-signin-pending';
const PENDING_PASSKEY = 'data-passkey-pending';

type Typed = { values: Map<string, string>; focused: string | null; pending: boolean; passkey: boolean };

const FIELDS = ['email', 'password'];

function readStaticSignIn(root: HTMLElement): Typed | null {
  if (document.documentElement.getAttribute('data-static') !== 'signin') return null;
  const form = root.querySelector<HTMLFormElement>(`.static-${document.documentElement.lang} form`) ?? root.querySelector<HTMLFormElement>('.static-signin form');
  if (!form) return null;
  const values = new Map<string, string>();
  for (const type of FIELDS) {
    const value = form.querySelector<HTMLInputElement>(`input[type=${type}]`)?.value;
    if (value) values.set(type, value);
  }
  const active = document.activeElement;
  const focused = active instanceof HTMLInputElement && form.contains(active) ? active.type : null;
  const html = document.documentElement;
  const pending = html.hasAttribute(PENDING_SIGN_IN);
  const passkey = html.hasAttribute(PENDING_PASSKEY);
  html.removeAttribute(PENDING_SIGN_IN);
  html.removeAttribute(PENDING_PASSKEY);
  return { values, focused, pending, passkey };
}


/** Gives the app's sign-in what was typed on the static one, its focus, and a press of Sign in or of the passkey button (pressed again there). */
function carryOver(typed: Typed | null, into: HTMLElement): void {
  const form = typed && into.querySelector('form');
  if (!typed || !form) return;
  for (const [type, value] of typed.values) {
    const input = form.querySelector<HTMLInputElement>(`input[type=${type}]`);
    if (!input || input.value) continue;
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }
  // The caret goes to the end of the text, where typing was going on.
  if (typed.focused) form.querySelector<HTMLInputElement>(`input[type=${typed.focused}]`)?.focus();
  if (typed.pending) form.requestSubmit();
  else if (typed.passkey) into.querySelector<HTMLButtonElement>('.passkey-slot button')?.click();
}

/** From the app's sign-in form (`into`): once, when it takes the static sign-in's place. */
export function takeOverStaticSignIn(into: () => HTMLElement | undefined): () => void {
  const take = (root: HTMLElement) => {
    const typed = readStaticSignIn(root);
    // Applied after the swap, in the same task: the app's form is on screen and can take focus.
    queueMicrotask(() => {
      const form = into();
      if (form) carryOver(typed, form);
    });
  };
  // Drawn after the swap (it waits at most a second for this screen): the static fields, detached, still hold the text.
  const replaced = replacedStandIn();
  if (replaced) {
    take(replaced);
    return () => undefined;
  }
  const onHandover = (event: Event) => take((event as CustomEvent<HTMLElement>).detail);
  addEventListener(HANDOVER, onHandover, { once: true });
  return () => removeEventListener(HANDOVER, onHandover);
}
