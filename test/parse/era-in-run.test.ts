import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { eraInRun } from '../../src/parse/eras/era-in-run.js';
import { createParser } from '../../src/parse/index.js';
import type { Snapshot } from '../../src/trace/snapshot.js';
import { parseFed } from '../helpers/parse-feeds.js';
import { repoRoot } from '../helpers/samples.js';

/**
 * The end of a real Go 1.26 log (test/fixtures/README.md): five summary dumps in the 1.25+ layout,
 * then the crash dump startpanic_m prints with P/M/G lines and no per-P list, whose own lines read as
 * the Go 1.20 layout, then the panic.
 */
const text = readFileSync(join(repoRoot, 'test/fixtures/procspanic-go1.26-p6-crash-100ms.log'), 'utf8');
const crashAt = text.split('\n').findIndex((l) => l.includes('gcwaiting=')) + 1;

describe('a dump’s era is never older than its run has shown, where the layouts agree', () => {
  for (const feed of ['lines', 'block', 'bytes'] as const) {
    test(`the crash dump of a Go 1.25+ run (${feed})`, () => {
      const { snapshots, counts } = parseFed(text, feed);
      expect(counts.malformed).toBe(0);
      expect(snapshots.map((s) => [s.line, s.era, s.crash === true])).toEqual([
        [1, 'go1.25', false],
        [2, 'go1.25', false],
        [3, 'go1.25', false],
        [4, 'go1.25', false],
        [5, 'go1.25', false],
        [crashAt, 'go1.25', true],
      ]);
      const crash = snapshots[5]!;
      expect(crash.exitText).toBe('panic: assignment to entry in nil map');
      // The crash dump spans its P/M/G lines, the panic and its traceback: the excerpt's end.
      expect(crash.endLine).toBe(text.trimEnd().split('\n').length);
    });
  }

  test('the general key=value readers give the same', () => {
    const snapshots: Snapshot[] = [];
    const p = createParser({ onSnapshot: (s) => snapshots.push(s), fastPaths: false });
    for (const l of text.trimEnd().split('\n')) p.push(l);
    p.end();
    expect(snapshots.map((s) => s.era)).toEqual(Array(6).fill('go1.25'));
  });

  test('the crash dump alone shows the layout its own lines print', () => {
    const alone = text
      .split('\n')
      .slice(crashAt - 1)
      .join('\n');
    for (const feed of ['lines', 'bytes'] as const)
      expect(parseFed(alone, feed).snapshots.map((s) => s.era)).toEqual(['go1.20']);
  });

  test('only a layout the run’s era prints alike takes it', () => {
    // Go 1.25+ prints a detailed dump as Go 1.20-1.24 does; its summary line differs.
    expect(eraInRun('go1.20', true, 'go1.25')).toBe('go1.25');
    expect(eraInRun('go1.20', false, 'go1.25')).toBe('go1.20');
    // A summary line reads as go1.5 up to Go 1.19.
    expect(eraInRun('go1.5', false, 'go1.14')).toBe('go1.14');
    expect(eraInRun('go1.5', false, 'go1.20')).toBe('go1.5');
    // P lines gained timerslen= in 1.14, M lines lost helpgc= in 1.12.
    expect(eraInRun('go1.12', true, 'go1.14')).toBe('go1.12');
    expect(eraInRun('go1.5', true, 'go1.12')).toBe('go1.5');
    // Nothing shown yet, or a newer era than the run's: as detected.
    expect(eraInRun('go1.20', true, 'unknown')).toBe('go1.20');
    expect(eraInRun('go1.25', false, 'go1.20')).toBe('go1.25');
  });
});
