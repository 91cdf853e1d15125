import { describe, expect, test } from 'vitest';
import type { Finding } from '../../src/findings/finding.js';
import type { FindingEvent } from '../../src/findings/runner.js';
import { TraceAnalyzer } from '../../src/findings/trace-analyzer.js';
import { parseText } from '../../src/parse/index.js';
import { readLog } from '../helpers/log-findings.js';

const read = (path: string) => readLog(`samples/${path}`);

/** Every episode of the log as it opened and as it closed, paired by kind, P and first line. */
function episodes(path: string): { open: Finding; close: Finding }[] {
  const events: FindingEvent[] = [];
  const analyzer = new TraceAnalyzer({ onFinding: (e) => events.push(e) });
  for (const s of parseText(read(path)).snapshots) analyzer.push(s);
  analyzer.result();
  const key = (f: Finding) => `${f.kind} ${f.p ?? '-'} ${f.line}`;
  const opened = new Map(events.filter((e) => e.type === 'open').map((e) => [key(e.finding), e.finding]));
  return events
    .filter((e) => e.type === 'close')
    .map((e) => ({ open: opened.get(key(e.finding))!, close: e.finding }))
    .filter((x) => x.open !== undefined);
}

/** What each kind's reason counts, as its closed episode's evidence counts it. */
const counted: Record<string, (f: Finding) => { said: RegExp; evidence: number }> = {
  saturation: (f) => ({
    said: /in (\d+) (?:consecutive dumps|of \d+ dumps)/,
    evidence: f.kind === 'saturation' ? f.evidence.dumps : Number.NaN,
  }),
  imbalance: (f) => ({ said: /led in (\d+) consecutive dumps/, evidence: f.episode.hits }),
  'lock-contention': (f) => ({
    said: /(\d+) goroutines/,
    evidence: f.kind === 'lock-contention' ? f.evidence.waitersPeak : Number.NaN,
  }),
  'goroutine-leak': (f) => ({
    said: /new high at (\d+) dumps/,
    evidence: f.kind === 'goroutine-leak' ? f.evidence.newHighs : Number.NaN,
  }),
};

describe('a closed episode states the reason for its confidence from all of its dumps', () => {
  test.each([
    ['saturation', 'programs/manyps-go1.26-p2048-100ms.log.gz'],
    ['imbalance', 'labelled/novel10-go1.22/hubwake-wake-p96-50ms.log'],
    ['lock-contention', 'labelled/go1.25/lockhot-p4-detail-100ms.log'],
    ['lock-contention', 'labelled/go1.19/lockhot-p4-detail-100ms.log'],
    ['goroutine-leak', 'labelled/novel12-go1.26/wgleak-p6-detail-100ms.log.gz'],
  ])('%s on %s', (kind, path) => {
    const pairs = episodes(path).filter((x) => x.close.kind === kind);
    expect(pairs.length).toBeGreaterThan(0);
    let grew = 0;
    for (const { open, close } of pairs) {
      const { said, evidence } = counted[kind]!(close);
      // The hit that opened the episode counted what had been seen by then; the closed one, all of it.
      expect(Number(said.exec(close.confidenceReason)?.[1]), close.confidenceReason).toBe(evidence);
      const before = Number(said.exec(open.confidenceReason)?.[1]);
      expect(before).toBeLessThanOrEqual(evidence);
      if (before < evidence) grew++;
    }
    expect(grew, 'an episode that went on past its first hit').toBeGreaterThan(0);
  });
});
