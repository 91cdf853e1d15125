/**
 * The import boundaries are enforced by the linter (biome.json overrides: noRestrictedImports for
 * imports and `export … from`, noRestrictedGlobals for `process`). This test ties that config to the
 * table in src/README.md, and checks on probe files that the rules fire.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { repoRoot } from './helpers/samples.js';

interface Override {
  includes: string[];
  linter: {
    rules: {
      style: {
        noRestrictedImports: { options: { patterns: { group: string[] }[]; paths: Record<string, string> } };
        noRestrictedGlobals: { options: { deniedGlobals: Record<string, string> } };
      };
    };
  };
}

const biome = JSON.parse(readFileSync(join(repoRoot, 'biome.json'), 'utf8')) as { overrides: Override[] };

/** The table of src/README.md: part → the parts it may import; `files` holds the parts that are one file. */
const files = new Set<string>();
function readmeTable(): Map<string, string[]> {
  const table = new Map<string, string[]>();
  for (const line of readFileSync(join(repoRoot, 'src', 'README.md'), 'utf8').split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    const m = /^`([a-z]+)(\/|\.ts)`$/.exec(cells[1] ?? '');
    const part = m?.[1];
    if (part === undefined || cells.length < 4) continue;
    if (m![2] === '.ts') files.add(part);
    const may = cells[3]!;
    table.set(part, may === 'everything' ? ['*'] : [...may.matchAll(/`([a-z]+)(?:\/|\.ts)`/g)].map((m) => m[1]!));
  }
  return table;
}

const parts = [...readmeTable().keys()];
const patternOf = (p: string) => (files.has(p) ? `**/${p}.js` : `**/${p}/**`);

describe('import boundaries', () => {
  test('the table has every part of src/', () => {
    expect(parts).toEqual(
      expect.arrayContaining([
        'cli',
        'parse',
        'trace',
        'sim',
        'scheduler',
        'workload',
        'replay',
        'findings',
        'diff',
        'live',
        'report',
        'pipeline',
        'messages',
      ]),
    );
  });

  test.each(parts.filter((p) => p !== 'cli'))('biome.json forbids %s/ exactly what src/README.md forbids', (part) => {
    const allowed = readmeTable().get(part)!;
    const where = files.has(part) ? `src/${part}.ts` : `src/${part}/**`;
    const o = biome.overrides.find((x) => x.includes.includes(where));
    expect(o, `an override for ${where}`).toBeDefined();
    const rules = o!.linter.rules.style;
    const group = rules.noRestrictedImports.options.patterns.flatMap((p) => p.group);
    for (const other of parts.filter((p) => p !== part)) {
      if (allowed.includes(other)) expect(group).not.toContain(patternOf(other));
      else expect(group).toContain(patternOf(other));
    }
    expect(Object.keys(rules.noRestrictedImports.options.paths)).toEqual(
      expect.arrayContaining(['node:fs', 'fs', 'node:fs/promises', 'node:child_process', 'node:process']),
    );
    expect(rules.noRestrictedGlobals.options.deniedGlobals).toHaveProperty('process');
  });

  test('the rules fire on imports, `export … from`, `export *`, node:fs and process', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gosched-boundaries-'));
    try {
      const config = { ...biome, vcs: { enabled: false }, files: { includes: ['**'] } };
      writeFileSync(join(dir, 'biome.json'), JSON.stringify(config));
      mkdirSync(join(dir, 'src', 'parse'), { recursive: true });
      writeFileSync(
        join(dir, 'src', 'parse', 'probe.ts'),
        [
          "import type { Finding } from '../diff/finding.js';",
          "export { renderJunit } from '../report/junit.js';",
          "export * from '../replay/index.js';",
          "import { readFileSync } from 'node:fs';",
          "import type { Snapshot } from '../trace/snapshot.js';",
          "import { diagnostic } from '../messages.js';",
          'export const x = (f: Finding, s: Snapshot) => [readFileSync(String(f)), s, diagnostic, process.argv];',
          '',
        ].join('\n'),
      );
      const r = spawnSync(
        process.execPath,
        [join(repoRoot, 'node_modules', '@biomejs', 'biome', 'bin', 'biome'), 'lint', '--max-diagnostics=50', 'src'],
        { cwd: dir, encoding: 'utf8' },
      );
      const out = r.stdout + r.stderr;
      const hits = [...out.matchAll(/probe\.ts:(\d+):\d+ lint\/style\/(noRestricted\w+)/g)].map(
        (m) => `${m[1]} ${m[2]}`,
      );
      expect(hits.sort()).toEqual(
        [
          '1 noRestrictedImports',
          '2 noRestrictedImports',
          '3 noRestrictedImports',
          '4 noRestrictedImports',
          '7 noRestrictedGlobals',
        ].sort(),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('two files that import each other are refused, except in scheduler/runtime/ (the Go runtime is one package)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gosched-cycles-'));
    try {
      const config = { ...biome, vcs: { enabled: false }, files: { includes: ['**'] } };
      writeFileSync(join(dir, 'biome.json'), JSON.stringify(config));
      for (const folder of ['report', join('scheduler', 'runtime')]) {
        mkdirSync(join(dir, 'src', folder), { recursive: true });
        writeFileSync(join(dir, 'src', folder, 'a.ts'), "import { b } from './b.js';\nexport const a = () => b();\n");
        writeFileSync(join(dir, 'src', folder, 'b.ts'), "import { a } from './a.js';\nexport const b = () => a();\n");
        // A type-only import cuts no cycle at run time, and is allowed.
        writeFileSync(join(dir, 'src', folder, 'c.ts'), "import type { D } from './d.js';\nexport type C = D[];\n");
        writeFileSync(join(dir, 'src', folder, 'd.ts'), "import type { C } from './c.js';\nexport type D = C | 1;\n");
      }
      const r = spawnSync(
        process.execPath,
        [join(repoRoot, 'node_modules', '@biomejs', 'biome', 'bin', 'biome'), 'lint', '--max-diagnostics=50', 'src'],
        { cwd: dir, encoding: 'utf8' },
      );
      const out = (r.stdout + r.stderr).replaceAll('\\', '/');
      const hits = [...out.matchAll(/src\/([\w/]+\.ts):\d+:\d+ lint\/suspicious\/noImportCycles/g)].map((m) => m[1]);
      expect(hits.sort()).toEqual(['report/a.ts', 'report/b.ts']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
