/**
 * Security headers and cross-site rules against the running server (`npm start`,
 * started by global-setup.ts): static files come from Workers assets with
 * app/public/_headers, /api from the Worker's middleware; both must carry them.
 */
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { baseURL, inlineBlocks } from './helpers';

const EVIL = 'https://evil.example';

async function get(path: string, headers: Record<string, string> = {}) {
  return fetch(`${baseURL()}${path}`, { headers, redirect: 'manual' });
}

/** The directives of a CSP header, by name. */
function csp(header: string | null): Map<string, string[]> {
  expect(header, 'Content-Security-Policy').toBeTruthy();
  return new Map(
    header!
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...values]) => [name!.toLowerCase(), values]),
  );
}

function expectCommonHeaders(res: Response, where: string) {
  const hsts = /max-age=(\d+)/.exec(res.headers.get('Strict-Transport-Security') ?? '');
  expect(Number(hsts?.[1] ?? 0), `${where}: HSTS of at least a year`).toBeGreaterThanOrEqual(31_536_000);
  expect(res.headers.get('X-Content-Type-Options'), where).toBe('nosniff');
  expect(res.headers.get('Referrer-Policy'), where).toMatch(/^(no-referrer|same-origin|strict-origin|strict-origin-when-cross-origin)$/);
  const permissions = res.headers.get('Permissions-Policy') ?? '';
  for (const feature of ['camera', 'microphone', 'geolocation']) expect(permissions, `${where}: Permissions-Policy ${feature}`).toMatch(new RegExp(`\\b${feature}=\\(\\)`));
  const cors = res.headers.get('Access-Control-Allow-Origin');
  expect(cors === null || cors === baseURL(), `${where}: Access-Control-Allow-Origin ${cors}`).toBe(true);
}

/** The app's CSP: same-origin only, no inline or eval'd script, no plugins, no <base>, no framing. */
function expectStrictAppCsp(res: Response, where: string) {
  const policy = csp(res.headers.get('Content-Security-Policy'));
  expect(policy.get('default-src'), `${where}: default-src`).toEqual(["'self'"]);
  const scripts = policy.get('script-src') ?? policy.get('default-src')!;
  for (const unsafe of ["'unsafe-inline'", "'unsafe-eval'", 'data:', '*', 'http:', 'https:']) expect(scripts, `${where}: script-src`).not.toContain(unsafe);
  expect(policy.get('object-src'), `${where}: object-src`).toEqual(["'none'"]);
  expect(policy.get('base-uri'), `${where}: base-uri`).toEqual(["'none'"]);
  expect(policy.get('frame-ancestors'), `${where}: frame-ancestors`).toEqual(["'none'"]);
}

describe('static files', () => {
  let asset = '';
  beforeAll(async () => {
    const html = await (await get('/')).text();
    // The entry is named in the #app-files data block: the boot script loads it once the first screen has painted.
    asset = /"entry":"(\/assets\/[^"]+\.js)"/.exec(html)?.[1] ?? '';
    expect(asset, 'the shell loads a built script').toMatch(/^\/assets\//);
  });

  const paths = () => ['/', '/index.html', asset, '/manifest.webmanifest', '/sw.js', '/beneficiaries', '/robots.txt'];

  it('carry the strict CSP and the security headers: shell, SPA routes, scripts, manifest, service worker', async () => {
    for (const path of paths()) {
      let res = await get(path);
      if (res.status >= 300 && res.status < 400) {
        // Workers assets canonicalise /index.html to /: the redirect carries the headers too.
        expect(res.headers.get('Location'), path).toBe('/');
        expectCommonHeaders(res, `${path} (redirect)`);
        expectStrictAppCsp(res, `${path} (redirect)`);
        res = await get(res.headers.get('Location')!);
      }
      expect(res.status, path).toBe(200);
      expectCommonHeaders(res, path);
      expectStrictAppCsp(res, path);
    }
  });

  it('allow exactly the inline script and style the shell carries, by hash, and each type as itself (nosniff needs it right)', async () => {
    const res = await get('/');
    const html = await res.text();
    const policy = csp(res.headers.get('Content-Security-Policy'));
    const sha = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
    const inline = (tag: 'script' | 'style') => inlineBlocks(html, tag).map(sha);
    expect(html.match(/<script\b[^>]*>/g)?.filter((tag) => !/\bsrc=/.test(tag))).toEqual(['<script type="application/json" id="app-files">', '<script>', '<script>']);
    expect(policy.get('script-src')).toEqual(["'self'", ...inline('script')]);
    expect(policy.get('style-src')).toEqual(["'self'", ...inline('style')]);
    expect(inline('style')).toHaveLength(1);
    expect(html).not.toMatch(/\son[a-z]+=/i);
    expect((await get('/')).headers.get('Content-Type')).toMatch(/^text\/html/);
    expect((await get(asset)).headers.get('Content-Type')).toMatch(/javascript/);
    expect((await get('/manifest.webmanifest')).headers.get('Content-Type')).toMatch(/^application\/manifest\+json/);
  });

  it('grant no CORS to another origin', async () => {
    for (const path of paths()) {
      const res = await get(path, { Origin: EVIL });
      expect(res.headers.get('Access-Control-Allow-Origin'), path).toBeNull();
    }
  });
});

describe('API responses', () => {
  const probes: [string, RequestInit][] = [
    ['/api/health', {}],
    ['/api/topups/options', {}],
    ['/api/me', {}],
    ['/api/no-such-route', {}],
    ['/api/wallet/deposits', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"amount":1000}' }],
    ['/api/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{' }],
  ];

  it('carry the security headers on every answer, success or refusal, and no-store', async () => {
    for (const [path, init] of probes) {
      const res = await fetch(`${baseURL()}${path}`, init);
      const where = `${init.method ?? 'GET'} ${path} → ${res.status}`;
      expect(res.status, where).toBeLessThan(500);
      expectCommonHeaders(res, where);
      const policy = csp(res.headers.get('Content-Security-Policy'));
      expect(policy.get('default-src'), where).toEqual(["'none'"]);
      expect(policy.get('frame-ancestors'), where).toEqual(["'none'"]);
      expect(res.headers.get('Cache-Control'), where).toBe('no-store');
    }
  });

  it('grant no CORS to another origin, preflight included', async () => {
    for (const [path, init] of probes) {
      const res = await fetch(`${baseURL()}${path}`, { ...init, headers: { ...(init.headers as Record<string, string>), Origin: EVIL } });
      expect(res.headers.get('Access-Control-Allow-Origin'), path).toBeNull();
      expect(res.headers.get('Access-Control-Allow-Credentials'), path).toBeNull();
    }
    const preflight = await fetch(`${baseURL()}/api/wallet/deposits`, {
      method: 'OPTIONS',
      headers: { Origin: EVIL, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type, authorization, idempotency-key' },
    });
    expect(preflight.status).toBeLessThan(500);
    expect(preflight.headers.get('Access-Control-Allow-Origin')).toBeNull();
    expect(preflight.headers.get('Access-Control-Allow-Methods')).toBeNull();
  });
});

describe('cross-site writes', () => {
  let session = '';
  let token = '';
  const balance = async () => ((await (await fetch(`${baseURL()}/api/me`, { headers: { Authorization: `Bearer ${token}` } })).json()) as { user: { balance: number } }).user.balance;

  beforeAll(async () => {
    const res = await fetch(`${baseURL()}/api/auth/signup`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: baseURL() },
      body: JSON.stringify({ email: `headers-${crypto.randomUUID()}@example.com`, password: 'correct horse battery', name: 'Headers' }),
    });
    expect(res.status).toBe(201);
    token = ((await res.json()) as { token: string }).token;
    session = /(__Host-topup_session=[^;]+)/.exec(res.headers.get('Set-Cookie') ?? '')?.[1] ?? '';
    expect(session).not.toBe('');
  });

  const attempts: [string, Record<string, string>, string][] = [
    ['a cross-site HTML form (urlencoded)', { 'Content-Type': 'application/x-www-form-urlencoded', Origin: EVIL, 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'navigate' }, 'amount=1000'],
    ['a cross-site multipart form', { 'Content-Type': 'multipart/form-data; boundary=x', Origin: EVIL, 'Sec-Fetch-Site': 'cross-site' }, '--x\r\nContent-Disposition: form-data; name="amount"\r\n\r\n1000\r\n--x--\r\n'],
    ['a cross-site text/plain POST with a JSON body', { 'Content-Type': 'text/plain', Origin: EVIL, 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'no-cors' }, '{"amount":1000}'],
    ['a cross-site JSON POST (Origin only)', { 'Content-Type': 'application/json', Origin: EVIL }, '{"amount":1000}'],
    ['a cross-site POST (Sec-Fetch-Site only)', { 'Content-Type': 'application/json', 'Sec-Fetch-Site': 'cross-site' }, '{"amount":1000}'],
    ['a same-site (sibling subdomain) POST', { 'Content-Type': 'application/json', Origin: 'https://app.topup.example', 'Sec-Fetch-Site': 'same-site' }, '{"amount":1000}'],
    ['an opaque-origin POST (sandboxed frame)', { 'Content-Type': 'text/plain', Origin: 'null' }, '{"amount":1000}'],
  ];

  it.each(attempts)('%s is 403 FORBIDDEN and moves nothing', async (_name, headers, body) => {
    const before = await balance();
    const credentials: Record<string, string>[] = [{ Cookie: session }, { Authorization: `Bearer ${token}` }];
    for (const credential of credentials) {
      for (const path of ['/api/wallet/deposits', '/api/auth/logout', '/api/sync']) {
        const res = await fetch(`${baseURL()}${path}`, { method: 'POST', headers: { ...headers, ...credential, 'Idempotency-Key': crypto.randomUUID() }, body });
        expect(res.status, `${path} with ${Object.keys(credential)[0]}`).toBe(403);
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
      }
    }
    expect(await balance()).toBe(before);
    expect((await fetch(`${baseURL()}/api/me`, { headers: { Cookie: session } })).status, 'the session survived the logout attempts').toBe(200);
  });

  it('a cross-site login form is refused too (no login CSRF)', async () => {
    const res = await fetch(`${baseURL()}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: EVIL, 'Sec-Fetch-Site': 'cross-site' },
      body: 'email=a%40b.c&password=whatever1',
    });
    expect(res.status).toBe(403);
  });

  it('the same write from the app’s own origin goes through (the control)', async () => {
    const before = await balance();
    const res = await fetch(`${baseURL()}/api/wallet/deposits`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: baseURL(), 'Sec-Fetch-Site': 'same-origin', Cookie: session, 'Idempotency-Key': crypto.randomUUID() },
      body: '{"amount":1000}',
    });
    expect(res.status).toBe(201);
    expect(await balance()).toBe(before + 1000);
  });
});
