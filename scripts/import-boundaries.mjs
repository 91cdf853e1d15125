#!/usr/bin/env node
// Writes the import-boundary overrides of biome.json from the table in src/README.md (the one
// source of truth): each part may import only the parts its row names, and only cli/ may touch
// files, processes and the terminal. `npm run boundaries` after changing the table;
// test/import-boundaries.test.ts fails when biome.json and the table disagree.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const PART = /^`([a-z]+)(\/|\.ts)`$/;

const rows = [];
for (const line of readFileSync(join(root, 'src', 'README.md'), 'utf8').split('\n')) {
  const cells = line.split('|').map((c) => c.trim());
  const m = PART.exec(cells[1] ?? '');
  if (m === null || cells.length < 4) continue;
  const may = cells[3];
  rows.push({
    part: m[1],
    file: m[2] === '.ts',
    may: may === 'everything' ? null : [...may.matchAll(/`([a-z]+)(?:\/|\.ts)`/g)].map((x) => x[1]),
  });
}

const pattern = (r) => (r.file ? `**/${r.part}.js` : `**/${r.part}/**`);
const io = ['fs', 'fs/promises', 'child_process', 'process', 'readline', 'net', 'http'];
const ioMessage = 'only cli/ touches files, processes and the terminal (src/README.md)';
const paths = Object.fromEntries(
  io.flatMap((m) => [
    [`node:${m}`, ioMessage],
    [m, ioMessage],
  ]),
);

const overrides = rows
  .filter((r) => r.may !== null)
  .map((r) => ({
    includes: [r.file ? `src/${r.part}.ts` : `src/${r.part}/**`],
    linter: {
      rules: {
        style: {
          noRestrictedImports: {
            level: 'error',
            options: {
              patterns: [
                {
                  group: rows.filter((o) => o !== r && !r.may.includes(o.part)).map(pattern),
                  message: `${r.part}${r.file ? '.ts' : '/'} may import ${
                    r.may.length === 0
                      ? 'nothing'
                      : r.may.map((p) => `${p}${rows.find((o) => o.part === p)?.file ? '.ts' : '/'}`).join(', ')
                  } (the table in src/README.md)`,
                },
              ],
              paths,
            },
          },
          noRestrictedGlobals: {
            level: 'error',
            options: { deniedGlobals: { process: 'only cli/ touches the process (src/README.md)' } },
          },
        },
      },
    },
  }));

const path = join(root, 'biome.json');
const biome = JSON.parse(readFileSync(path, 'utf8'));
// Overrides of other rules (written by hand, such as the runtime's import cycles) are kept.
const others = (biome.overrides ?? []).filter((o) => o.linter?.rules?.style?.noRestrictedImports === undefined);
biome.overrides = [...overrides, ...others];
writeFileSync(path, `${JSON.stringify(biome, null, 2)}\n`);
// In biome's own layout, so that `biome check` (the test command's first step) passes as written.
execFileSync(join(root, 'node_modules', '.bin', 'biome'), ['format', '--write', path], { stdio: 'ignore' });
console.log(`biome.json: ${overrides.length} import-boundary overrides from src/README.md`);
