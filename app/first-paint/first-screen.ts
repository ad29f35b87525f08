/**
 * index.html paints a stand-in for the first screen before any script runs: the static
 * sign-in (app/first-paint/boot-lang.js), or the top of Home as it last was (app/first-paint/boot-home.js). The app
 * renders beside it, unseen, and main.tsx puts it in the stand-in's place in one step when
 * the screen it stands for says it is drawn.
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

/**
 * Dispatched by main.tsx in the task that replaces the stand-in, just before it is removed
 * (`detail`: the stand-in's root), so the screen taking over can read what was done on it.
 */
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
 * Runs `task` once, at the person's first focus, press or key on the page (or at once if a field
 * already has focus). Not for one inside `[data-leaves-page]` (the update bar's Reload): the page
 * is about to go, and requests started then held Chromium's switch to the new version.
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

