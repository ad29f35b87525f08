// D1 round trips per API call, read from X-D1-Trace (the server runs with D1_TRACE=on).
// Each entry names its database (docs/decisions/010-shards.md): `directory.query`,
// `shard1.batch(6):0.41ms`, `provider`. A signed-in call never touches the directory.
const entries = (trace) => (trace === '' ? [] : trace.split(',').filter((s) => s !== 'provider'));
const onDirectory = (trace) => entries(trace).filter((s) => s.startsWith('directory.')).length;
const onShards = (trace) => entries(trace).filter((s) => /^shard\d+\./.test(s)).length;

export async function measureRoundTrips(api) {
  const u = await api.seedUser({ beneficiaries: 2 });
  const [b1] = u.beneficiaries;
  const t = (res) => res.headers.get('X-D1-Trace') ?? '(none)';
  const rows = [];
  const record = async (label, promise, expectation) => {
    const res = await promise;
    const trace = t(res);
    const sqlMs = [...trace.matchAll(/:([\d.]+)ms/g)].reduce((sum, m) => sum + Number(m[1]), 0);
    rows.push({
      call: label,
      status: res.status,
      trace,
      round_trips: entries(trace).length,
      directory: onDirectory(trace),
      shard: onShards(trace),
      sql_ms: Number(sqlMs.toFixed(2)),
      target: expectation?.text ?? null,
      ok: expectation ? expectation.test(trace) : null,
    });
  };
  const oneShardTrip = { text: '1 (shard)', test: (tr) => onShards(tr) === 1 && onDirectory(tr) === 0 && entries(tr).length === 1 };
  await record('GET /api/health', api.call('GET', '/api/health'), { text: '1 per database', test: (tr) => onDirectory(tr) === 1 && onShards(tr) >= 2 });
  await record('GET /api/topups/options', api.call('GET', '/api/topups/options'), { text: '0', test: (tr) => tr === '' });
  for (const path of ['/api/me', '/api/beneficiaries', '/api/limits', '/api/transactions', '/api/topups', '/api/bootstrap']) {
    await record(`GET ${path}`, api.call('GET', path, { token: u.token }), oneShardTrip);
  }
  await record(
    'POST /api/topups',
    api.call('POST', '/api/topups', { token: u.token, body: { beneficiary_id: b1, amount: 500 } }),
    { text: '1 batch, provider, 1 batch (shard)', test: (tr) => /^shard\d+\.batch\(\d+\)[^,]*,provider,shard\d+\.batch\(\d+\)[^,]*$/.test(tr) },
  );
  await record('POST /api/wallet/deposits', api.call('POST', '/api/wallet/deposits', { token: u.token, body: { amount: 1000 } }), oneShardTrip);
  await record('POST /api/beneficiaries (with key)', api.call('POST', '/api/beneficiaries', { token: u.token, body: { nickname: 'X', phone: '+971551234567' } }));
  await record('PATCH /api/beneficiaries/:id (with key)', api.call('PATCH', `/api/beneficiaries/${b1}`, { token: u.token, body: { nickname: 'Y' } }));
  await record('POST /api/auth/login', api.call('POST', '/api/auth/login', { body: { email: u.email, password: u.password } }), {
    text: '+1 directory query, then 2 shard batches',
    test: (tr) => /^directory\.query,shard\d+\.batch\(\d+\)[^,]*,shard\d+\.batch\(\d+\)[^,]*$/.test(tr),
  });
  const email = `bench-${Date.now()}-${Math.random().toString(36).slice(2)}@example.com`;
  await record('POST /api/auth/signup', api.call('POST', '/api/auth/signup', { body: { email, password: 'bench password', name: 'Bench' } }), {
    // The shard part is as before the split (its batch, then the key's stored answer).
    text: 'directory batch, shard batch + key answer, directory update',
    test: (tr) => /^directory\.batch\(\d+\)[^,]*,shard(\d+)\.batch\(\d+\)[^,]*,shard\1\.query,directory\.query$/.test(tr),
  });
  return rows;
}
