/**
 * GET /api/openapi.json and GET /api/docs: the API's own description and a page to
 * read and try it. Public, and outside the API's middleware chain (mounted on the
 * outer app): they need no database, session, body or configuration — the document
 * is the same whatever the secrets — and the page needs its own CSP.
 *
 * The page is Scalar's browser bundle, served by us as a static asset
 * (dist/docs/scalar.js, copied at build time by vite.config.ts): no CDN, so it works
 * with no internet, and the 3.5 MB script never enters the Worker bundle.
 */
import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv } from '../app-env';
import { apiHeaders, securityHeaders } from '../middleware/request';
import { requestLog } from '../middleware/log';
import { PUBLIC } from '../contract/components';

export const SCALAR_PATH = '/docs/scalar.js';
/** Where the build writes the document (scripts/build-openapi.mjs); never precached by the PWA (docs/**). */
export const DOCUMENT_PATH = '/docs/openapi.json';

/**
 * The narrowest policy Scalar renders under (checked in Chromium, see
 * docs/decisions/007-openapi.md): it injects its styles as <style> elements, hence
 * 'unsafe-inline' for styles only; scripts, images, fonts and requests stay on this
 * origin, and no inline or eval'd script runs.
 */
export const DOCS_CSP = {
  defaultSrc: ["'none'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'"],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  baseUri: ["'none'"],
  formAction: ["'none'"],
  frameAncestors: ["'none'"],
};

const docsHeaders = secureHeaders({
  contentSecurityPolicy: DOCS_CSP,
  strictTransportSecurity: 'max-age=63072000; includeSubDomains; preload',
  referrerPolicy: 'no-referrer',
  permissionsPolicy: { camera: [], microphone: [], geolocation: [], payment: [] },
  crossOriginResourcePolicy: 'same-origin',
  xFrameOptions: 'DENY',
});

// Scalar's configuration rides in a data- attribute (no inline script): no fonts or
// telemetry from scalar.com, no AI agent, nothing that would leave this origin.
const SCALAR_CONFIG = {
  withDefaultFonts: false,
  telemetry: false,
  agent: { disabled: true },
  showDeveloperTools: 'never',
  hideClientButton: false,
  documentDownloadType: 'json',
};

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>TopUp API</title>
</head>
<body>
<script id="api-reference" data-url="/api/openapi.json" data-configuration='${JSON.stringify(SCALAR_CONFIG)}'></script>
<noscript>The API reference needs JavaScript. The document itself is at <a href="/api/openapi.json">/api/openapi.json</a>.</noscript>
<script src="${SCALAR_PATH}"></script>
</body>
</html>
`;

/**
 * The routes. The document was generated at build time from the routes' own
 * descriptions and validators (docs/decisions/016-lean-worker.md); the Worker only
 * hands out the built file, so no schema conversion runs, or ships, at the edge.
 */
export function docsRoutes() {
  return new Hono<AppEnv>()
    .get(
      '/openapi.json',
      describeRoute({
        summary: 'This document',
        description: 'The OpenAPI 3.1 description of every route, generated from the validators the routes use.',
        tags: ['Documentation'],
        security: PUBLIC,
        responses: { 200: { description: 'The OpenAPI document', content: { 'application/json': { schema: { type: 'object', required: ['openapi', 'info', 'paths'] } } } } },
      }),
      requestLog,
      apiHeaders,
      securityHeaders,
      async (c) => {
        const built = await c.env.ASSETS.fetch(new URL(DOCUMENT_PATH, c.req.url));
        // A deployment without its document was built wrongly: a 500, logged by onError.
        if (!built.ok) throw new Error(`the built OpenAPI document ${DOCUMENT_PATH} answered ${built.status}: run the build`);
        return c.body(await built.text(), 200, { 'Content-Type': 'application/json; charset=utf-8' });
      },
    )
    .get(
      '/docs',
      describeRoute({
        summary: 'API reference page',
        description: `A page to read and try the API (Scalar). Everything it loads is served by TopUp: it works with no internet.`,
        tags: ['Documentation'],
        security: PUBLIC,
        responses: { 200: { description: 'The page', content: { 'text/html': { schema: { type: 'string' } } } } },
      }),
      requestLog,
      apiHeaders,
      docsHeaders,
      (c) => c.html(PAGE),
    );
}
