// The readable summary of bench/results.json, each figure next to its target.
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const mark = (ok) => (ok === null || ok === undefined ? ' ' : ok ? '✔' : '✖');

export function summarize(r) {
  const lines = [`TopUp benchmarks — ${r.measured_at} (${r.machine.cores} cores, Node ${r.machine.node})`, ''];
  if (r.round_trips) {
    lines.push('D1 round trips per call (X-D1-Trace)');
    for (const row of r.round_trips) lines.push(`  ${mark(row.ok)} ${row.call.padEnd(40)} ${String(row.round_trips).padStart(2)} (directory ${row.directory ?? 0}, shard ${row.shard ?? row.round_trips})  ${row.trace}${row.target ? `  (target ${row.target})` : ''}`);
    lines.push('');
  }
  if (r.throughput) {
    lines.push(`Throughput (autocannon, ${r.throughput.connections} connections, ${r.throughput.duration_s}s each, loopback)`);
    for (const row of r.throughput.routes) {
      const target = row.route === 'POST /api/topups' ? `  target ≥ 0.50 ${mark(row.ratio_to_health >= 0.5)}` : '';
      lines.push(`  ${row.route.padEnd(26)} ${String(row.rps).padStart(6)} req/s  p50 ${row.p50_ms} ms  p99 ${row.p99_ms} ms  ×${row.ratio_to_health} of health  non-2xx ${row.non_2xx}${target}`);
    }
    const st = r.throughput.storage;
    if (st) lines.push(`  storage: ${st.topups} top-ups added ${kb(st.bytes_added)} to the database ≈ ${st.bytes_per_topup} bytes per top-up`);
    lines.push('');
  }
  if (r.client) {
    lines.push('Client weight (first visit: the sign-in screen, from index.html, gzip)');
    lines.push(`  ${mark(r.client.js_gzip_bytes <= 30 * 1024)} JS  ${kb(r.client.js_gzip_bytes)} (target ≤ 30 KB)  ${r.client.js_files.join(' ')}`);
    lines.push(`  ${mark(r.client.css_gzip_bytes <= 8 * 1024)} CSS ${kb(r.client.css_gzip_bytes)} (target ≤ 8 KB)  inline in index.html; JS includes its boot scripts (${kb(r.client.inline_script_gzip_bytes)})`);
    for (const [lang, l] of Object.entries(r.client.languages ?? {})) {
      lines.push(`  ${mark(l.js_gzip_bytes <= 30 * 1024 && l.css_gzip_bytes <= 8 * 1024)} ${lang}: JS ${kb(l.js_gzip_bytes)} (≤ 30 KB, with ${kb(l.words_first_gzip_bytes)} of first-screen words)  CSS ${kb(l.css_gzip_bytes)} (≤ 8 KB); the rest of the words after the first screen: ${kb(l.words_after_first_screen_gzip_bytes)}`);
    }
    lines.push('');
  }
  if (r.first_visit) {
    for (const lang of ['en', 'ar']) lines.push(`First visit (${lang}): all JS until the network is idle ${mark(r.first_visit[lang].js_gzip_bytes <= 40 * 1024)} ${kb(r.first_visit[lang].js_gzip_bytes)} (target ≤ 40 KB), ${r.first_visit[lang].files.length} files`);
    lines.push('');
  }
  if (r.worker) {
    lines.push(`Worker bundle  ${mark(r.worker.bundle_gzip_bytes <= 100 * 1024)} ${kb(r.worker.bundle_gzip_bytes)} gzip (target ≤ 100 KB), ${kb(r.worker.bundle_bytes)} raw (production, minified)`);
    for (const p of r.worker.packages.slice(0, 8)) lines.push(`  ${p.name.padEnd(28)} ${kb(p.bytes)} in output, ~${kb(p.gzip_share_bytes)} gzip`);
    const s = r.worker.startup;
    lines.push(`Worker start-up CPU (wrangler check startup, median of ${s.runs.length}): ${s.median_ms} ms [${s.runs.join(', ')}]`, '');
  }
  if (r.lighthouse) {
    lines.push(`Lighthouse (mobile; the median of ${Object.values(r.lighthouse)[0]?.runs?.length ?? 1} performance runs, each run's performance/LCP/TBT in brackets)`);
    for (const [name, l] of Object.entries(r.lighthouse)) {
      // Issue 10's targets: sign-in LCP ≤ 1,000 ms; Home LCP ≤ 1,200 ms and TBT ≤ 100 ms.
      const timing = name.startsWith('sign-in') ? l.lcp_ms <= 1000 : name.startsWith('home') ? l.lcp_ms <= 1200 && l.tbt_ms <= 100 : true;
      const ok = l.performance >= 98 && l.accessibility === 100 && l.best_practices === 100 && timing;
      lines.push(`  ${mark(ok)} ${name.padEnd(10)} performance ${l.performance} (≥ 98)  accessibility ${l.accessibility} (100)  best practices ${l.best_practices} (100)  LCP ${l.lcp_ms} ms (${name.startsWith('home') ? '≤ 1,200' : '≤ 1,000'})  TBT ${l.tbt_ms} ms${name.startsWith('home') ? ' (≤ 100)' : ''}  CLS ${l.cls}`);
      if (l.runs) lines.push(`      runs: ${l.runs.map((run) => `[${run.performance} / ${run.lcp_ms} / ${run.tbt_ms}]`).join(' ')}`);
      if (l.runtime_error) lines.push(`      not measured: Lighthouse ${l.runtime_error}`);
      if (l.failed_audits.length) lines.push(`      failing: ${l.failed_audits.join(', ')}`);
    }
    lines.push('');
  }
  if (r.offline_start) {
    const o = r.offline_start;
    lines.push(`First screen: ${mark(o.first_screen_api_requests <= 1)} ${o.first_screen_api_requests} API request(s) (target ≤ 1): ${o.first_screen_api_paths.join(' ')}`);
    if (o.home_assets) {
      const h = o.home_assets;
      lines.push(`Home of a signed-in person (from the service worker cache): ${mark(h.before_list_js_gzip_bytes <= 30 * 1024)} JS ${kb(h.before_list_js_gzip_bytes)} + CSS ${kb(h.before_list_css_gzip_bytes)} before the list shows, then ${kb(h.after_list_js_gzip_bytes)} JS after it`);
    }
    lines.push(`Offline start: beneficiaries rendered from IndexedDB in ${o.offline_list_ms_median} ms median (${o.offline_list_ms_samples.join(', ')}); online ${o.online_list_ms} ms`, '');
  }
  if (r.replay) {
    lines.push(`Replay: ${mark(r.replay.api_requests <= 2)} ${r.replay.actions} queued actions flushed in ${r.replay.flush_ms} ms with ${r.replay.api_requests} API request(s) (${r.replay.sync_requests} to /api/sync; target ≤ 2)`);
  }
  return lines.join('\n');
}
