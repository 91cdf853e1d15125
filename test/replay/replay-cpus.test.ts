/**
 * `replay --cpus N`: the fitted CPU per dispatch is wall time per schedtick, which on a machine with
 * fewer cores than busy Ps already holds the kernel's sharing of the cores. The one-step replay feeds
 * the model that time scaled to the cores' share, so that the machine does not share it out a second
 * time. Checked on real captures of 2-8 Ps on one CPU (`taskset -c 0`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseText } from '../../src/parse/index.js';
import { replayTimelines } from '../../src/replay/index.js';
import { buildTimelines } from '../../src/trace/timeline-builder.js';
import { fittedBehaviour, observeInterval, WorkloadFitter } from '../../src/workload/fit.js';
import { pooledSkill } from '../helpers/pooled-skill.js';
import { samplesDir } from '../helpers/samples.js';
import { timelinePoint } from '../helpers/timeline-point.js';

describe('replay with the machine its log came from', () => {
  it('scales a fitted slice by the share of a core each busy P had', () => {
    const f = new WorkloadFitter(2);
    // 2 Ps busy for 10 ms, 20 dispatches: 1 ms of wall time each.
    f.update(observeInterval(timelinePoint(0, 0, [5, 5]), timelinePoint(10, 0, [5, 5], { schedticks: [10, 10] }))!);
    expect(fittedBehaviour(f.current!).cpuMs).toBeCloseTo(1, 6);
    expect(fittedBehaviour(f.current!, 0.5).cpuMs).toBeCloseTo(0.5, 6);
  });

  it('on captures of 2-8 Ps on one CPU, telling the replay the one CPU costs it little skill', () => {
    const dir = join(samplesDir, 'labelled/pinned-go1.19');
    const timelines = readdirSync(dir)
      .filter((f) => f.endsWith('.log'))
      .map((f) => buildTimelines(parseText(readFileSync(join(dir, f), 'utf8')).snapshots));
    expect(timelines.length).toBeGreaterThanOrEqual(10);
    // Pooled over the folder's intervals, as the README's skill figures are.
    const skillWith = (cpus?: number) =>
      pooledSkill(
        timelines.map(
          (tl) =>
            replayTimelines(tl, { freeRun: false, residuals: false, ...(cpus === undefined ? {} : { cpus }) }).fidelity
              .oneStep,
        ),
      );
    const unlimited = skillWith();
    const oneCpu = skillWith(1);
    expect(unlimited).toBeGreaterThan(0.2);
    // Before the slices were scaled, the model stretched them by the sharing a second time: 0.047
    // with one CPU against 0.190 without a core limit (0.277 against 0.286 since).
    expect(oneCpu).toBeGreaterThan(unlimited - 0.03);
  });
});
