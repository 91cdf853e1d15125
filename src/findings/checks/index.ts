import type { AnyCheck } from '../check.js';
import { crashDump } from './crash-dump.js';
import { gcPressure } from './gc-pressure.js';
import { gcStop } from './gc-stop.js';
import { gomaxprocsChange } from './gomaxprocs-change.js';
import { goroutineLeak } from './goroutine-leak.js';
import { idleWithWork } from './idle-with-work.js';
import { imbalance } from './imbalance.js';
import { injectionBurst } from './injection-burst.js';
import { invariantViolation } from './invariant-violation.js';
import { localOverflow } from './local-overflow.js';
import { lockContention } from './lock-contention.js';
import { modelDivergence } from './model-divergence.js';
import { restart } from './restart.js';
import { saturation } from './saturation.js';
import { threadGrowth } from './thread-growth.js';

export { invariantViolations } from './invariant-violation.js';
export { threadLimit } from './thread-growth.js';

/** Every check, one per finding kind. */
export const checks: readonly AnyCheck[] = [
  crashDump,
  restart,
  invariantViolation,
  modelDivergence,
  saturation,
  gcPressure,
  idleWithWork,
  threadGrowth,
  localOverflow,
  injectionBurst,
  lockContention,
  goroutineLeak,
  imbalance,
  gomaxprocsChange,
  gcStop,
];
