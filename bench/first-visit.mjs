// A first visit's JavaScript until the network is idle (issue 19: ≤ 40 KB gzip in each
// language): a fresh browser opens sign-in, and every script response is counted by its
// bytes on the wire (CDP encodedDataLength; the server gzips) until nothing has been in
// flight for 2 s. Nothing is typed or clicked: what loads at the first interaction is not counted.
import { chromium } from 'playwright-core';
import { CHROMIUM, FLAGS, requireChromium } from './browser.mjs';

const QUIET_MS = 2000;

async function jsUntilIdle(base, lang) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
  try {
    const context = await browser.newContext({ viewport: { width: 412, height: 823 } });
    const page = await context.newPage();
    await page.addInitScript((chosen) => localStorage.setItem('topup:locale', chosen), lang);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    const requests = new Map();
    let inFlight = 0;
    let last = Date.now();
    const settle = () => {
      inFlight--;
      last = Date.now();
    };
    cdp.on('Network.requestWillBeSent', (e) => {
      inFlight++;
      last = Date.now();
      requests.set(e.requestId, { url: e.request.url, type: e.type, bytes: 0 });
    });
    cdp.on('Network.responseReceived', (e) => {
      const r = requests.get(e.requestId);
      if (r) r.type = e.type;
    });
    cdp.on('Network.loadingFinished', (e) => {
      const r = requests.get(e.requestId);
      if (r) r.bytes = e.encodedDataLength;
      settle();
    });
    cdp.on('Network.loadingFailed', settle);
    await page.goto(`${base}/`);
    while (inFlight > 0 || Date.now() - last < QUIET_MS) await new Promise((resolve) => setTimeout(resolve, 100));
    const scripts = [...requests.values()].filter((r) => r.type === 'Script');
    return { js_gzip_bytes: scripts.reduce((n, r) => n + r.bytes, 0), files: scripts.map((r) => ({ path: new URL(r.url).pathname, bytes: r.bytes })) };
  } finally {
    await browser.close();
  }
}

export async function measureFirstVisit(base) {
  requireChromium();
  return { en: await jsUntilIdle(base, 'en'), ar: await jsUntilIdle(base, 'ar') };
}
