#!/usr/bin/env node
// Proves the layer allow-lists bite: in each layer of worker/ and app/ (eslint.config.js WORKER,
// APP), one file gets an import of a layer it may not use, and ESLint must refuse it
// (import-x/no-restricted-paths). The files are linted from memory; nothing is written.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { ESLint } from 'eslint';
import { APP, WORKER } from '../eslint.config.js';

const firstSource = (path) => {
  if (!statSync(path).isDirectory()) return path;
  const names = readdirSync(path).sort();
  const file = names.find((n) => /\.tsx?$/.test(n) && !n.endsWith('.d.ts'));
  return file ? join(path, file) : firstSource(join(path, names.find((n) => statSync(join(path, n)).isDirectory())));
};
const specifier = (from, to) => {
  const rel = relative(dirname(from), to).replace(/\.tsx?$/, '');
  return rel.startsWith('.') ? rel : `./${rel}`;
};

const eslint = new ESLint();
let failed = 0;
for (const [root, layers] of [['worker', WORKER], ['app', APP]]) {
  for (const [layer, allowed] of Object.entries(layers)) {
    // The nearest layer above it that it may not use (the maps run bottom up): a wrong-way import
    // one step up, the likeliest mistake; for the top layers, any layer they may not use.
    const order = Object.keys(layers);
    const forbidden = (other) => !allowed.includes(other);
    const wrong = order.slice(order.indexOf(layer) + 1).find(forbidden) ?? order.find(forbidden);
    if (!wrong) {
      console.log(`  ${root}/${layer}: may import every other layer (the top), nothing to plant`);
      continue;
    }
    const file = firstSource(join(root, layer));
    const planted = specifier(file, firstSource(join(root, wrong)));
    const text = `import '${planted}';\n${readFileSync(file, 'utf8')}`;
    const [result] = await eslint.lintText(text, { filePath: file });
    const refused = result.messages.some((m) => m.ruleId === 'import-x/no-restricted-paths' && m.line === 1);
    console.log(`  ${refused ? '✔' : '✖'} ${file}: import '${planted}' (${root}/${wrong}) ${refused ? 'refused' : 'NOT refused'}`);
    if (!refused) failed++;
  }
}
if (failed) {
  console.error(`✖ ${failed} wrong-way import(s) passed lint`);
  process.exit(1);
}
