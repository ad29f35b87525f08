/**
 * index.html paints a stand-in (the static sign-in, or Home's picture: boot-lang.js, boot-home.js); the app
 * renders beside it, unseen, and main.tsx swaps it in when its screen says it is drawn (ADR 112, 113).
 */
export const SCREEN_SHOWN = 'topup:screen-shown';

/** Called from the screen's root element (a ref): after the task that draws it, the swap. */
export function screenShown(): void {
  queueMicrotask(() => dispatchEvent(new Event(SCREEN_SHOWN)));
}

/** Whether index.html painted a stand-in that the app must replace (rather than its static header alone). */
export function standInPainted(): boolean {
  return Boolean(document.getElementById('home-shot')) || document.documentElement.getAttribute('data-static') === 'signin';
}

/** Dispatched in the task that replaces the stand-in (`detail`: its root), so the screen taking over can read what was done on it. */
export const HANDOVER = 'topup:handover';

let standIn: HTMLElement | null = null;
/** main.tsx: the stand-in is being replaced (also when the screen taking over was not drawn in time). */
export function handOver(root: HTMLElement): void {
  standIn = root;
  dispatchEvent(new CustomEvent(HANDOVER, { detail: root }));
}
/** The stand-in already replaced, for a screen drawn after the swap (its fields still hold what was typed). */
export const replacedStandIn = (): HTMLElement | null => standIn;

// click too: screen readers, voice and switch access press a button with a click alone (no pointer or key first).
const INTERACTIONS = ['focusin', 'pointerdown', 'keydown', 'click'] as const;

/**
 * `task` once, at the first focus, press or key (at once if a field has focus). Not inside `[data-leaves-page]`
 * (the update bar's Reload): requests started then held Chromium's switch to the new version.
 */
export function onFirstInteraction(task: () => void): () => void {
  let done = false;
  const run = (event?: Event) => {
    if (event?.target instanceof Element && event.target.closest('[data-leaves-page]')) return;
    if (done) return;
    done = true;
    off();
    task();
  };
  const off = () => {
    for (const type of INTERACTIONS) document.removeEventListener(type, run, true);
  };
  for (const type of INTERACTIONS) document.addEventListener(type, run, true);
  if (document.activeElement instanceof HTMLInputElement) queueMicrotask(run);
  return off;
}

