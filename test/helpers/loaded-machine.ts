import { P } from '../../src/scheduler/entities.js';
import { Machine } from '../../src/scheduler/machine/machine.js';

/** A machine of `cpus` cores with `busy` Ps executing (and `turnSliceNs` when given). */
export function loadedMachine(cpus: number, busy: number, turnSliceNs?: number): Machine {
  const m = new Machine({ cpus, ...(turnSliceNs !== undefined ? { turnSliceNs } : {}) });
  for (let i = 0; i < busy; i++) m.startExecuting(new P(i));
  return m;
}
