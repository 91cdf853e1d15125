import { describe, expect, it } from 'vitest';
import { oneStepOfEach, pooledSkill } from '../helpers/pooled-skill.js';
import { releaseLogsIn } from '../helpers/samples.js';

// samples/replay-blind/: captures taken after the last replay change, to score it blind (its README).
const dir = 'samples/replay-blind';
const logs = releaseLogsIn(dir);

describe('one-step replay on the blind captures', () => {
  const results = oneStepOfEach(logs);

  it('keeps the figures they were scored with (pooled 0.395; 0.3950 with the running mean as the level; 0.396 with errors in the run mean interval)', () => {
    expect(results).toHaveLength(28);
    const pooled = pooledSkill(results.map((r) => r.o));
    expect(pooled).toBeGreaterThanOrEqual(0.39);
    const modelOnly = pooledSkill(
      results.map((r) => r.o),
      (o) => o.ablation.modelOnly.maeModel,
    );
    const levelOnly = pooledSkill(
      results.map((r) => r.o),
      (o) => o.ablation.levelOnly.maeModel,
    );
    expect(modelOnly).toBeGreaterThan(levelOnly);
  });

  it('beats persistence on every log but two (all have 15 intervals or more)', () => {
    const below = results.filter((r) => r.o.intervals >= 15 && (r.o.skill ?? 0) <= 0).map((r) => r.f);
    // syscalls at 6 Ps on Go 1.22 (-0.016; -0.025 with the running mean; -0.034 with errors in the
    // run's mean interval): Gs that block for a nanosleep or a read and come back, a change of one or
    // two goroutines an interval either way. pingpong at 8 Ps on Go 1.22 (0.002, then -0.024 with
    // errors in the run's mean interval): a dump catches the pair's hand-off or not, a coin flip.
    expect(below).toEqual([`${dir}/go1.22/pingpong-p8-10ms-a.log`, `${dir}/go1.22/syscalls-p6-50ms-a.log`]);
  });
});
