/** The system Chromium, driven by playwright-core (no browser downloads here). */
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: ARGS });
}

/** A browser with a real (non-incognito) profile in `dir`: needed to ask Chromium about installability. */
export function launchPersistent(dir: string, baseURL: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(dir, {
    executablePath: chromiumPath(),
    headless: true,
    args: ARGS,
    baseURL,
    viewport: { width: 360, height: 780 },
  });
}
