// Lighthouse (mobile emulation, simulated throttling, the package's defaults) on
// the sign-in page and on the home screen of a seeded, signed-in account, in English and in Arabic.
import lighthouse from 'lighthouse';
import { launchProfile } from './browser.mjs';

const PORT = 9333;

/**
 * Per language: a fresh profile whose remembered language (localStorage, read by
 * app/boot-lang.js, inline in index.html, before the first paint) is `lang`; sign-in while signed out, then Home
 * after signing in. Lighthouse keeps localStorage, IndexedDB and cookies between
 * runs (it clears caches and service workers only).
 */
export async function measureLighthouse(base, user, languages = ['en', 'ar']) {
  const results = {};
  for (const lang of languages) {
    const context = await launchProfile(PORT);
    try {
      const page = await context.newPage();
      await page.goto(`${base}/signin`);
      await page.evaluate((l) => localStorage.setItem('topup:locale', l), lang);
      results[`sign-in ${lang}`] = await audit(`${base}/signin`, `sign-in ${lang}`);
      await signInAnyLanguage(page, base, user);
      results[`home ${lang}`] = await audit(`${base}/`, `home ${lang}`);
    } finally {
      await context.close();
    }
  }
  return results;
}

/** The sign-in form by its input types (its labels are in the language being measured). */
async function signInAnyLanguage(page, base, user) {
  await page.goto(`${base}/signin`);
  await page.waitForFunction(() => document.title !== 'TopUp');
  await page.locator('main input[type=email]').fill(user.email);
  await page.locator('main input[type=password]').fill(user.password);
  await page.locator('main button[type=submit]').click();
  await page.locator('main ul').first().waitFor({ timeout: 30_000 });
}

/**
 * Two Lighthouse runs per page: performance alone, then accessibility and best
 * practices. Together in one run, the other categories' gatherers (the bf-cache test
 * navigates away and back; axe and the console and issues collectors run in the page)
 * put a ~400 ms "Unattributable" task into the performance trace in about half the
 * runs, so the page's TBT said more about Lighthouse than about the page.
 */
async function audit(url, name) {
  const run = (onlyCategories) => lighthouse(url, { port: PORT, output: 'json', logLevel: 'error', onlyCategories }).then((r) => r.lhr);
  const lhr = await run(['performance']);
  const other = await run(['accessibility', 'best-practices']);
  if (process.env.BENCH_LH_DETAIL) printDetail(name, lhr);
  const score = (report, id) => Math.round((report.categories[id]?.score ?? 0) * 100);
  return {
    url: lhr.finalDisplayedUrl,
    performance: score(lhr, 'performance'),
    accessibility: score(other, 'accessibility'),
    best_practices: score(other, 'best-practices'),
    lcp_ms: Math.round(lhr.audits['largest-contentful-paint']?.numericValue ?? 0),
    tbt_ms: Math.round(lhr.audits['total-blocking-time']?.numericValue ?? 0),
    cls: Number((lhr.audits['cumulative-layout-shift']?.numericValue ?? 0).toFixed(3)),
    // A run Lighthouse could not measure (e.g. NO_FCP on a busy machine) says so instead of scoring 0 silently.
    runtime_error: lhr.runtimeError?.code ?? other.runtimeError?.code ?? null,
    failed_audits: [...Object.values(lhr.audits), ...Object.values(other.audits)]
      .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === 'binary')
      .map((a) => a.id),
  };
}

// BENCH_LH_DETAIL=1: what the main thread and the network did, for investigating a score.
function printDetail(name, lhr) {
  const items = (id) => lhr.audits[id]?.details?.items ?? [];
  console.log(`\n--- ${name}: ${Math.round(lhr.categories.performance.score * 100)}`);
  for (const id of ['first-contentful-paint', 'largest-contentful-paint', 'speed-index', 'total-blocking-time', 'interactive']) console.log(id, Math.round(lhr.audits[id]?.numericValue ?? 0));
  console.log('long tasks:', items('long-tasks').map((t) => `${t.url?.split('/').pop()} @${Math.round(t.startTime)} ${Math.round(t.duration)}ms`).join(' | '));
  console.log('bootup:', items('bootup-time').map((t) => `${t.url?.split('/').pop()} ${Math.round(t.total)}/${Math.round(t.scripting)}`).join(' | '));
  console.log('main thread:', items('mainthread-work-breakdown').map((t) => `${t.group} ${Math.round(t.duration)}`).join(' | '));
  const lcp = lhr.audits['largest-contentful-paint-element']?.details?.items ?? [];
  console.log('lcp element:', JSON.stringify(lcp).slice(0, 600));
  console.log('requests:', items('network-requests').map((r) => `${r.url.replace(/^https?:\/\/[^/]+/, '')} ${Math.round(r.networkRequestTime)}-${Math.round(r.networkEndTime)} ${r.transferSize}`).join('\n  '));
}
