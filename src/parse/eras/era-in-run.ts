import type { FormatEra } from '../../trace/snapshot.js';
import type { EraSpec } from './era-spec.js';
import { eras } from './index.js';

/**
 * Whether `a` and `b` print a dump of this kind alike: a plain one shows the summary keys and the
 * per-P list, a detailed one the summary keys, its tail and the P, M and G lines (no per-P list).
 */
function printsAlike(a: EraSpec, b: EraSpec, detailed: boolean): boolean {
  const same = (x: readonly string[], y: readonly string[]) => x.length === y.length && x.every((k, i) => k === y[i]);
  if (!same(a.summary, b.summary)) return false;
  if (!detailed) return a.list === b.list && a.schedticks === b.schedticks;
  return (
    same(a.detailTail, b.detailTail) &&
    same(a.p, b.p) &&
    same(a.m, b.m) &&
    same(a.g, b.g) &&
    a.none === b.none &&
    a.flags === b.flags
  );
}

/** For each era and kind of dump, the later eras that print it alike (the next ones, in order). */
const alikeLater = new Map<string, ReadonlySet<FormatEra>>();
for (const detailed of [false, true])
  for (let i = 0; i < eras.length; i++) {
    const later = new Set<FormatEra>();
    for (let j = i + 1; j < eras.length && printsAlike(eras[i]!, eras[j]!, detailed); j++) later.add(eras[j]!.era);
    alikeLater.set(`${detailed}${eras[i]!.era}`, later);
  }

/**
 * The era of a dump detected as `detected` in a run whose earlier dumps proved `proved`: a dump's
 * own lines may not tell the releases of a layout apart (Go 1.25's detailed dump prints no per-P
 * list, so it reads as go1.20; a summary line reads as go1.5 up to Go 1.19), but its process is the
 * one that printed those dumps. An older era whose layout differs from the run's stays as detected.
 */
export function eraInRun(detected: FormatEra, detailed: boolean, proved: FormatEra): FormatEra {
  if (detected === proved) return detected;
  return alikeLater.get(`${detailed}${detected}`)?.has(proved) === true ? proved : detected;
}
