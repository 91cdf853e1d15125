import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { type LaneCarry, MAX_LANES, onPeriod, routesAcross, secondOfRun } from '../../src/parse/process-lanes.js';
import { parseText } from '../../src/parse/index.js';

/**
 * Processes printing schedtrace into one stream side by side (go run, go test): each dump goes to
 * the process whose clock it continues. Dumps are written here as they reach the stream; a string
 * is a line of other output.
 */
const dump = (t: number, ticks = 1) =>
  `SCHED ${t}ms: gomaxprocs=2 idleprocs=0 threads=4 spinningthreads=0 needspinning=0 idlethreads=1 runqueue=0 [0 0] schedticks=[${ticks} ${ticks}]`;
const read = (lines: (number | string)[]) => {
  const r = parseText(`${lines.map((l) => (typeof l === 'number' ? dump(l) : l)).join('\n')}\n`);
  return {
    /** Each dump as `t:stream#run` (`-` for the stream itself). */
    where: r.snapshots.map((s) => `${s.tMs}:${s.stream || '-'}#${s.run}`),
    diagnostics: r.diagnostics,
  };
};

describe('process lanes', () => {
  test('a process that restarts is a new run, not a lane: its predecessor prints no more', () => {
    const { where, diagnostics } = read([0, 100, 200, 300, 0, 100, 200]);
    expect(where).toEqual(['0:-#0', '100:-#0', '200:-#0', '300:-#0', '0:-#1', '100:-#1', '200:-#1']);
    expect(diagnostics.map((d) => d.code)).toEqual(['time-backwards']);
  });

  test('go run: the go command goes on beside each compile and is followed as process 2', () => {
    // The go command (0, 100, 200, ...) starts a compiler at 0 ms after each of its dumps.
    const { where, diagnostics } = read([0, 100, 200, 0, 300, 0, 400, 0, 100, 500, 200, 600]);
    expect(where).toEqual([
      '0:-#0',
      '100:-#0',
      '200:-#0',
      '0:-#1',
      '300:process 2#0',
      '0:-#2',
      '400:process 2#0',
      '0:-#3',
      '100:-#3',
      '500:process 2#0',
      '200:-#3',
      '600:process 2#0',
    ]);
    const split = diagnostics.filter((d) => d.code === 'process-lane');
    expect(split.map((d) => d.line)).toEqual([5]);
    expect(split[0]!.message).toContain('"process 2"');
  });

  test('a clock that goes back mid-life to where an earlier process would print is that process, if clocks allow', () => {
    // The go command (0-200 ms) relays a compile's dumps after its `# pkg` header once the compile
    // ended: they ran earlier, so the go command's 300 ms dump after them is its own.
    const relayed = read([0, 100, 200, '# internal/cpu', 0, 100, 200, 300, 400, 300]);
    expect(relayed.where.at(-1)).toBe('300:process 2#0');
    expect(relayed.where.slice(0, -1).every((w) => !w.includes('process'))).toBe(true);
    // Printed live, the second process's clock went on 400 ms while the first would have been
    // silent for 100: clocks advance together, so 300 ms is no dump of the first.
    const live = read([0, 100, 200, 0, 100, 200, 300, 400, 300]);
    expect(live.where.every((w) => !w.includes('process'))).toBe(true);
  });

  test('a late dump of an established run is its own stall, not an earlier process', () => {
    // The quiet lane (0-200) would print at 300 next; 900 fits neither, and 300 would have come
    // before the run's own 300 if that process were alive.
    const { where } = read([0, 100, 200, 0, 100, 200, 300, 900]);
    expect(where.at(-1)).toBe('900:-#1');
  });

  test('a process that crashed is not followed: the dump after the restart is the new run’s', () => {
    const { where } = read([0, 100, 200, 'panic: boom', '', 'goroutine 1 [running]:', 'main.main()', 0, 300, 400]);
    expect(where.slice(3)).toEqual(['0:-#1', '300:-#1', '400:-#1']);
  });

  test('schedticks only grow within a process: a dump with fewer is not the lane’s', () => {
    const lines = [dump(0, 5), dump(100, 10), dump(200, 20), dump(0, 1), dump(300, 2), dump(400, 3)];
    const r = parseText(`${lines.join('\n')}\n`);
    expect(r.snapshots.map((s) => s.stream)).toEqual(['', '', '', '', '', '']);
    const grown = [...lines.slice(0, 4), dump(300, 30), dump(400, 40)];
    expect(parseText(`${grown.join('\n')}\n`).snapshots.map((s) => s.stream)).toEqual([
      '',
      '',
      '',
      '',
      'process 2',
      'process 2',
    ]);
  });

  test('gctrace cycles go to the process whose numbering they continue, with its next dump', () => {
    const gc = (n: number, atS: number) =>
      `gc ${n} @${atS.toFixed(3)}s 1%: 0.01+0.1+0.01 ms clock, 0.02+0/0.05/0+0.02 ms cpu, 4->4->0 MB, 4 MB goal, 0 MB stacks, 0 MB globals, 2 P`;
    // A (the go command) prints 0-200 ms and its cycle 1, B and C start beside it; A's cycle 2 comes
    // while its 300 ms dump is not yet known to be A's, C's cycle 1 and A's cycle 3 after.
    const text = `${[dump(0), gc(1, 0.05), dump(100), dump(200), dump(0), dump(300), gc(2, 0.31), dump(0), gc(1, 0.005), dump(400), gc(3, 0.41), dump(100), dump(500)].join('\n')}\n`;
    const r = parseText(text);
    const cycles = r.snapshots.map(
      (s) =>
        `${s.tMs}:${s.stream || '-'}#${s.run}${s.gc === undefined ? '' : ` gc ${s.gc.firstCycle}-${s.gc.lastCycle}`}`,
    );
    expect(cycles).toEqual([
      '0:-#0',
      '100:-#0 gc 1-1',
      '200:-#0',
      '0:-#1',
      '300:process 2#0 gc 2-2',
      '0:-#2',
      '400:process 2#0',
      '100:-#2 gc 1-1',
      '500:process 2#0 gc 3-3',
    ]);
    expect(r.diagnostics.filter((d) => d.code === 'gctrace-gap')).toEqual([]);
  });

  test('processes one after another, each at its period and late by up to 10 ms, are runs and never lanes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 20, max: 1000 }),
        fc.array(fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 0, maxLength: 30 }), {
          minLength: 1,
          maxLength: 8,
        }),
        (period, processes) => {
          const lines: number[] = [];
          for (const lateness of processes) {
            let t = 0;
            lines.push(0);
            for (const late of lateness) {
              t += period + late;
              lines.push(t);
            }
          }
          const { where } = read(lines);
          const runs = where.map((w) => w.split(':')[1]);
          expect(runs.every((r) => r!.startsWith('-#'))).toBe(true);
          expect(new Set(runs).size).toBe(processes.length);
        },
      ),
      { numRuns: 200 },
    );
  });

  test('a long process beside short ones it starts: all of its dumps after the first start are one lane', () => {
    // The long process prints at k·period (+ lateness); each short one starts between two of its
    // dumps, at a phase of 0.3-0.7 of the period, and prints its own dumps from 0 ms.
    fc.assert(
      fc.property(
        fc.integer({ min: 50, max: 1000 }),
        fc.array(
          fc.record({
            gap: fc.integer({ min: 1, max: 4 }),
            dumps: fc.integer({ min: 1, max: 6 }),
            phase: fc.double({ min: 0.3, max: 0.7, noNaN: true }),
          }),
          { minLength: 1, maxLength: 10 },
        ),
        (period, shorts) => {
          const events: { wall: number; t: number; long: boolean }[] = [];
          let wall = 3 * period;
          for (const s of shorts) {
            const start = Math.round(wall + s.phase * period);
            for (let k = 0; k < s.dumps; k++) events.push({ wall: start + k * period, t: k * period, long: false });
            wall = start - s.phase * period + (s.dumps + s.gap) * period;
          }
          const end = wall + period;
          for (let t = 0; t <= end; t += period) events.push({ wall: t, t, long: true });
          events.sort((a, b) => a.wall - b.wall);
          const { where } = read(events.map((e) => e.t));
          const firstShort = events.findIndex((e) => !e.long);
          events.forEach((e, i) => {
            const stream = where[i]!.split(':')[1]!.split('#')[0];
            const expected = !e.long ? '-' : i < firstShort ? '-' : 'process 2';
            // The long process's first dump after the first short one started may still be read as
            // that short run's second (its one dump says nothing of its period).
            if (e.long && i > firstShort && events.slice(firstShort, i).every((x) => !x.long)) return;
            expect(stream, `dump ${i} at ${e.t} ms`).toBe(expected);
          });
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('the timing rules', () => {
  test('a dump is on a period when late by up to a quarter of it plus 20 ms, never early beyond rounding', () => {
    expect(onPeriod(200, 100, 100)).toBe(true);
    expect(onPeriod(145, 0, 100)).toBe(true);
    expect(onPeriod(146, 0, 100)).toBe(false);
    expect(onPeriod(93, 0, 100)).toBe(true);
    expect(onPeriod(92, 0, 100)).toBe(false);
    // A period read from one interval may hold that interval's lateness: early as much as late.
    expect(onPeriod(60, 0, 100, false)).toBe(true);
  });

  test('a fresh run’s dump is its second when the next one goes on at the period the two make', () => {
    expect(secondOfRun(100, 0, 200)).toBe(true);
    expect(secondOfRun(100, 0, null)).toBe(true);
    expect(secondOfRun(300, 0, 400)).toBe(false);
    expect(secondOfRun(300, 0, 0)).toBe(false);
  });

  test('routesAcross: a cut is safe only when no dump after it could go to a lane from before it', () => {
    const before: LaneCarry = {
      live: 1,
      named: 0,
      current: { lastT: 200, gap: 100, gaps: 2, gomaxprocs: 2, ticks: -1, named: false },
      quiet: [],
      period: 100,
      offered: [],
      offeredOver: false,
    };
    const partAfter = (t: number, runs = 1): LaneCarry => ({
      ...before,
      current: null,
      offered: [{ t, gomaxprocs: 2, ticks: -1, period: null, fresh: true, from: 0, next: 0, runs, advance: 0 }],
    });
    // The part after starts a process at 0 and then prints at 300: the process before the cut's.
    expect(routesAcross(before, partAfter(300))).toBe(true);
    expect(routesAcross(before, partAfter(700))).toBe(false);
    // After MAX_LANES more runs the lane from before the cut is no longer followed.
    expect(routesAcross(before, partAfter(300, MAX_LANES + 1))).toBe(false);
    expect(routesAcross(before, { ...partAfter(700), offeredOver: true })).toBe(true);
    // A process of the part printing live went on 500 ms: the one before the cut, silent for 100, did not.
    const advanced = partAfter(300);
    advanced.offered[0]!.advance = 500;
    expect(routesAcross(before, advanced)).toBe(false);
    expect(routesAcross(before, { ...before, offered: [] })).toBe(false);
  });
});
