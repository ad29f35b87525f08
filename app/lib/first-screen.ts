/**
 * index.html paints a stand-in for the first screen before any script runs: the static
 * sign-in (app/boot-lang.js), or the top of Home as it last was (app/boot-home.js). The app
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
