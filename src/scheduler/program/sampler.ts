/** A workload Dist (ms) compiled to a sampler of nanoseconds. */
import type { Random } from '../../sim/random.js';
import type { Dist } from '../../workload/spec.js';

const MS = 1_000_000;

export type Sampler = (r: Random) => number;

export function sampler(d: Dist): Sampler {
  if (typeof d === 'number') {
    const v = d * MS;
    return () => v;
  }
  switch (d.kind) {
    case 'exp':
      return (r) => r.exp(d.mean) * MS;
    case 'uniform':
      return (r) => (d.min + (d.max - d.min) * r.float()) * MS;
    case 'normal':
      return (r) => Math.max(0, d.mean + d.sd * r.normal()) * MS;
    case 'lognormal':
      return (r) => d.median * Math.exp(d.sigma * r.normal()) * MS;
  }
}
