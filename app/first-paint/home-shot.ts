/**
 * Home down to the balance card as it last was, for index.html to paint before any script (boot-home.js,
 * ADR 112); forgotten whenever the session changes, so it never shows one person's Home to another.
 */
import { HOME_SHOT_KEY, maybeSignedIn } from '../lib/device-hint';
import { whenIdle } from '../lib/idle';

function save(home: HTMLElement): void {
  const main = home.closest('main');
  const card = home.querySelector('section[aria-labelledby="balance-title"]');
  // Never after sign-out (Home unmounts after the device has forgotten the person).
  if (!main || !card || !home.isConnected || !maybeSignedIn()) return;
  // The <main> as the app lays it out, inert and hidden from assistive technology (a picture, not the app).
  const picture = main.cloneNode(false) as HTMLElement;
  picture.id = 'home-shot';
  picture.setAttribute('inert', '');
  picture.setAttribute('aria-hidden', 'true');
  const top = picture.appendChild(home.cloneNode(false));
  for (const child of Array.from(home.children)) {
    top.appendChild(child.cloneNode(true));
    if (child === card) break;
  }
  // The CSP refuses style attributes in markup (a bar's width): boot-home.js applies them through the CSSOM.
  for (const styled of Array.from(picture.querySelectorAll('[style]'))) {
    styled.setAttribute('data-style', styled.getAttribute('style') ?? '');
    styled.removeAttribute('style');
  }
  try {
    localStorage.setItem(HOME_SHOT_KEY, JSON.stringify({ lang: document.documentElement.lang, html: picture.outerHTML }));
  } catch {
    // storage full or unavailable: the next open paints Home from the app
  }
}

/** Keeps `home` (Home's root element) saved until the returned function is called (Home unmounts). */
export function keepHomeShot(home: HTMLElement): () => void {
  const onHide = () => {
    if (document.visibilityState === 'hidden') save(home);
  };
  const onLeave = () => save(home);
  // The first save waits for an idle moment, not the task that shows Home (a long task on a slow phone).
  const cancelFirstSave = whenIdle(() => save(home), 2000, 500);
  document.addEventListener('visibilitychange', onHide);
  window.addEventListener('pagehide', onLeave);
  return () => {
    cancelFirstSave();
    save(home);
    document.removeEventListener('visibilitychange', onHide);
    window.removeEventListener('pagehide', onLeave);
  };
}
