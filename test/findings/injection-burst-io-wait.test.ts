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
