import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { LOCK_WAITERS_MIN, lockWaitersThreshold } from '../../src/findings/checks/lock-contention.js';
import type { Finding } from '../../src/findings/finding.js';
import { RunChecker } from '../../src/findings/runner.js';
import { parseText } from '../../src/parse/index.js';
import { analyzeTrace } from '../../src/pipeline.js';
import type { TimelinePoint } from '../../src/trace/timeline.js';
import { buildTimelines } from '../../src/trace/timeline-builder.js';
import { samplesDir } from '../helpers/samples.js';

/** A scheddetail dump of `n` Ps, `idle` of them idle, with `waiters` goroutines in sync.Mutex.Lock. */
function dump(i: number, n: number, idle: number, waiters: number): TimelinePoint {
  return {
    line: 1 + i * 10,
    tMs: i * 1000,
    gomaxprocs: n,
    idleprocs: idle,
    threads: n - idle + 4,
    spinningthreads: 0,
    needspinning: 0,
    idlethreads: 2,
    runqueue: 0,
    runq: new Array<number>(n).fill(0),
    gByStatus: { waiting: waiters, running: n - idle },
    gByReason: { 'sync.Mutex.Lock': waiters },
  };
}

function contention(points: TimelinePoint[]): Finding[] {
  const c = new RunChecker('', 0);
  c.noteRelease('go1.25', true);
  let prev: TimelinePoint | undefined;
  for (const p of points) {
    c.step(prev, p);
    prev = p;
  }
  return c.finish().filter((f) => f.kind === 'lock-contention');
}

describe('lock contention beside idle Ps', () => {
  test('the threshold is a handful, and as many as the Ps running goroutines (at most one per P)', () => {
    expect(lockWaitersThreshold(4, 0)).toBe(LOCK_WAITERS_MIN);
    expect(lockWaitersThreshold(32, 0)).toBe(32);
    expect(lockWaitersThreshold(128, 126)).toBe(LOCK_WAITERS_MIN);
    expect(lockWaitersThreshold(128, 100)).toBe(28);
  });

  test('64 waiters at 128 Ps with 2 running is contention; the same 64 with every P running is not', () => {
    const convoy = contention([0, 1, 2, 3].map((i) => dump(i, 128, 126, 64)));
    expect(convoy).toHaveLength(1);
    expect(convoy[0]!.explanation).toContain('more than the 2 of 128 Ps that were running goroutines');
    expect(contention([0, 1, 2, 3].map((i) => dump(i, 128, 0, 64)))).toHaveLength(0);
  });

  test('a real convoy at 128 Ps (64 goroutines around one mutex) is found on Go 1.26 and, as possible, on Go 1.19', () => {
    for (const [folder, confidence] of [
      ['scale128detail-go1.26', 'certain'],
      ['scale128detail-go1.19', 'possible'],
    ] as const) {
      const raw = readFileSync(join(samplesDir, 'labelled', folder, 'lockhot-p128-detail-1000ms.log.gz'));
      const { snapshots, trailingGc } = parseText(gunzipSync(raw).toString('utf8'));
      const { findings, headline } = analyzeTrace(buildTimelines(snapshots, trailingGc));
      expect(headline?.kind, folder).toBe('lock-contention');
      expect(findings.find((f) => f.kind === 'lock-contention')?.confidence, folder).toBe(confidence);
    }
  });
});
