// The OpenAPI document, generated from the Worker's own routes at build time
// (docs/decisions/016-lean-worker.md): the routes' descriptions and validators are
// bundled for Node with the real hono-openapi (the Worker gets a no-op stand-in,
// wrangler.toml [alias]) and asked for the document, which the build writes to
// dist/docs/openapi.json for the Worker to serve.
import { build } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '..');

/** The document as the routes describe it now. */
export async function generateOpenApiDocument() {
  const entry = [
    "import { createApp } from './worker/index.ts';",
    "import { openApiDocument } from './worker/contract/document.ts';",
    'export const generate = () => openApiDocument(createApp());',
  ].join('\n');
  const out = join(root, 'node_modules', '.cache', 'topup', `openapi-${process.pid}-${Date.now()}.mjs`);
  mkdirSync(dirname(out), { recursive: true });
  await build({
    stdin: { contents: entry, resolveDir: root, loader: 'ts', sourcefile: 'openapi-entry.ts' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    packages: 'external',
    outfile: out,
    logLevel: 'error',
  });
  const { generate } = await import(pathToFileURL(out).href);
  return generate();
}

/** Writes the document to `target` (a path inside dist/). */
export async function writeOpenApiDocument(target) {
  const document = await generateOpenApiDocument();
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, JSON.stringify(document));
  return document;
}
