import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { BesideHold, type HeldRun } from '../../src/findings/beside-hold.js';
import { BESIDE_RUNS, decideBeside } from '../../src/findings/checks/restart.js';
import type { Finding } from '../../src/findings/finding.js';
import { TraceAnalyzer } from '../../src/findings/trace-analyzer.js';
import { createParser, parseText } from '../../src/parse/index.js';
import { checkTrace } from '../../src/pipeline.js';
import { buildTimelines } from '../../src/trace/timeline-builder.js';
import { realSampleLogs, samplesDir } from '../helpers/samples.js';

const brief = (fs: readonly Finding[]) => fs.map((f) => `${f.kind}:${f.confidence}@${f.line}`);

/** Each run's findings as `check` judges them streaming: runs as they close, restarts held by BesideHold. */
function streamedRuns(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const held = new BesideHold<HeldRun>((r) => out.set(`${r.stream}#${r.run}`, brief(r.findings)));
  const a = new TraceAnalyzer({
    onRun: (summary, _kinds, findings) =>
      held.closed({ stream: summary.stream, run: summary.run, findings: [...findings] }),
    onBeside: (e) => held.evidence(e),
  });
  const p = createParser({
    onSnapshot: (s) => a.push(s),
    onTrailingGc: (stream, run, gc, line) => a.trailingGc(stream, run, gc, line),
    onStreamReleased: (stream) => {
      a.release(stream);
      held.end(stream);
    },
  });
  p.pushBytes(new TextEncoder().encode(text), true);
  p.end();
  a.result();
  held.end();
  return out;
}

/** Each run's findings as the in-memory gate (checkTrace) judges them. */
function inMemoryRuns(text: string): Map<string, string[]> {
  const r = parseText(text);
  const gate = checkTrace(buildTimelines(r.snapshots, r.trailingGc), { failOn: [] });
  return new Map(gate.runs.map((v) => [`${v.stream}#${v.run}`, brief(v.findings)]));
}

const dump = (t: number) =>
  `SCHED ${t}ms: gomaxprocs=2 idleprocs=0 threads=4 spinningthreads=0 needspinning=0 idlethreads=1 runqueue=0 [0 0] schedticks=[1 1]`;
const log = (lines: (number | string)[]) => `${lines.map((l) => (typeof l === 'number' ? dump(l) : l)).join('\n')}\n`;

describe('restarts of processes side by side, judged run by run', () => {
  test('check (streaming, held) and the in-memory gate give every run of every sample the same findings', () => {
    for (const rel of realSampleLogs()) {
      const text = readFileSync(join(samplesDir, rel), 'utf8');
      expect(streamedRuns(text), rel).toEqual(inMemoryRuns(text));
    }
  });

  test('runs that began before a process printed again are no restarts, in both; a crash loop’s are', () => {
    // A process at 0-200 ms, three one-dump processes, then the first again at 300 ms: they began beside it.
    const beside = log([0, 100, 200, 0, 0, 0, 300, 400]);
    const streamed = streamedRuns(beside);
    expect(streamed).toEqual(inMemoryRuns(beside));
    for (const run of [1, 2, 3]) expect(streamed.get(`#${run}`)).toEqual([`restart:possible@${run + 3}`]);
    // Nobody prints again: restarts, certain, even when the runs are held past BESIDE_RUNS.
    const loop = log(Array.from({ length: BESIDE_RUNS + 5 }, () => [0, 100, 200]).flat());
    const runs = streamedRuns(loop);
    expect(runs).toEqual(inMemoryRuns(loop));
    expect([...runs.values()].filter((f) => f.length > 0).every((f) => /^restart:certain@/.test(f[0]!))).toBe(true);
    expect(runs.size).toBe(BESIDE_RUNS + 5);
  });

  test('evidence later than BESIDE_RUNS runs is not used, by the hold as by decideBeside', () => {
    const restartOf = (run: number): Finding =>
      ({
        kind: 'restart',
        stream: '',
        run,
        line: run,
        confidence: 'certain',
        evidence: { run, exitText: null, priorOutput: null, firstMs: 0 },
      }) as unknown as Finding;
    for (const late of [0, 1]) {
      const released: HeldRun[] = [];
      const held = new BesideHold<HeldRun>((r) => released.push(r));
      held.closed({ stream: '', run: 1, findings: [restartOf(1)] });
      // Runs 2 to BESIDE_RUNS close; evidence comes while run BESIDE_RUNS + 1 (+ late) is open.
      for (let r = 2; r <= BESIDE_RUNS + late; r++) held.closed({ stream: '', run: r, findings: [] });
      const e = { stream: '', from: 0, to: BESIDE_RUNS + 1 + late };
      held.evidence(e);
      held.end();
      const one = released.find((r) => r.run === 1)!;
      const decided = decideBeside([restartOf(1)], [e]);
      expect(one.findings[0]!.confidence, `late ${late}`).toBe(late === 0 ? 'possible' : 'certain');
      expect(one.findings[0]!.confidence).toBe(decided[0]!.confidence);
    }
  });

  test('a run right after the go command’s header for a package’s build output is a compiler’s, not a restart', () => {
    const text = log([
      0,
      100,
      'panic: boom',
      '',
      'goroutine 1 [running]:',
      0,
      '# internal/cpu',
      0,
      '# crypto/x [crypto/x.test]',
      0,
    ]);
    const runs = streamedRuns(text);
    expect(runs).toEqual(inMemoryRuns(text));
    expect(runs.get('#1')).toEqual(['restart:certain@6']);
    expect(runs.get('#2')).toEqual(['restart:possible@8']);
    expect(runs.get('#3')).toEqual(['restart:possible@10']);
  });
});
