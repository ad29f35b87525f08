// Lighthouse (mobile emulation, simulated throttling, the package's defaults) on
// the sign-in page and on the home screen of a seeded, signed-in account.
import lighthouse from 'lighthouse';
import { launchProfile, signIn } from './browser.mjs';

const PORT = 9333;

export async function measureLighthouse(base, user) {
  const context = await launchProfile(PORT);
  try {
    const results = {};
    for (const [name, path, needsSession] of [
      ['sign-in', '/signin', false],
      ['home', '/', true],
    ]) {
      if (needsSession) await signIn(await context.newPage(), base, user);
      const run = await lighthouse(`${base}${path}`, {
        port: PORT,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance', 'accessibility', 'best-practices'],
      });
      const lhr = run.lhr;
      const score = (id) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
      results[name] = {
        url: lhr.finalDisplayedUrl,
        performance: score('performance'),
        accessibility: score('accessibility'),
        best_practices: score('best-practices'),
        lcp_ms: Math.round(lhr.audits['largest-contentful-paint']?.numericValue ?? 0),
        tbt_ms: Math.round(lhr.audits['total-blocking-time']?.numericValue ?? 0),
        cls: Number((lhr.audits['cumulative-layout-shift']?.numericValue ?? 0).toFixed(3)),
        failed_audits: Object.values(lhr.audits)
          .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === 'binary')
          .map((a) => a.id),
      };
    }
    return results;
  } finally {
    await context.close();
  }
}
