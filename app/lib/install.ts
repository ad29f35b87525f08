/** The browser's install offer (Chromium), kept for the "Install app" button. */
import { createSignal } from 'solid-js';

type InstallPromptEvent = Event & { prompt(): Promise<void>; userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }> };

const [offer, setOffer] = createSignal<InstallPromptEvent | null>(null);
export const installOffer = offer;

export function captureInstallPrompt(): void {
  window.addEventListener('beforeinstallprompt', (event) => {
    event.preventDefault();
    setOffer(event as InstallPromptEvent);
  });
  window.addEventListener('appinstalled', () => setOffer(null));
}

export async function install(): Promise<void> {
  const event = offer();
  if (!event) return;
  await event.prompt();
  await event.userChoice.catch(() => null);
  setOffer(null);
}
