// D1 round trips per API call, read from X-D1-Trace (the server runs with D1_TRACE=on).
export async function measureRoundTrips(api) {
  const u = await api.seedUser({ beneficiaries: 2 });
  const [b1] = u.beneficiaries;
  const t = (res) => res.headers.get('X-D1-Trace') ?? '(none)';
  const rows = [];
  const record = async (label, promise, expectation) => {
    const res = await promise;
    const trace = t(res);
    const trips = trace === '' ? 0 : trace.split(',').filter((s) => s !== 'provider').length;
    const sqlMs = [...trace.matchAll(/:([\d.]+)ms/g)].reduce((sum, m) => sum + Number(m[1]), 0);
    rows.push({ call: label, status: res.status, trace, round_trips: trips, sql_ms: Number(sqlMs.toFixed(2)), target: expectation?.text ?? null, ok: expectation ? expectation.test(trace) : null });
  };
  const isOne = { text: '1', test: (tr) => tr.split(',').filter((s) => s !== 'provider').length === 1 };
  await record('GET /api/health', api.call('GET', '/api/health'), isOne);
  await record('GET /api/topups/options', api.call('GET', '/api/topups/options'), { text: '0', test: (tr) => tr === '' });
  for (const path of ['/api/me', '/api/beneficiaries', '/api/limits', '/api/transactions', '/api/topups', '/api/bootstrap']) {
    await record(`GET ${path}`, api.call('GET', path, { token: u.token }), isOne);
  }
  await record(
    'POST /api/topups',
    api.call('POST', '/api/topups', { token: u.token, body: { beneficiary_id: b1, amount: 500 } }),
    { text: '1 batch, provider, 1 batch', test: (tr) => /^batch\(\d+\)[^,]*,provider,batch\(\d+\)[^,]*$/.test(tr) },
  );
  await record('POST /api/wallet/deposits', api.call('POST', '/api/wallet/deposits', { token: u.token, body: { amount: 1000 } }), isOne);
  await record('POST /api/beneficiaries (with key)', api.call('POST', '/api/beneficiaries', { token: u.token, body: { nickname: 'X', phone: '+971551234567' } }));
  await record('PATCH /api/beneficiaries/:id (with key)', api.call('PATCH', `/api/beneficiaries/${b1}`, { token: u.token, body: { nickname: 'Y' } }));
  await record('POST /api/auth/login', api.call('POST', '/api/auth/login', { body: { email: u.email, password: u.password } }));
  return rows;
}
