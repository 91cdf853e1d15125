/**
 * The README's examples (and the finding pages') are today's output: every fenced block that runs one `gosched` command on a
 * bundled sample (no pipe or redirect) is run with the built CLI, and each line the block shows must
 * appear in the command's output, in order. A `…` line stands for lines the README leaves out; a line
 * ending in `(stderr)` is that text on stderr; a size in KB may differ (the report's bytes move with
 * the bundled libraries). Without this, a change to a finding's words or to the kinds left the README
 * showing output no build prints any more.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureBuilt, runBuiltCli } from '../helpers/run-built-cli.js';
import { repoRoot } from '../helpers/samples.js';

interface Example {
  file: string;
  line: number;
  args: string[];
  shown: string[];
}

/** A page's one-command examples on bundled samples, with the lines each block shows. */
function examplesOf(file: string): Example[] {
  const lines = readFileSync(join(repoRoot, file), 'utf8').split('\n');
  const out: Example[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]!.startsWith('```')) continue;
    const open = i;
    const block: string[] = [];
    for (i++; i < lines.length && !lines[i]!.startsWith('```'); i++) block.push(lines[i]!);
    const command = block[0]?.startsWith('$ gosched ') ? block[0].slice(2) : undefined;
    if (command === undefined || block.slice(1).some((l) => l.startsWith('$ '))) continue;
    if (/[|&;<>]/.test(command) || !/ samples\//.test(command)) continue;
    out.push({ file, line: open + 2, args: command.split(/\s+/).slice(1), shown: block.slice(1) });
  }
  return out;
}

const SIZE = /\d+(\.\d+)? KB\b/g;
const STDERR_MARK = /\s+\(stderr\)$/;

/** The first shown line that is not in `output` after the previous one, or undefined when all are. */
function firstMissing(shown: readonly string[], output: readonly string[]): string | undefined {
  const bare = (l: string) => l.replace(SIZE, '# KB');
  const got = output.map(bare);
  let from = 0;
  for (const line of shown) {
    if (line.trim() === '…') continue;
    const at = got.indexOf(bare(line.replace(STDERR_MARK, '')), from);
    if (at < 0) return line;
    from = at + 1;
  }
  return undefined;
}

// Commands that write files (`-o`, `--junit`, `--svg`) write them into a scratch folder whose
// `samples` is the repository's.
let scratch = '';
beforeAll(() => {
  ensureBuilt();
  scratch = mkdtempSync(join(tmpdir(), 'gosched-readme-'));
  symlinkSync(join(repoRoot, 'samples'), join(scratch, 'samples'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the README shows what the commands print', () => {
  const pages = ['README.md', ...readdirSync(join(repoRoot, 'docs', 'findings')).map((f) => `docs/findings/${f}`)];
  const examples = pages.flatMap(examplesOf);

  test('the pages have examples of every reading command to check', () => {
    const commands = new Set(examples.map((e) => e.args[0]));
    for (const c of ['parse', 'analyze', 'report', 'replay', 'check']) expect(commands).toContain(c);
  });

  test.each(examples.map((e) => [`${e.file}:${e.line}: gosched ${e.args.join(' ')}`, e] as const))('%s', (_, e) => {
    const r = runBuiltCli(e.args, { cwd: scratch });
    expect(r.code, r.stderr).not.toBe(-1);
    expect(firstMissing(e.shown, `${r.stdout}${r.stderr}`.split('\n'))).toBeUndefined();
  });

  test('a line the output lacks, or lines out of order, are caught', () => {
    const output = ['a', 'b 12 KB', 'c'];
    expect(firstMissing(['a', '…', 'c'], output)).toBeUndefined();
    expect(firstMissing(['b 9 KB', 'c   (stderr)'], output)).toBeUndefined();
    expect(firstMissing(['c', 'a'], output)).toBe('a');
    expect(firstMissing(['a', 'd'], output)).toBe('d');
  });
});
