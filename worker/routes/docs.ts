/**
 * GET /api/openapi.json and /api/docs, public and outside the API's middleware chain: no database, session or body,
 * and the page needs its own CSP. Scalar's bundle is our static asset: no CDN, so it works offline, and never in the Worker.
 */
import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv } from '../app-env';
import { apiHeaders, securityHeaders } from '../middleware/request';
import { requestLog } from '../middleware/log';
import { PUBLIC } from '../contract/components';

export const SCALAR_PATH = '/docs/scalar.js';
/** Where the build writes the document (scripts/openapi-document.mjs); never precached by the PWA (docs/**). */
export const DOCUMENT_PATH = '/docs/openapi.json';

/** The narrowest policy Scalar renders under (ADR 007): it injects <style> elements, so 'unsafe-inline' for styles only; all else stays on this origin. */
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

// In a data- attribute (no inline script): no fonts, telemetry or AI agent from scalar.com, nothing that leaves this origin.
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

/** The document is built from the routes at build time (ADR 016): the Worker only hands out the file, no schema conversion ships. */
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
