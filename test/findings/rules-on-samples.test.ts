import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Finding } from '../../src/findings/finding.js';
import { RunChecker } from '../../src/findings/runner.js';
import { TraceAnalyzer, analyzeRun, stepTimeline } from '../../src/findings/trace-analyzer.js';
import { OVERFLOW_BATCH } from '../../src/trace/runtime-constants.js';
import { createParser, parseText } from '../../src/parse/index.js';
import { analyzeTrace } from '../../src/pipeline.js';
import { buildTimelines } from '../../src/trace/timeline-builder.js';
import { realSampleLogs, samplesDir } from '../helpers/samples.js';

function analyzeFile(rel: string): { findings: Finding[]; lines: string[] } {
  const text = readFileSync(join(samplesDir, rel), 'utf8');
  const r = parseText(text);
  return { findings: buildTimelines(r.snapshots).flatMap(analyzeRun), lines: text.split('\n') };
}

function analyzeText(text: string): Finding[] {
  return buildTimelines(parseText(text).snapshots).flatMap(analyzeRun);
}

/** Line numbers (1-based) whose text matches, found with a regex independent of the parser. */
function linesMatching(lines: string[], re: RegExp): number[] {
  return lines.flatMap((l, i) => (re.test(l) ? [i + 1] : []));
}

describe('findings on real logs', () => {
  test('56 Ps on fewer cores: Ps idle beside the backlog while an M spins are reported as saturation, headline first', () => {
    const { findings } = analyzeFile('labelled/scale/saturate-p56-50ms.log');
    expect(findings.map((f) => f.kind)).toEqual(['saturation']);
    const s = findings[0]!;
    if (s.kind !== 'saturation') throw new Error('kind');
    expect(s.evidence.cpuStarvedDumps).toBeGreaterThan(10);
    expect(s.explanation).toContain('spinning');
    // Run long enough for every M to start, the same program ends with every P busy.
    const long = analyzeFile('labelled/scale/saturate-p56-100ms-6s.log').findings;
    expect(long[0]?.kind).toBe('saturation');
    expect(long[0]?.explanation).toMatch(/^CPU saturation: every P busy with a backlog in \d+ of/);
  });

  // Jumps the check declines, each for a stated reason. go1.19/overflow-p1-10ms-c line 3: 4257 → 4771
  // in 18 ms with the ring 171 → 61 is 4×129 − 2 and also 4×128 + 2 (a netpoll-wave fit), and a Go
  // 1.19 summary line has no schedticks, so with every P busy nothing bounds what Gosched loops moved
  // (otherPathsBound): neither the ring nor the arithmetic pins an overflow.
  const DECLINED_JUMPS = new Set(['go1.19/overflow-p1-10ms-c.log:3']);
  test('GOMAXPROCS=1 spawn bursts: local-overflow at each burst, global growth a multiple of 129 deep', () => {
    for (const rel of realSampleLogs().filter((f) => f.includes('overflow-p1'))) {
      const { findings, lines } = analyzeFile(rel);
      const overflows = findings.filter((f) => f.kind === 'local-overflow');
      expect(overflows.length, rel).toBeGreaterThan(0);
      // Independent oracle: consecutive SCHED lines where runqueue jumps by >= 129.
      const rq = lines.map((l) => /runqueue=(\d+)/.exec(l)?.[1]).map((v) => (v === undefined ? undefined : Number(v)));
      const jumps: number[] = [];
      let prev: number | undefined;
      rq.forEach((v, i) => {
        if (v === undefined) return;
        if (prev !== undefined && v - prev >= OVERFLOW_BATCH) jumps.push(i + 1);
        prev = v;
      });
      // Consecutive spills merge into one finding whose range (line .. lastLine) covers them.
      for (const f of overflows) expect(jumps, rel).toContain(f.line);
      for (const j of jumps) {
        if (DECLINED_JUMPS.has(`${rel}:${j}`)) continue;
        expect(
          overflows.some((f) => f.line <= j && j <= f.lastLine),
          `${rel} line ${j}`,
        ).toBe(true);
      }
      // Spills come in batches of 129 (128 oldest + the new G): a one-dump episode's growth (or, when
      // the queue drained first, its new length) sits within the stated tolerance of k×129.
      for (const f of overflows) {
        if (f.kind !== 'local-overflow') continue;
        const e = f.evidence;
        expect(f.episode.moved).toBe(e.overflows * 129);
        if (f.episode.hits > 1) continue;
        const figure = e.drainedFirst ? e.globalAfter : e.growth;
        expect(Math.abs(figure - e.overflows * 129), `${rel} line ${f.line}`).toBeLessThanOrEqual(e.tolerance);
      }
    }
  });

  test('every crash log yields crash-dump at the detailed SCHED line before the panic', () => {
    const crashes = realSampleLogs().filter((f) => f.includes('crash'));
    expect(crashes.length).toBeGreaterThanOrEqual(6);
    for (const rel of crashes) {
      const { findings, lines } = analyzeFile(rel);
      const dumpLines = linesMatching(lines, /^SCHED \d+ms: .*gcwaiting=/);
      expect(
        findings.filter((f) => f.kind === 'crash-dump').map((f) => f.line),
        rel,
      ).toEqual(dumpLines);
    }
  });

  test('thread-growth: busy, idle and locked threads are of one dump and add up to its threads', () => {
    let seen = 0;
    for (const rel of realSampleLogs()) {
      for (const f of analyzeFile(rel).findings) {
        if (f.kind !== 'thread-growth') continue;
        const e = f.evidence;
        seen++;
        expect(e.busyThreadsPeak + e.idlethreads + (e.lockedThreads ?? 0), `${rel} line ${f.line}`).toBe(e.threads);
        expect(f.explanation).toContain(`→ ${e.threads} at that dump, ${e.idlethreads} of them idle`);
      }
    }
    expect(seen).toBeGreaterThan(3);
  });

  test('a scheddetail dump cut inside its P lines (the process exited while sysmon printed it) is no invariant violation', () => {
    const text = readFileSync(join(samplesDir, 'go1.26/gcheavy-p4-detail-100ms.log'), 'utf8');
    const lines = text.split('\n');
    const last = lines.findLastIndex((l) => l.startsWith('SCHED '));
    // The last dump's head and its first P line, then half of the second P line.
    const cut = [...lines.slice(0, last + 2), lines[last + 2]!.slice(0, 30)].join('\n');
    expect(lines[last + 2]).toMatch(/^ {2}P1: /);
    const parsed = parseText(cut);
    expect(parsed.diagnostics.map((d) => d.code)).toContain('truncated-dump');
    const found = analyzeText(cut);
    expect(found.filter((f) => f.kind === 'invariant-violation')).toEqual([]);
    // What the whole log reports, the cut one reports too.
    const kinds = (fs: Finding[]) => [...new Set(fs.map((f) => f.kind))].sort();
    expect(kinds(found)).toEqual(kinds(analyzeText(text)));
  });

  test('a crash dump cut before its G lines claims no goroutine count', () => {
    const rel = realSampleLogs().find((f) => f.includes('crash'))!;
    const text = readFileSync(join(samplesDir, rel), 'utf8');
    const lines = text.split('\n');
    const dump = lines.findIndex((l) => /^SCHED \d+ms: .*gcwaiting=/.test(l));
    const firstG = lines.findIndex((l, i) => i > dump && l.startsWith('  G'));
    const whole = analyzeText(text).filter((f) => f.kind === 'crash-dump');
    const cut = analyzeText(lines.slice(0, firstG).join('\n')).filter((f) => f.kind === 'crash-dump');
    expect(whole[0]?.explanation, rel).toMatch(/with \d+ goroutines, \d+ running/);
    expect(cut).toHaveLength(1);
    expect(cut[0]!.explanation).toContain('goroutine lines are not in the log');
    expect(cut[0]!.explanation).not.toMatch(/with 0 goroutines/);
  });

  test('resize: changes of the per-P list length 400 ms apart are one gomaxprocs-change episode that counts them', () => {
    // The resize program's captures (GOMAXPROCS stepped several times), not resizesat's one change.
    for (const rel of realSampleLogs().filter((f) => /(^|\/)resize-/.test(f))) {
      const { findings, lines } = analyzeFile(rel);
      const lengths = lines.flatMap((l) => {
        const m = /gomaxprocs=(\d+)/.exec(l);
        return m ? [Number(m[1])] : [];
      });
      const changes = lengths.filter((n, i) => i > 0 && n !== lengths[i - 1]).length;
      expect(changes, rel).toBeGreaterThan(2);
      const episodes = findings.flatMap((f) => (f.kind === 'gomaxprocs-change' ? [f] : []));
      expect(episodes, rel).toHaveLength(1);
      const path = lengths.filter((n, i) => i === 0 || n !== lengths[i - 1]);
      expect(episodes[0]!.evidence, rel).toMatchObject({ changes, path, from: path[0], to: path.at(-1) });
      expect(episodes[0]!.explanation, rel).toContain(`changed at least ${changes} times`);
    }
  });

  test('restart: a second run starts where SCHED 0ms comes again', () => {
    const { findings, lines } = analyzeFile('go1.26/restart-p2-100ms.log');
    const zeros = linesMatching(lines, /^SCHED 0ms:/);
    expect(findings.filter((f) => f.kind === 'restart').map((f) => f.line)).toEqual(zeros.slice(1));
  });

  test('blocking syscalls: thread-growth whose peak is the largest threads= in the log, possible without scheddetail', () => {
    const logs = realSampleLogs().filter((f) => f.includes('syscalls'));
    let seen = 0;
    for (const rel of logs) {
      const { findings, lines } = analyzeFile(rel);
      const tg = findings.filter((f) => f.kind === 'thread-growth');
      if (tg.length === 0) continue;
      seen++;
      const maxThreads = Math.max(...lines.map((l) => Number(/ threads=(\d+)/.exec(l)?.[1] ?? 0)));
      expect(Math.max(...tg.map((f) => (f.kind === 'thread-growth' ? f.evidence.threadsPeak : 0)))).toBe(maxThreads);
      for (const f of tg) expect(f.confidence, rel).toBe('possible');
      for (const f of tg) expect(f.explanation).toContain('LockOSThread');
    }
    expect(seen).toBeGreaterThan(0);
  });

  test('an idle program raises no finding at all', () => {
    const { findings } = analyzeFile('go1.26/idle-p8-250ms.log');
    expect(findings).toEqual([]);
  });

  test('a LockOSThread log with scheddetail: locked threads are not thread growth', () => {
    const { findings } = analyzeFile('go1.26/locked-p2-50ms.log');
    expect(findings.filter((f) => f.kind === 'thread-growth' && f.confidence !== 'possible')).toEqual([]);
  });

  test('streaming TraceAnalyzer agrees with analyzeTrace over in-memory timelines', () => {
    for (const rel of realSampleLogs()) {
      const text = readFileSync(join(samplesDir, rel), 'utf8');
      const r = parseText(text);
      const a = new TraceAnalyzer();
      // As the commands read: a run's trailing cycles before it closes, a stream's end as it ends.
      const p = createParser({
        onSnapshot: (s) => a.push(s),
        onTrailingGc: (stream, run, gc, line) => a.trailingGc(stream, run, gc, line),
        onStreamReleased: (stream) => a.release(stream),
      });
      p.pushBytes(new TextEncoder().encode(text), true);
      p.end();
      const streamed = a
        .result()
        .findings.map((f) => `${f.kind}@${f.line}`)
        .sort();
      // Run by run, then the trace's restarts read together (processes side by side).
      const inMemory = analyzeTrace(buildTimelines(r.snapshots, r.trailingGc))
        .findings.map((f) => `${f.kind}@${f.line}`)
        .sort();
      expect(streamed, rel).toEqual(inMemory);
    }
  });

  test('one runner restarted run after run finds what a fresh runner per run finds', () => {
    // Every sample's runs in turn, so each check's reset state follows runs that left it dirty.
    const timelines = realSampleLogs().flatMap((rel) => {
      const r = parseText(readFileSync(join(samplesDir, rel), 'utf8'));
      return buildTimelines(r.snapshots, r.trailingGc);
    });
    let reused: RunChecker | undefined;
    for (const t of timelines) {
      reused = reused?.restart(t.stream, t.run) ?? new RunChecker(t.stream, t.run);
      stepTimeline(reused, t);
      const omitted = { ...reused.omitted };
      expect(reused.finish(), `${t.stream} run ${t.run}`).toEqual(analyzeRun(t));
      expect(omitted).toEqual(reused.omitted);
    }
  });
});
