import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import type { Finding } from '../../src/findings/finding.js';
import { parseText } from '../../src/parse/index.js';
import { analyzeTrace } from '../../src/pipeline.js';
import { buildTimelines } from '../../src/trace/timeline-builder.js';
import { samplesDir } from '../helpers/samples.js';

function findingsOf(file: string): Finding[] {
  const text = gunzipSync(readFileSync(join(samplesDir, 'labelled', file))).toString('utf8');
  return analyzeTrace(buildTimelines(parseText(text).snapshots)).findings;
}

const bursts = (fs: Finding[]) => fs.filter((f) => f.kind === 'injection-burst');

describe('injection-burst from the IO wait count of real scheddetail dumps', () => {
  test('netburst (400 connections readied together, Go 1.26, 4 Ps): one certain finding per wave, from the G lines', () => {
    const fs = bursts(findingsOf('go1.26/netburst-p4-detail-10ms.log.gz'));
    // 6 write waves, 250 ms apart from 250 ms on.
    expect(fs.length).toBe(6);
    for (const f of fs) {
      expect(f.confidence).toBe('certain');
      if (f.kind !== 'injection-burst' || f.evidence.via !== 'io-wait') throw new Error('not read from IO wait');
      const e = f.evidence;
      expect(e.woken).toBe(e.ioWaitBefore - e.ioWaitAfter);
      expect(e.woken).toBeGreaterThan(4);
      expect(e.runnable - e.runnableBefore).toBeGreaterThan(4);
      // The 400 handlers plus the listener's accept loop park in IO wait between waves.
      expect(e.ioWaitBefore).toBe(401);
    }
    const first = fs.find((f) => f.tMs === 312)!;
    expect(first.evidence).toMatchObject({ ioWaitBefore: 401, ioWaitAfter: 179, woken: 222, runnable: 218 });
    expect(first.explanation).toContain(
      'At least 222 goroutines waiting on network I/O were woken (IO wait 401 → 179)',
    );
  });

  test('netburst at 16 Ps: the waves the dumps caught are reported, and a fall of 5 (fewer than the Ps) is not', () => {
    const fs = bursts(findingsOf('go1.26/netburst-p16-detail-10ms.log.gz'));
    expect(fs.map((f) => f.tMs).sort((a, b) => a! - b!)).toEqual([304, 844, 1088, 1618]);
    expect(fs.every((f) => f.confidence === 'certain')).toBe(true);
  });

  test.each(['go1.26/fanout-p4-detail-10ms.log.gz', 'go1.26/fanout-p16-detail-10ms.log.gz'])(
    'the fanout control (newproc from a timer-woken goroutine, no network wait) gives no injection-burst: %s',
    (file) => {
      expect(bursts(findingsOf(file))).toEqual([]);
    },
  );
});

describe('where injectglist queued the wave, as the run’s release did', () => {
  // Up to Go 1.14 injectglist put its whole list on the global queue (globrunqput of each, proc.go of
  // 1.13.15 and 1.14.15); from Go 1.15 a poller holding a P queues one per idle P there and the rest
  // on its own ring. The layout tells the release apart only in part.
  const waveWords = (file: string) =>
    bursts(findingsOf(file))
      .filter((f) => f.kind === 'injection-burst' && f.evidence.via === 'io-wait')
      .map((f) => f.explanation);
  const split = "injectglist puts one goroutine per idle P on the global queue and the rest on the polling P's ring";
  test.each([
    // scheddetail with helpgc= on the M lines: Go 1.5-1.11.
    [
      'go1.7/netburst-p4-detail-10ms.log.gz',
      'injectglist puts the whole list on the global queue, as it did before Go 1.15',
    ],
    // P lines without timerslen=: Go 1.12-1.13.
    [
      'go1.13/netburst-p4-detail-10ms.log.gz',
      'injectglist puts the whole list on the global queue, as it did before Go 1.15',
    ],
    // timerslen= without needspinning=: Go 1.14-1.19, either.
    ['go1.18/netburst-p4-detail-10ms.log.gz', `${split}, from Go 1.15; before, the whole list on the global queue`],
    ['go1.26/netburst-p4-detail-10ms.log.gz', `${split}),`],
  ])('%s', (file, said) => {
    const words = waveWords(file);
    expect(words.length).toBeGreaterThan(0);
    for (const w of words) expect(w).toContain(said);
  });
});

describe('the labelled netburst captures show where each release queued the waves', () => {
  // The same program (400 connections made readable together, 4 Ps, scheddetail) on 12 releases:
  // up to Go 1.14 every wave's dump holds goroutines on the global queue; from Go 1.15 the poller's
  // ring takes them (at most one wave dump of a log shows any on the global queue).
  const waves = (release: string) =>
    bursts(findingsOf(`${release}/netburst-p4-detail-10ms.log.gz`)).flatMap((f) =>
      f.kind === 'injection-burst' && f.evidence.via === 'io-wait' ? [f.evidence] : [],
    );
  test.each(['go1.10', 'go1.11', 'go1.12', 'go1.13', 'go1.14'])('%s: on the global queue', (release) => {
    const w = waves(release);
    expect(w.length).toBeGreaterThanOrEqual(3);
    for (const e of w) expect(e.globalAfter).toBeGreaterThan(0);
  });
  test.each(['go1.15', 'go1.16', 'go1.17', 'go1.18', 'go1.20', 'go1.22', 'go1.26'])('%s: on the rings', (release) => {
    const w = waves(release);
    expect(w.length).toBe(6);
    expect(w.filter((e) => e.globalAfter > 0).length).toBeLessThanOrEqual(1);
    expect(Math.max(...w.map((e) => e.maxLocal))).toBeGreaterThan(60);
  });
});
