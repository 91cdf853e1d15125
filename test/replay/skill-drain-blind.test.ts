import { describe, expect, it } from 'vitest';
import { oneStepOfEach, pooledSkill } from '../helpers/pooled-skill.js';
import { releaseLogsIn } from '../helpers/samples.js';

// samples/drain-blind/: hubwake captures taken after the replay began to read thread starts from a
// drain (thread-starts.ts), to score that change blind (its README).
const dir = 'samples/drain-blind';
const logs = releaseLogsIn(dir);

describe('one-step replay on the drain-blind captures', () => {
  const results = oneStepOfEach(logs);

  it('keeps the figure they were scored with: pooled -0.081 (-0.103 without the drain rule)', () => {
    expect(results).toHaveLength(8);
    const pooled = pooledSkill(results.map((r) => r.o));
    expect(pooled).toBeGreaterThan(-0.09);
    expect(pooled).toBeLessThan(-0.07);
  });

  it('the Go 1.23 hub logs, whose stop-the-world queues drain one thread start at a time, are the two it moved', () => {
    const skill = (f: string) => results.find((r) => r.f === `${dir}/${f}`)!.o.skill!;
    // -0.368 and -0.199 without the rule.
    expect(skill('go1.23/hubwake-wake-p104-100ms-a.log')).toBeCloseTo(-0.319, 2);
    expect(skill('go1.23/hubwake-wake-p104-100ms-b.log')).toBeCloseTo(-0.138, 2);
  });
});
