// A tiny API client for seeding benchmark data through the public API.
import { randomUUID } from 'node:crypto';

export function apiClient(base) {
  async function call(method, path, { token, body, key } = {}) {
    const headers = { 'Content-Type': 'application/json' };
    if (token) headers.Authorization = `Bearer ${token}`;
    if (method !== 'GET') headers['Idempotency-Key'] = key ?? randomUUID();
    const res = await fetch(base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : null };
  }
  async function seedUser({ beneficiaries = 5, deposits = 1, verify = true } = {}) {
    const email = `bench-${randomUUID()}@example.com`;
    const password = 'bench password 1';
    const signup = await call('POST', '/api/auth/signup', { body: { email, password, name: 'Bench User' } });
    if (signup.status !== 201) throw new Error(`signup failed: ${JSON.stringify(signup.json)}`);
    const token = signup.json.token;
    for (let i = 0; i < deposits; i++) await call('POST', '/api/wallet/deposits', { token, body: { amount: 10_000_000 } });
    if (verify) await call('POST', '/api/me/verification', { token });
    const ids = [];
    for (let i = 0; i < beneficiaries; i++) {
      const phone = `+97150${String(Math.floor(Math.random() * 1e7)).padStart(7, '1')}`.replace(/0000$|9999$/, '1234');
      const res = await call('POST', '/api/beneficiaries', { token, body: { nickname: `Person ${i + 1}`, phone } });
      if (res.status !== 201) throw new Error(`beneficiary failed: ${JSON.stringify(res.json)}`);
      ids.push(res.json.beneficiary.id);
    }
    return { email, password, token, beneficiaries: ids };
  }
  return { call, seedUser };
}
