import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { samplesDir } from '../helpers/samples.js';
import { unwrapLines } from './envelope-helpers.js';

// samples/envelopes/* are real logs (samples/go1.26) wrapped by scripts/wrap-envelopes.mjs;
// index.json names the source(s) of each. Unwrapping must give back each source's lines.
const dir = join(samplesDir, 'envelopes');
const index: { file: string; sources: string[] }[] = existsSync(join(dir, 'index.json'))
  ? JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8'))
  : [];
const SKIP = new Set(['mixed-foreign.log']); // a mix of text, not one envelope around whole logs
const cases = index.filter((e) => !e.file.endsWith('.gz') && !SKIP.has(e.file));

function lines(text: string): string[] {
  const l = text.split('\n');
  if (l.at(-1) === '') l.pop();
  return l;
}

describe.runIf(cases.length > 0)('real samples in envelopes', () => {
  it.each(cases.map((c) => [c.file, c] as const))('%s', (_file, c) => {
    const physical = lines(readFileSync(join(dir, c.file), 'utf8'));
    const { out, diagnostics } = unwrapLines(physical);
    expect(diagnostics).toEqual([]);
    expect(out.reduce((n, l) => n + l.physicalLines, 0)).toBe(physical.length);
    expect(out.every((l) => l.envelope !== 'none') || c.file === 'crlf.log').toBe(true);

    const byStream = new Map<string, string[]>();
    for (const l of out) byStream.set(l.stream, [...(byStream.get(l.stream) ?? []), l.text]);
    expect(byStream.size).toBe(c.sources.length);
    for (const source of c.sources) {
      const want = lines(readFileSync(join(samplesDir, source), 'utf8'));
      const got = [...byStream.values()].find((texts) => texts[0] === want[0] && texts.length <= want.length);
      expect(got, `a stream holding ${source}`).toBeDefined();
      expect(got).toEqual(want.slice(0, got!.length));
      expect(got!.filter((t) => t.startsWith('SCHED')).length).toBeGreaterThan(0);
    }
  });
});
