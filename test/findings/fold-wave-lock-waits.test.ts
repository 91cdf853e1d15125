import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { expect, test } from 'vitest';
import { foldWaveLockWaits } from '../../src/findings/checks/injection-burst.js';
import type { Finding } from '../../src/findings/finding.js';
import { parseText } from '../../src/parse/index.js';
import { analyzeTrace } from '../../src/pipeline.js';
import { buildTimelines } from '../../src/trace/timeline-builder.js';

const wave = (tMs: number, tEndMs: number, confidence = 'certain', via = 'io-wait'): Finding =>
  ({
    kind: 'injection-burst',
    run: 0,
    tMs,
    tEndMs,
    confidence,
    explanation: '',
    evidence: { via, gomaxprocs: 4, woken: 200 },
  }) as unknown as Finding;
const locks = (tMs: number, dumps: number, waitersPeak = 31, run = 0): Finding =>
  ({
    kind: 'lock-contention',
    run,
    tMs,
    tEndMs: tMs,
    confidence: 'certain',
    evidence: { dumps, waitersPeak },
  }) as unknown as Finding;

test('lock waiters at one dump a certain wave covers are the wave’s: folded into its evidence, dropped', () => {
  const w = wave(1469, 1489);
  const inside = locks(1469, 1);
  expect(foldWaveLockWaits([w, inside])).toEqual([w]);
  expect(w.evidence).toMatchObject({ lockWaiters: 31 });
});

test('contention over two dumps or more, outside the wave, in another run, or beside a global-queue reading stays', () => {
  const w = wave(1469, 1489);
  const long = locks(1469, 2);
  const outside = locks(1600, 1);
  const otherRun = locks(1469, 1, 31, 1);
  expect(foldWaveLockWaits([w, long, outside, otherRun])).toEqual([w, long, outside, otherRun]);
  const jump = wave(1469, 1469, 'possible', 'global-queue');
  const inside = locks(1469, 1);
  expect(foldWaveLockWaits([jump, inside])).toEqual([jump, inside]);
});

test('real: an HTTP batch on 300 keep-alive connections, 31 handlers in sync.Mutex.Lock at one wave, leads with the waves', () => {
  const raw = readFileSync('samples/labelled/novel7-go1.24/httpburst-p4-detail-20ms.log.gz');
  const { snapshots, trailingGc } = parseText(gunzipSync(raw).toString('utf8'));
  const { findings, headline } = analyzeTrace(buildTimelines(snapshots, trailingGc));
  expect(headline?.kind).toBe('injection-burst');
  expect(findings.some((f) => f.kind === 'lock-contention')).toBe(false);
  const [atLock, ...more] = findings.filter((f) => f.kind === 'injection-burst' && f.tMs === 1469);
  expect(more).toEqual([]);
  expect(atLock!.evidence).toMatchObject({ via: 'io-wait', lockWaiters: 31 });
  expect(atLock!.explanation).toContain('31 goroutines waited for a sync lock');
});

test.each(['novel9-go1.25/chatwave-p4-detail-20ms.log.gz', 'novel9-go1.19/chatwave-p8-detail-20ms.log.gz'])(
  'real: broadcast readers that go from IO wait straight into a shared lock are still the wave (%s)',
  (file) => {
    const raw = readFileSync(`samples/labelled/${file}`);
    const { snapshots, trailingGc } = parseText(gunzipSync(raw).toString('utf8'));
    const { findings, headline } = analyzeTrace(buildTimelines(snapshots, trailingGc));
    expect(headline?.kind).toBe('injection-burst');
    expect(findings.some((f) => f.kind === 'lock-contention')).toBe(false);
    // At least one wave read from IO wait whose woken readers are parked on the presence map's lock.
    const withLock = findings.filter(
      (f) => f.kind === 'injection-burst' && f.evidence.via === 'io-wait' && (f.evidence.lockWaiters ?? 0) > 8,
    );
    expect(withLock.length).toBeGreaterThan(0);
  },
);
