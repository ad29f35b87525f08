#!/usr/bin/env node
// Writes docs/decisions/README.md: every ADR with its date and status, read from its first lines.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';

const DIR = 'docs/decisions';
const rows = readdirSync(DIR)
  .filter((f) => /^\d{3}-.*\.md$/.test(f) && !f.startsWith('000-'))
  .sort()
  .map((file) => {
    const lines = readFileSync(`${DIR}/${file}`, 'utf8').split('\n');
    const [number, title] = lines[0].replace(/^#\s*/, '').split(' — ');
    const meta = lines.slice(1, 6).find((l) => l.startsWith('Date:')) ?? '';
    const [date, ...rest] = meta.split(' · ');
    return `| [${number}](${file}) | ${title} | ${date.replace('Date: ', '')} | ${rest.join(' · ').replace(/^Status: /, '')} |`;
  });
writeFileSync(
  `${DIR}/README.md`,
  `# Decisions

One log of architecture decisions: \`0xx\` the Worker, \`1xx\` the app. A decision that
changes is not edited: a new ADR says what it supersedes, and the old one's status says by
what. Start a new one from [000-template.md](000-template.md); \`node scripts/adr-index.mjs\`
rewrites this index.

| ADR | Decision | Date | Status |
|---|---|---|---|
${rows.join('\n')}
`,
);
console.log(`${rows.length} decisions indexed`);
