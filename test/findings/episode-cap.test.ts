import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { MAX_EPISODES_PER_KIND } from '../../src/findings/runner.js';
import { TraceAnalyzer, type TraceAnalyzerOptions } from '../../src/findings/trace-analyzer.js';
import { createParser } from '../../src/parse/index.js';
import { samplesDir } from '../helpers/samples.js';

/**
 * A saturated sample's dumps again and again, each copy after the last on the clock: one long run.
 * A dump with every P idle ends each copy, so that no serial step joins one copy's episode to the next.
 */
function longRun(copies: number): string {
  const lines = readFileSync(join(samplesDir, 'go1.26/oversub-p8-20ms-a.log'), 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('SCHED '));
  const times = lines.map((l) => Number(/^SCHED (\d+)ms:/.exec(l)![1]));
  const span = times[times.length - 1]! + times[1]!;
  const out: string[] = [];
  const last = lines[lines.length - 1]!;
  for (let copy = 0; copy < copies; copy++) {
    for (const l of lines) out.push(l.replace(/^SCHED (\d+)ms:/, (_, t) => `SCHED ${Number(t) + copy * span}ms:`));
    const pause = times[times.length - 1]! + times[1]! / 2 + copy * span;
    out.push(last.replace(/^SCHED \d+ms:/, `SCHED ${pause}ms:`).replace(/idleprocs=\d+/, 'idleprocs=8'));
  }
  return out.join('\n');
}

/** The analysis from the byte scanner's rows (columns) or from Snapshots. */
function analyze(text: string, columns: boolean, options: TraceAnalyzerOptions) {
  const a = new TraceAnalyzer(options);
  const p = createParser({
    onSnapshot: (s) => a.push(s),
    ...(columns ? { onSummaryBatch: (b) => a.pushBatch(b) } : {}),
  });
  if (columns) p.pushBytes(new TextEncoder().encode(text), true);
  else for (const l of text.split('\n')) p.push(l);
  p.end();
  return a.result();
}

test('episodes past the per-run cap, only counted, give the analysis a listener (which reads every episode) gets', () => {
  const text = longRun(300);
  for (const columns of [true, false]) {
    const counted = analyze(text, columns, {});
    const heard = analyze(text, columns, { onFinding: () => {} });
    // One episode per copy: past the first MAX_EPISODES_PER_KIND, counted only.
    expect(counted.omitted.saturation).toBe(300 - MAX_EPISODES_PER_KIND);
    expect(counted).toEqual(heard);
  }
});
