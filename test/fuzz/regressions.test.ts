/**
 * Every `.case` file in test/fuzz/cases (written by `npm run fuzz` when a mutated log broke a rule,
 * or by hand for a failure found otherwise) through parse, analyze, replay and report, in-process:
 * exit 0 or 2, no stack trace or internal error, and every line accounted for.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';

const casesDir = join(import.meta.dirname, 'cases');
const scratch = mkdtempSync(join(tmpdir(), 'gosched-fuzz-cases-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function readFuzzCase(path: string): { gzip: boolean; text: Buffer } {
  const s = readFileSync(path, 'utf8');
  const gzip = /-- gzip --\nyes\n/.test(s);
  const b64 = s.slice(s.indexOf('-- log base64 --\n') + '-- log base64 --\n'.length).replace(/\s+/g, '');
  return { gzip, text: Buffer.from(b64, 'base64') };
}

function lineCount(text: Buffer): number {
  if (text.length === 0) return 0;
  let n = 0;
  for (const b of text) if (b === 10) n++;
  return text[text.length - 1] === 10 ? n : n + 1;
}

let stderr = '';
beforeEach(() => {
  stderr = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => {
    stderr += String(s);
    return true;
  });
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
});
afterEach(() => vi.restoreAllMocks());

const files = readdirSync(casesDir).filter((f) => f.endsWith('.case'));

describe('fuzz regression cases', () => {
  test('there are some', () => expect(files.length).toBeGreaterThan(0));

  test.each(files)('%s', async (name) => {
    const c = readFuzzCase(join(casesDir, name));
    const input = join(scratch, `${name}${c.gzip ? '.gz' : '.log'}`);
    writeFileSync(input, c.gzip ? gzipSync(c.text) : c.text);
    for (const [cmd, ...extra] of [
      ['parse', '--format', 'json'],
      ['analyze', '--json'],
      ['replay', '--json', '--no-residuals'],
      ['report'],
    ] as const) {
      const out = join(scratch, `${name}.${cmd}.out`);
      stderr = '';
      const started = performance.now();
      const code = await runCli([cmd, input, ...extra, '-o', out]);
      expect([0, 2], `${cmd}: ${stderr}`).toContain(code);
      expect(stderr).not.toMatch(/internal error|^\s+at .+:\d+:\d+\)?$/m);
      expect(performance.now() - started, `${cmd} time`).toBeLessThan(30_000);
      if (code === 0 && cmd !== 'report') {
        // replay --json is NDJSON whose last record (fidelity) carries the counts.
        const last = readFileSync(out, 'utf8').trimEnd().split('\n').at(-1)!;
        const k = (
          JSON.parse(cmd === 'replay' ? last : readFileSync(out, 'utf8')) as { counts: Record<string, number> }
        ).counts;
        expect(k.lines).toBe(k.schedtrace! + (k.gctrace ?? 0) + k.foreign! + k.malformed!);
        expect(k.lines).toBe(lineCount(c.text));
      }
    }
  });
});
