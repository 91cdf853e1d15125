import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseText } from '../../src/parse/index.js';
import { replayTimelines, whatIf } from '../../src/replay/index.js';
import { dyingInterval, REPLAY_LIMITS } from '../../src/replay/interval-guard.js';
import { FREEZE_STOP_WAIT } from '../../src/trace/runtime-constants.js';
import { buildTimelines } from '../../src/trace/timeline-builder.js';

const real = readFileSync('samples/go1.26/oversub-p2-20ms-a.log', 'utf8').split('\n').filter(Boolean);

/** The real log with line `n` (1-based) edited. */
function edited(n: number, edit: (line: string) => string) {
  const lines = [...real];
  lines[n - 1] = edit(lines[n - 1]!);
  return buildTimelines(parseText(lines.join('\n')).snapshots);
}

describe('intervals no runtime prints are skipped and reported, not simulated', () => {
  it('a time jump to 99999999999ms (which made replay run for ever)', () => {
    // Keep time rising after the jump so it stays one run: every later time shifted by the jump.
    const lines = real.map((l, i) =>
      i >= 20 ? l.replace(/^SCHED (\d+)ms/, (_, t) => `SCHED ${Number(t) + 99_999_999_000}ms`) : l,
    );
    const tl = buildTimelines(parseText(lines.join('\n')).snapshots);
    expect(tl).toHaveLength(1);
    const started = performance.now();
    const r = replayTimelines(tl, { seed: 1 });
    const w = whatIf(tl[0]!, { gomaxprocs: 4 });
    expect(performance.now() - started).toBeLessThan(20_000);
    const sk = r.runs[0]!.skipped!;
    expect(sk).toHaveLength(1);
    expect(sk[0]).toMatchObject({ fromLine: 20, toLine: 21 });
    expect(sk[0]!.reason).toMatch(/^a gap of 99999999\d+ ms between two dumps/);
    // Intervals on both sides are still replayed.
    expect(r.runs[0]!.oneStep.fidelity.intervals).toBeGreaterThan(real.length - 10);
    expect(w).not.toBeNull();
  });

  it('a local queue of 4294967295 (a wrapped uint32) and a global queue above 10^6', () => {
    const wrapped = edited(10, (l) => l.replace('[ 36 8 ]', '[ 4294967295 8 ]'));
    const r = replayTimelines(wrapped, { seed: 1 });
    expect(r.runs[0]!.skipped!.map((s) => [s.fromLine, s.toLine])).toEqual([
      [9, 10],
      [10, 11],
    ]);
    expect(r.runs[0]!.skipped![0]!.reason).toBe(`P0 queue 4294967295 is above the ${REPLAY_LIMITS.maxLocal}-slot ring`);
    const global = edited(12, (l) => l.replace(/runqueue=\d+/, 'runqueue=2000000000'));
    expect(replayTimelines(global, { seed: 1 }).runs[0]!.skipped![0]!.reason).toBe(
      'runqueue=2000000000 is above 1000000',
    );
  });

  it('threads=4294967295 (found by npm run fuzz: the model allocated an M per thread, 4 GB)', () => {
    const r = replayTimelines(
      edited(30, (l) => l.replace(/threads=\d+/, 'threads=4294967295')),
      { seed: 1 },
    );
    expect(r.runs[0]!.skipped!.map((s) => s.reason)).toEqual([
      'threads=4294967295 idlethreads=1: above 100000',
      'threads=4294967295 idlethreads=1: above 100000',
    ]);
  });

  it("a crashing process's dumps after its crash dump (a real fatal error: stack overflow, Go 1.26)", () => {
    // Two runs of the same program; each prints its crash dump (startpanic_m), then, with the world
    // frozen, more dumps (sysmon's, and another crash dump with stopwait=freezeStopWait).
    const text = readFileSync('samples/labelled/novel4-go1.26/stackcrash-p4-50ms.log', 'utf8');
    const tl = buildTimelines(parseText(text).snapshots);
    const r = replayTimelines(tl, { seed: 1 });
    for (const [i, run] of r.runs.entries()) {
      const pts = tl[i]!.points;
      const crashAt = pts.findIndex((p) => p.crash === true);
      expect(crashAt).toBeGreaterThan(0);
      // Every interval from the crash dump on is skipped, with the reason; the one ending at it is not.
      expect(run.skipped!.map((s) => [s.fromLine, s.toLine])).toEqual(
        pts.slice(crashAt + 1).map((p, k) => [pts[crashAt + k]!.line, p.line]),
      );
      expect(run.skipped!.every((s) => /freezetheworld/.test(s.reason))).toBe(true);
      expect(run.oneStep.fidelity.intervals).toBe(crashAt - 1);
    }
  });

  it('a dump with stopwait=freezeStopWait is a frozen world even without a crash dump before it', () => {
    const pts = buildTimelines(parseText(real.join('\n')).snapshots)[0]!.points;
    const [a, b] = [pts[10]!, pts[11]!];
    expect(dyingInterval(a, b, false)).toBeUndefined();
    expect(dyingInterval(a, { ...b, stopwait: FREEZE_STOP_WAIT }, false)).toEqual({
      fromLine: a.line,
      toLine: b.line,
      reason: 'stopwait=2147483647: the world was frozen (freezetheworld) while the process died',
    });
    // A GC's stop-the-world waiting for its Ps is no crash.
    expect(dyingInterval(a, { ...b, stopwait: 3 }, false)).toBeUndefined();
    expect(dyingInterval(a, b, true)?.reason).toMatch(/^after the crash dump/);
  });

  it('a real log has none', () => {
    const r = replayTimelines(buildTimelines(parseText(real.join('\n')).snapshots), { seed: 1 });
    expect(r.runs[0]!.skipped).toBeUndefined();
  });
});
