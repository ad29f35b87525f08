// Offline start: navigation → beneficiaries list rendered from IndexedDB with the
// network off (service worker serves the shell). Replay: 100 actions queued offline,
// then the time and HTTP requests to flush them after reconnecting.
import { readFileSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { launchProfile, signIn } from './browser.mjs';

const gzipOf = (path) => (existsSync(join('dist', path)) ? gzipSync(readFileSync(join('dist', path)), { level: 9 }).length : 0);

/** JS and CSS the page fetched, split by whether they started before the list was on screen. */
async function loadedAssets(page) {
  const entries = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((e) => ({ path: new URL(e.name).pathname, start: e.startTime }))
      .filter((e) => /\.(js|css)$/.test(e.path) && !e.path.endsWith('/sw.js')),
  );
  const ready = await page.evaluate(() => window.__listReady);
  const sum = (list, ext) => list.filter((e) => e.path.endsWith(ext)).reduce((total, e) => total + gzipOf(e.path), 0);
  const before = entries.filter((e) => e.start <= ready);
  const after = entries.filter((e) => e.start > ready);
  return {
    before_list_js_gzip_bytes: sum(before, '.js'),
    before_list_css_gzip_bytes: sum(before, '.css'),
    after_list_js_gzip_bytes: sum(after, '.js'),
    files_before: before.map((e) => e.path),
    files_after: after.map((e) => e.path),
  };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// Records when the first beneficiary appears, measured from navigation start.
const MARK_LIST_READY = () => {
  // A list whose accessible name is "Beneficiaries" (aria-label or aria-labelledby) with an item.
  const name = (el) => (el.getAttribute('aria-label') ?? document.getElementById(el.getAttribute('aria-labelledby') ?? '')?.textContent ?? '').trim();
  const seen = () => [...document.querySelectorAll('ul, ol, [role="list"]')].some((el) => name(el) === 'Beneficiaries' && el.querySelector('li'));
  const mark = () => {
    if (!window.__listReady && seen()) window.__listReady = performance.now();
  };
  new MutationObserver(mark).observe(document, { childList: true, subtree: true });
};

async function controlled(page) {
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null && navigator.serviceWorker?.controller !== undefined, null, { timeout: 30_000 });
}

export async function measureOfflineStart(base, user, runs = 5) {
  const context = await launchProfile();
  try {
    const page = await context.newPage();
    await page.addInitScript(MARK_LIST_READY);
    await signIn(page, base, user);
    await controlled(page);
    // The first screen online: how many API requests does it make?
    const apiRequests = [];
    const onRequest = (req) => {
      const path = new URL(req.url()).pathname;
      if (path.startsWith('/api/')) apiRequests.push(path);
    };
    context.on('request', onRequest);
    await page.reload();
    await page.waitForFunction(() => window.__listReady !== undefined, null, { timeout: 30_000 });
    await page.waitForLoadState('networkidle');
    context.off('request', onRequest);
    const online = await page.evaluate(() => window.__listReady);
    const home = await loadedAssets(page);

    await context.setOffline(true);
    const samples = [];
    for (let i = 0; i < runs; i++) {
      await page.reload();
      await page.waitForFunction(() => window.__listReady !== undefined, null, { timeout: 30_000 });
      samples.push(await page.evaluate(() => window.__listReady));
    }
    await context.setOffline(false);
    return {
      first_screen_api_requests: apiRequests.length,
      first_screen_api_paths: apiRequests,
      home_assets: home,
      online_list_ms: Math.round(online),
      offline_list_ms_median: Math.round(median(samples)),
      offline_list_ms_samples: samples.map(Math.round),
    };
  } finally {
    await context.close();
  }
}

export async function measureReplay(base, user, actions = 100) {
  const context = await launchProfile();
  try {
    const page = await context.newPage();
    await signIn(page, base, user);
    await controlled(page);
    await page.goto(`${base}/beneficiaries`);
    const toggle = page.getByRole('switch', { name: 'Active' }).first();
    await toggle.waitFor();
    await context.setOffline(true);
    for (let i = 0; i < actions; i++) await toggle.click();
    const requests = [];
    let replayed = 0;
    let done;
    const allReplayed = new Promise((resolve) => (done = resolve));
    context.on('request', (req) => {
      const path = new URL(req.url()).pathname;
      if (path.startsWith('/api/')) requests.push(`${req.method()} ${path}`);
    });
    context.on('response', async (res) => {
      if (new URL(res.url()).pathname !== '/api/sync' || res.request().method() !== 'POST') return;
      const body = await res.json().catch(() => ({ results: [] }));
      replayed += body.results?.length ?? 0;
      if (replayed >= actions) done();
    });
    // Every API request from here on is part of the flush (page and service worker alike).
    const started = Date.now();
    await context.setOffline(false);
    await Promise.race([allReplayed, new Promise((_, reject) => setTimeout(() => reject(new Error(`only ${replayed} of ${actions} actions replayed in 60 s`)), 60_000))]);
    const elapsed = Date.now() - started;
    const flushRequests = requests.filter((r) => r !== 'GET /api/bootstrap');
    return { actions, flush_ms: elapsed, api_requests: flushRequests.length, sync_requests: requests.filter((r) => r === 'POST /api/sync').length, requests };
  } finally {
    await context.close();
  }
}
