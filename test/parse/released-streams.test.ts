import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Diagnostic } from '../../src/messages.js';
import { createParser } from '../../src/parse/index.js';
import { MAX_OPEN_STREAMS } from '../../src/parse/limits.js';
import { ReleasedStreams } from '../../src/parse/released-streams.js';
import type { Snapshot } from '../../src/trace/snapshot.js';
import { samplesDir } from '../helpers/samples.js';

// Real Go 1.26 summary lines, printed as two services of a compose project would show them.
const real = readFileSync(join(samplesDir, 'go1.26/oversub-p2-20ms-a.log'), 'utf8')
  .split('\n')
  .filter((l) => l.startsWith('SCHED '));
const compose = (name: string, i: number): string => `${name}  | ${real[i % real.length]}`;

function parseLines(lines: string[]) {
  const snapshots: Snapshot[] = [];
  const diagnostics: Diagnostic[] = [];
  const released: string[] = [];
  const parser = createParser({
    onSnapshot: (s) => snapshots.push(s),
    onDiagnostic: (d) => diagnostics.push(d),
    onStreamReleased: (s) => released.push(s),
  });
  for (const l of lines) parser.push(l);
  return { snapshots, diagnostics, released, counts: parser.end() };
}

describe('streams past MAX_OPEN_STREAMS are released', () => {
  test('up to the limit, nothing is released and each stream is one run', () => {
    const lines: string[] = [];
    for (let round = 0; round < 3; round++)
      for (let i = 0; i < MAX_OPEN_STREAMS; i++) lines.push(compose(`svc-${i}`, round));
    const r = parseLines(lines);
    expect(r.released).toEqual([]);
    expect(r.diagnostics.filter((d) => d.code === 'stream-released')).toEqual([]);
    expect(new Set(r.snapshots.map((s) => s.run))).toEqual(new Set([0]));
  });

  test('round-robin over more streams than the limit: each line is accounted for, every (stream, run) distinct', () => {
    const n = MAX_OPEN_STREAMS * 3;
    const lines: string[] = [];
    for (let round = 0; round < 2; round++) for (let i = 0; i < n; i++) lines.push(compose(`svc-${i}`, round));
    const r = parseLines(lines);
    expect(r.counts.lines).toBe(lines.length);
    expect(r.counts.schedtrace).toBe(lines.length);
    expect(r.snapshots).toHaveLength(lines.length);
    const keys = r.snapshots.map((s) => `${s.stream}\u0000${s.run}`);
    expect(new Set(keys).size).toBe(keys.length);
    // A stream that comes back after its release starts a run numbered by the line it resumes at.
    const second = r.snapshots.filter((s) => s.run !== 0);
    expect(second.length).toBeGreaterThan(0);
    for (const s of second) expect(s.run).toBeLessThanOrEqual(s.line);
    const releasedDiagnostics = r.diagnostics.filter((d) => d.code === 'stream-released');
    expect(releasedDiagnostics).toHaveLength(r.released.length);
    expect(releasedDiagnostics[0]!.message).toMatch(/idle while \d+ other streams were active/);
    // Never more than MAX_OPEN_STREAMS open: everything beyond was released before the end.
    expect(r.released.length).toBeGreaterThanOrEqual(2 * n - MAX_OPEN_STREAMS);
  });

  test('a stream printing all along is never released, however many others come and go', () => {
    const lines: string[] = [];
    for (let i = 0; i < MAX_OPEN_STREAMS * 4; i++) {
      lines.push(compose(`short-${i}`, i));
      if (i % 50 === 0) lines.push(compose('api', i / 50));
    }
    const r = parseLines(lines);
    expect(r.released).not.toContain('api');
    expect(new Set(r.snapshots.filter((s) => s.stream === 'api').map((s) => s.run)).size).toBeGreaterThanOrEqual(1);
    expect(r.snapshots.filter((s) => s.stream === 'api').every((s) => s.run < 100)).toBe(true);
  });

  test('the unnamed stream read in place is released and resumed like a named one', () => {
    const lines: string[] = [real[0]!];
    for (let i = 0; i < MAX_OPEN_STREAMS + 10; i++) lines.push(compose(`svc-${i}`, 0));
    lines.push(real[1]!);
    const parser = createParser({ onSnapshot: (s) => snaps.push(s), onStreamReleased: (s) => released.push(s) });
    const snaps: Snapshot[] = [];
    const released: string[] = [];
    parser.pushBlock(lines.join('\n'), true);
    const counts = parser.end();
    expect(counts.lines).toBe(lines.length);
    expect(released).toContain('');
    const plain = snaps.filter((s) => s.stream === '');
    expect(plain).toHaveLength(2);
    expect(plain[1]!.run).toBeGreaterThan(plain[0]!.run);
  });
});

describe('ReleasedStreams', () => {
  test('holds every name added, and rarely one never added', () => {
    const set = new ReleasedStreams();
    expect(set.mayHold('svc-0')).toBe(false);
    for (let i = 0; i < 200_000; i++) set.add(`svc-${i}`);
    for (let i = 0; i < 200_000; i += 7) expect(set.mayHold(`svc-${i}`)).toBe(true);
    let falsePositives = 0;
    for (let i = 0; i < 200_000; i++) if (set.mayHold(`other-${i}`)) falsePositives++;
    expect(falsePositives).toBeLessThan(20);
  });
});
