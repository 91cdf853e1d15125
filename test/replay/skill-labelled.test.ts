/**
 * One-step replay on the labelled corpus (samples/labelled/): real captures made for the findings
 * engine. The replay was changed on the splits in replay-tuned.json only; the others are scored
 * (scripts/replay-labelled.mjs prints the figures per split). The floors are the committed figures,
 * so a change that loses skill on logs it was not tuned on fails here, as the findings corpus test
 * fails when precision or recall drops.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseText } from '../../src/parse/index.js';
import { replayTimelines } from '../../src/replay/index.js';
import { buildTimelines } from '../../src/trace/timeline-builder.js';
import { pooledSkill } from '../helpers/pooled-skill.js';
import { samplesDir } from '../helpers/samples.js';

const labelled = join(samplesDir, 'labelled');
const splits: Record<string, string[]> = JSON.parse(readFileSync(join(labelled, 'splits.json'), 'utf8'));
const tuned: string[] = JSON.parse(readFileSync(join(labelled, 'replay-tuned.json'), 'utf8'));

const results = Object.entries(splits).flatMap(([split, folders]) =>
  folders.flatMap((d) =>
    readdirSync(join(labelled, d))
      .filter((f) => /\.log(\.gz)?$/.test(f))
      .map((f) => {
        const raw = readFileSync(join(labelled, d, f));
        const text = (f.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
        const r = replayTimelines(buildTimelines(parseText(text).snapshots), { freeRun: false, residuals: false });
        return { split, o: r.fidelity.oneStep };
      }),
  ),
);

type Ablated = 'full' | 'modelOnly' | 'levelOnly';
const pooled = (rows: typeof results, k: Ablated) =>
  pooledSkill(
    rows.map((r) => r.o),
    (o) => o.ablation[k].maeModel,
  );

describe('one-step replay on the labelled corpus', () => {
  const onTuned = results.filter((r) => tuned.includes(r.split));
  const scoredOnly = results.filter((r) => !tuned.includes(r.split));

  it('reads every labelled log, and the tuned splits are splits of the corpus', () => {
    expect(results.length).toBeGreaterThanOrEqual(615);
    for (const s of tuned) expect(Object.keys(splits)).toContain(s);
    expect(scoredOnly.length).toBeGreaterThan(4 * onTuned.length);
  });

  // Committed: 0.286 and 0.237; 0.240 and 0.248 before the level became the recent median (calibration.ts).
  // Scored-only 0.306 until novel12 to novel15, 0.250 with them: their eight wave logs (20,000 timers
  // or sleepers expiring at once, 30,000 waiters readied by one close) carried 42% of the scored logs'
  // persistence error. Those four splits then joined the tuned ones (replay-tuned.json), before the
  // change for waves was written: tuned 0.181 and scored-only 0.306 as they stood, 0.211 and 0.307
  // with the backlog's stays (WorkloadFit.backlogSlicesPerStay) and the thread starts it needed.
  // novel16 (blind: waves on other releases and settings, and beatwave): scored-only 0.311.
  // stdbench (blind, the Go distribution's own benchmarks): 0.250. Its two CreateGoroutinesSingle logs,
  // the global queue in the thousands for seconds, carry 33% of the scored logs' persistence error at
  // 0.108 and 0.165; without them 0.310. They are not made a tuned split: the floor follows the data.
  // stdbench2 (blind, the same at 32 to 64 Ps): 0.240; the four spawn storms carry 37%, 0.310 without.
  // ecobench (blind, third-party modules' benchmarks: ants, fasthttp, bbolt, zap): 0.220. Its goroutine
  // pools and 10,000-client server keep the global queue in the thousands (persistence errs by 1,660
  // to 4,571 an interval on six of its logs), carrying 22% of the persistence error at 0.148 pooled;
  // without ecobench 0.240, without it and the spawn storms 0.310. The floor follows the data.
  // ecobench2 (blind, the same kind of benchmarks at 48 and 64 Ps, 250 ms apart): 0.206; the two
  // ecobench splits carry 34% of the persistence error (ants' parallel pool on Go 1.24: 8,066 an
  // interval); without them 0.240, without them and the spawn storms 0.310. ecobench3 (blind, more of
  // them at 2 to 24 Ps): 0.196, all twelve above 0 (0.117 to 0.323), the three ecobench splits 54% of
  // the persistence error; without them 0.240. ecobench4 (blind, dumps a second apart): 0.196 still,
  // the four ecobench splits 56%. ecobench5 (blind: zerolog, fastcache, xsync, conc): 0.178, conc's pool
  // holding up to 21,393 goroutines in the global queue; the five ecobench splits 68%. The calibration's
  // errors counted in the run's mean interval instead of each interval's own (calibration.ts; chosen
  // on the tuned splits, 0.211 -> 0.214, and predicted blind on ecobench5, 0.128 -> 0.210): 0.223.
  // ecobench6 (blind, the same kind of benchmarks with scheddetail): 0.038 on its own, 0.220 pooled.
  it('beats persistence on the splits it was not tuned on as on those it was (committed: 0.220 and 0.214)', () => {
    expect(pooled(scoredOnly, 'full')).toBeGreaterThanOrEqual(0.215);
    expect(pooled(onTuned, 'full')).toBeGreaterThanOrEqual(0.21);
  });

  // The prediction committed with ecobench5's labels (09f3e39), before its capture: the error unit
  // scores at least as high pooled there as the build before it, which scored 0.128. It scored 0.210.
  it('keeps the blind split the error unit was predicted on above the build before it (0.210 against 0.128)', () => {
    const split = results.filter((r) => r.split === 'ecobench5');
    expect(split).toHaveLength(12);
    expect(pooled(split, 'full')).toBeGreaterThanOrEqual(0.2);
  });

  it('beats persistence on all but 70 of the logs with 15 intervals or more (79 of 321 when the best gain pair alone was taken)', () => {
    const long = results.filter((r) => r.o.intervals >= 15 && r.o.skill !== null);
    expect(long.length).toBeGreaterThanOrEqual(372);
    // 27 of 321 before novel3; its novel3-go1.26/mapcrash-p3-50ms.log measured -0.048 (20 intervals): 28 of 331.
    // novel4's stackcrash-p4-50ms (Go 1.26, -1.150, 26 intervals) and stackcrash-p8-50ms (Go 1.19, -0.182, 24): 30 of 343.
    // Turns read per P (turns.ts): 25 of 343 (the three 48-56 P saturate logs of the tuned-on splits above 0).
    // novel5 (blind, before and after turns.ts): its 7 long logs all above 0 (0.160 to 0.359): 25 of 350.
    // novel6 (blind): its 3 long logs above 0 (0.063 to 0.328): 25 of 353.
    // novel7 (blind): novel7-go1.21/fillps-p6-100ms.log (-0.006, 28 intervals: batches of exactly
    // GOMAXPROCS goroutines, each batch's moment the program's): 26 of 358.
    // novel8 (blind, dumps 0.5 to 1 s apart): no log with 15 intervals: 26 of 358.
    // novel9 (blind): its 2 long logs above 0 (0.152, 0.274): 26 of 360.
    // novel10 (blind, 96-128 Ps on 2 CPUs, queues moving at the kernel's pace): hubwake-spawn-p128
    // on Go 1.22 (-0.006) and hubwake-spread-p128 on Go 1.26 (-0.014): 28 of 366.
    // novel11 (blind, the same program with its spinners started one at a time): 4 of its 6 below 0
    // (-0.265 to -0.202: the interval after a stop-the-world, drained at the 2 cores' pace): 32 of 372.
    // The level as the recent median (calibration.ts): 36 of 372. Seven went to 0 or below, bursts and
    // trends that the median reads as over at once (scale/fanout-p32, scale/saturate-p56-50ms,
    // go1.22/netburst-p4, novel4's lrucache-p3, three novel10 hubwake logs), three came above it
    // (go1.19/resize-p4, throttled gcalloc-p4, novel7's fillps-p6).
    // base118 and base117 (blind, Go 1.18.10 and 1.17.13): their 42 long logs all above 0: 36 of 414.
    // novel118 and novel3-118 (blind, Go 1.18.10): pipereader-p6 at exactly 0, as on Go 1.21, 1.22 and
    // 1.25, and httplight-p8 at exactly 0 (its queues hardly move): 38 of 426.
    // base116 and base114 (blind, Go 1.16.15 and 1.14.15): both panicker-p2 logs at exactly 0 (their
    // queues never move before the crash) and saturate-p4 on Go 1.14 (-0.046): 41 of 471.
    // base113 and base111 (blind, Go 1.13.15 and 1.11.13): saturate-p4 on Go 1.13 (-0.050): 42 of 514.
    // base127, novel3-127, novel8-127 (blind, Go 1.27.3): saturate-p4 again (-0.017): 43 of 539.
    // base115 and base112 (blind, Go 1.15.15 and 1.12.17): panicker-p2 on Go 1.15 at exactly 0 and
    // saturate-p8 on Go 1.12 (-0.011): 45 of 584. base110 (blind, Go 1.10.8): none, 45 of 604.
    // base109 (blind, Go 1.9.7): netburst-p32 at exactly 0 (its queues moved in 2 intervals) and
    // saturate-p56-50ms (-0.076): 47 of 626. base108 (blind, Go 1.8.7): saturate-p4 and saturate-p8
    // (-0.041, -0.036) and idle-p4 at exactly 0 (its queues moved in one interval): 50 of 649.
    // base107, base106, base105 (blind, Go 1.7.6, 1.6.4, 1.5.4): resize-p4 on Go 1.6 at exactly 0 (its
    // queues moved in one interval) and saturate-p4 on Go 1.5 (-0.066): 52 of 713. novel12 (blind):
    // wgleak-p3 on Go 1.22 at exactly 0 (its queues moved in one interval): 53 of 721. novel13
    // (blind): both sleepwave logs above 0 (0.107, 0.006): 53 of 723. novel14 (blind): none, 53 of 731. novel15
    // (blind): none, 53 of 733. The backlog's stays: 52 of 733 (scale/fanout-p32 above 0). novel16
    // (blind): none, 52 of 738. novel17 (blind, ReadMemStats back to back on Go 1.26 at 4 Ps):
    // statsloop-p4-100ms at exactly 0 (its queues moved in one interval) and statsloop-p4-detail at
    // -0.252 (they moved in 3 of its 28 intervals): 54 of 743. novel18 (blind, the same loop at 3 and
    // 16 Ps): -0.093 and -0.012, the restarts after each stop at moments no dump foresees: 56 of 747.
    // novel19 (blind): none, 56 of 748. novel20 (blind, schedtrace=1): the syscall threads on Go 1.26,
    // -0.012 (its queues moved in 3 of 772 intervals, as threads came back from nanosleep): 57 of 753.
    // novel21, novel22 (blind): none, 57 of 756. neighbour (blind, busy loops of another process on
    // the same cores): Go 1.26's panicker-p2 at exactly 0 (its queues moved in one interval): 58 of 799.
    // neighbour3 (blind, the novel3 programs beside the same loops): none, 58 of 808.
    // stdbench (blind, the Go distribution's own benchmarks): none, 58 of 819. stdbench2 (blind, at 32
    // to 64 Ps): PingPongHog at one P after the fall from 48, dumps 100 ms apart, on both releases
    // (-0.130, -0.222): 60 of 831. ecobench (blind, third-party modules' benchmarks): fasthttp's
    // 10,000 clients on Go 1.25 (-0.024: the global queue between 0 and 9,277 from dump to dump): 61 of 843.
    // ecobench2 (blind): bbolt's manual batches at 48 Ps on Go 1.26 (-0.155; its queues moved in 14 of
    // 25 intervals, ten writers released at moments the dump before cannot show): 62 of 854.
    // ecobench3 (blind): none, 62 of 866. ecobench4 (blind, dumps a second apart): none, 62 of 872.
    // ecobench5 (blind): zerolog's diode writers on Go 1.24 (-0.007): 63 of 884. The calibration's
    // errors in the run's mean interval: 61 of 884 (seven came above 0: saturate-p4 on five releases,
    // novel4's lrucache-p3 and zerolog's diode writers on Go 1.24; five went to 0 or below, by at most
    // 0.035: busyfit at 64 Ps on one CPU on two releases, hubwake-wake-p128 on Go 1.26, saturate-p8 on
    // Go 1.6, zerolog's fields on Go 1.26). ecobench6 (blind, scheddetail): none, 61 of 892. novel23
    // (blind, a world stopped at most dumps by a stack print): stackloop-stack-p4-detail on Go 1.23
    // (-0.090; its queues moved in 10 of 28 intervals, the restarts after each stop): 62 of 897.
    // novel24 (blind): none. novel25 (blind, hubwake at 64 to 104 Ps on 2 CPUs, the kernel's pace):
    // all eight (-0.336 to -0.0001), as novel10 and novel11's were: 70 of 905.
    expect(long.filter((r) => r.o.skill! <= 0).length).toBeLessThanOrEqual(70);
  });

  // With the running mean as the level, the level alone scored within a third of the full figure
  // (0.029 and 0.020); the recent median is a far stronger statistical baseline (0.122 and 0.210),
  // and the model alone still beats it on both groups. The blind Go 1.18 and 1.17 captures took the
  // scored-only group's model share from 0.81 to 0.79 of the full figure (base117: model only 0.234,
  // level only 0.313, full 0.356): the bar is 0.75, the share measured blind on releases it never saw.
  // Not on waves: on the five wave logs of novel16 (blind), where persistence errs by 319 to 763
  // goroutines an interval (at most 112 on any other scored-only log) and which so carry 29% of the
  // scored-only persistence error, the level (the queue's recent median, 0 between waves) beats the
  // model (model only 0.134, level only 0.327), taking the whole scored-only pool to model only
  // 0.215 and level only 0.254. Without the logs whose persistence error passes 200 goroutines an
  // interval (a bound on the data, not on programs): 0.248 and 0.224. stdbench's two spawn storms
  // (blind; persistence errs by 1,512 and 3,000 an interval, model only 0.012 and 0.090) took the
  // whole pool's model only to 0.160, and stdbench2's two more to 0.152; they are waves by the same
  // bound (the rest: model only 0.251, level only 0.217). ecobench's six deep-queue logs (blind;
  // persistence errs by 1,660 to 4,571, model only 0.056 and level only 0.157 on the split) took it to
  // 0.131; they are waves by the same bound too (the rest: model only 0.250, level only 0.217).
  // ecobench2's six (blind; 2,172 to 8,066) took it to 0.122 (the rest: 0.250 and 0.218), and
  // ecobench3's ten (blind; 318 to 6,379; model only 0.044 and level only 0.172 on the split) to 0.097.
  it('owes that skill to the scheduler model more than to the pull to a level, but for waves', () => {
    const notWaves = scoredOnly.filter((r) => r.o.maePersistence <= 200);
    expect(pooled(scoredOnly, 'modelOnly')).toBeGreaterThan(0.09);
    for (const rows of [onTuned, notWaves]) {
      const full = pooled(rows, 'full');
      const modelOnly = pooled(rows, 'modelOnly');
      expect(modelOnly).toBeGreaterThan(0.75 * full);
      expect(modelOnly).toBeGreaterThan(pooled(rows, 'levelOnly'));
    }
  });
});
