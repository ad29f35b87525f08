#!/usr/bin/env node
// Renders the app icons (PNG) from SVG with the system Chromium. Run once when
// the logo changes: node app/tools/make-icons.mjs   (outputs into app/public/icons)
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';

const out = new URL('../public/icons/', import.meta.url);
const logo = readFileSync(new URL('favicon.svg', out), 'utf8');
// Maskable: full-bleed background, the glyph inside the central safe zone (80 %).
const maskable = logo
  .replace('rx="112"', 'rx="0"')
  .replace('<rect x="162"', '<g transform="translate(256 256) scale(0.72) translate(-256 -256)"><rect x="162"')
  .replace('</svg>', '</g></svg>');

const icons = [
  ['icon-192.png', logo, 192],
  ['icon-512.png', logo, 512],
  ['maskable-192.png', maskable, 192],
  ['maskable-512.png', maskable, 512],
  ['apple-touch-icon.png', maskable, 180],
];

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage();
for (const [name, svg, size] of icons) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(`<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`);
  await page.screenshot({ path: new URL(name, out).pathname, omitBackground: true });
  console.log('wrote', name);
}
await browser.close();
