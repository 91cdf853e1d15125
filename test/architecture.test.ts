import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, test } from 'vitest';
import { repoRoot } from './helpers/samples.js';

const src = join(repoRoot, 'src');

/** Which top-level parts each part may import (src/README.md). */
const allowed: Record<string, string[]> = {
  cli: ['*'],
  parse: ['trace', 'messages'],
  trace: [],
  sim: [],
  scheduler: ['sim', 'trace', 'workload', 'messages'],
  workload: ['trace', 'scheduler', 'sim', 'messages'],
  replay: ['scheduler', 'workload', 'trace', 'sim', 'diff', 'messages'],
  findings: ['trace', 'messages'],
  diff: ['trace', 'messages', 'replay', 'scheduler', 'workload', 'sim', 'findings'],
  report: ['trace', 'findings', 'diff', 'replay', 'messages', 'parse'],
  live: ['trace', 'findings', 'messages'],
  messages: [],
  index: ['*'],
  pipeline: ['findings', 'trace', 'messages'],
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

function part(file: string): string {
  const rel = relative(src, file);
  const first = rel.split('/')[0]!;
  return first.replace(/\.ts$/, '');
}

test('imports flow down the stages; only cli/ touches the file system and the process', () => {
  const problems: string[] = [];
  for (const file of files(src)) {
    const from = part(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^import[^'"]*['"]([^'"]+)['"]/gm)) {
      const spec = m[1]!;
      if (spec.startsWith('.')) {
        const target = part(join(file, '..', spec).replace(/\.js$/, '.ts'));
        const ok = target === from || allowed[from]?.includes('*') || allowed[from]?.includes(target);
        if (!ok) problems.push(`${relative(src, file)} imports ${target}/ (${spec})`);
      } else if (from !== 'cli' && /^(node:)?(fs|fs\/promises|child_process|process|readline)$/.test(spec)) {
        problems.push(`${relative(src, file)} imports ${spec}`);
      }
    }
    if (from !== 'cli' && /\bprocess\.(exit|stdout|stderr|stdin|argv|exitCode)/.test(text))
      problems.push(`${relative(src, file)} uses process I/O`);
  }
  expect(problems).toEqual([]);
});
