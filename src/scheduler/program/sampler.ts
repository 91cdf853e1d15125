/**
 * A workload Dist (ms) compiled to a sampler of nanoseconds. One class for every kind, so the call
 * sites that draw (Program.go, runEnd) stay monomorphic and inline the draw.
 */
import type { Random } from '../../sim/random.js';
import type { Dist } from '../../workload/spec.js';

const MS = 1_000_000;

const FIXED = 0;
const EXP = 1;
const UNIFORM = 2;
const NORMAL = 3;
const LOGNORMAL = 4;

export class Sampler {
  /**
   * kind's parameters: FIXED a (in ns); EXP a = mean; UNIFORM a = min, b = max; NORMAL a = mean,
   * b = sd; LOGNORMAL a = median, b = sigma (ms).
   */
  constructor(
    private readonly kind: number,
    private readonly a: number,
    private readonly b: number,
  ) {}

  /** One draw, in ns. */
  sample(r: Random): number {
    switch (this.kind) {
      case FIXED:
        return this.a;
      case EXP:
        return r.exp(this.a) * MS;
      case UNIFORM:
        return (this.a + (this.b - this.a) * r.float()) * MS;
      case NORMAL:
        return Math.max(0, this.a + this.b * r.normal()) * MS;
      default:
        return this.a * Math.exp(this.b * r.normal()) * MS;
    }
  }
}

export function sampler(d: Dist): Sampler {
  if (typeof d === 'number') return new Sampler(FIXED, d * MS, 0);
  switch (d.kind) {
    case 'exp':
      return new Sampler(EXP, d.mean, 0);
    case 'uniform':
      return new Sampler(UNIFORM, d.min, d.max);
    case 'normal':
      return new Sampler(NORMAL, d.mean, d.sd);
    case 'lognormal':
      return new Sampler(LOGNORMAL, d.median, d.sigma);
  }
}
