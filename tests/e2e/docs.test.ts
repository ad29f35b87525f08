/**
 * /api/docs in real Chromium with every request to another host refused: the API
 * reference renders from what TopUp serves alone (the page, Scalar's script, the
 * document), under its own narrow CSP, and nothing tries to leave the origin.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { launch } from './chromium';
import { generateOpenApiDocument } from '../../scripts/openapi-document.mjs';
import { baseURL, newContext, watchConsole } from './helpers';

let browser: Browser;
let context: BrowserContext;
/** Every request the page made, and those that were not to our origin (refused). */
const requests: string[] = [];
const foreign: string[] = [];

beforeAll(async () => {
  browser = await launch();
  // No service worker: page.route does not see its requests, and this page needs none.
  context = await newContext(browser, { serviceWorkers: 'block' });
  const origin = new URL(baseURL()).origin;
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    requests.push(url);
    if (new URL(url).origin === origin) return route.continue();
    foreign.push(url);
    return route.abort('internetdisconnected');
  });
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
});

describe('GET /api/docs', () => {
  it('renders the API reference with no internet: operations listed, no request left the origin', async () => {
    const page = await context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    const logs = watchConsole(page);
    const res = await page.goto('/api/docs');
    expect(res?.status()).toBe(200);
    // Scalar fetched the document from us and rendered it.
    await page.getByText('TopUp API').first().waitFor({ timeout: 30_000 });
    await expect.poll(async () => (await page.locator('body').innerText()).replace(/\s+/g, ' '), { timeout: 30_000 }).toContain('POST /api/topups');
    const text = (await page.locator('body').innerText()).replace(/\s+/g, ' ');
    // (Operations, not the introduction: it names none of these.)
    for (const operation of ['GET /api/health', 'POST /api/beneficiaries', 'GET /api/transactions', 'POST /api/wallet/deposits']) expect(text).toContain(operation);

    expect(foreign).toEqual([]);
    const paths = requests.map((url) => new URL(url).pathname);
    expect(paths).toContain('/docs/scalar.js');
    expect(paths).toContain('/api/openapi.json');
    // A CSP violation is a console error: the page's policy lets everything it needs through.
    expect(logs.errors).toEqual([]);
    await page.close();
  });

  it('carries its own narrow CSP: scripts from the origin only, inline styles (Scalar injects them) and nothing else loosened', async () => {
    const res = await fetch(`${baseURL()}/api/docs`);
    expect(res.headers.get('Content-Type')).toMatch(/^text\/html/);
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    const policy = Object.fromEntries(
      (res.headers.get('Content-Security-Policy') ?? '').split(';').map((part) => part.trim().split(/\s+/)).map(([name, ...values]) => [name, values.join(' ')]),
    );
    expect(policy).toMatchObject({
      'default-src': "'none'",
      'script-src': "'self'",
      'style-src': "'self' 'unsafe-inline'",
      'connect-src': "'self'",
      'img-src': "'self'",
      'font-src': "'self'",
      'frame-ancestors': "'none'",
      'base-uri': "'none'",
    });
    const html = await res.text();
    // No inline script to allow: Scalar's configuration rides in data- attributes.
    expect(html.match(/<script\b[^>]*>[^<]+<\/script>/g) ?? []).toEqual([]);
  });

  it('serves Scalar from our origin as a static file, outside the service worker precache', async () => {
    const script = await fetch(`${baseURL()}/docs/scalar.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('Content-Type')).toMatch(/javascript/);
    expect(Number((await script.arrayBuffer()).byteLength)).toBeGreaterThan(1_000_000);
    const sw = await (await fetch(`${baseURL()}/sw.js`)).text();
    expect(sw).toContain('index.html');
    expect(sw).not.toContain('docs/scalar');
    expect(readFileSync('dist/sw.js', 'utf8')).not.toContain('docs/');
  });

  it('serves, at /api/openapi.json, exactly the document the routes describe now (built with the app, never stale)', async () => {
    const res = await fetch(`${baseURL()}/api/openapi.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toMatch(/^application\/json/);
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    expect(await res.json()).toEqual(await generateOpenApiDocument());
    expect(readFileSync('dist/sw.js', 'utf8')).not.toContain('openapi.json');
  });
});
