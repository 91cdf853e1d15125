import { MAX_PS, MAX_EXACT_DIGITS } from './limits.js';
import type { FormatEra, Snapshot } from '../trace/snapshot.js';
import { detectEra, emptyEvidence, type EraSpec } from './eras/index.js';
import { listEndOffset, readList } from './summary-line.js';
import { GOMAXPROCS, IDLEPROCS, IDLETHREADS, NEEDSPINNING, SPINNING, slotsOf, THREADS } from './summary-slots.js';

/**
 * The direct path for the commonest line of all: a plain summary line (no scheddetail tail) of a
 * known layout, read straight into a Snapshot, with no intermediate fields, evidence or pending dump.
 * It accepts exactly the lines `fastSummary` accepts without a detail tail, and gives the Snapshot
 * the general path makes of them (a differential test holds both to it); anything else returns null.
 */

/** What each layout's table fixes once: the field each key fills, and the era its lines show. */
interface DirectLayout {
  slots: Int8Array;
  keys: readonly string[];
  spaced: boolean;
  schedticks: boolean;
  era: FormatEra;
}

const layouts = new Map<EraSpec, DirectLayout | null>();

function layoutOf(spec: EraSpec): DirectLayout | null {
  let l = layouts.get(spec);
  if (l !== undefined) return l;
  l = null;
  const slots = slotsOf(spec.summary);
  if (slots !== null) {
    // The evidence fastSummary records for such a line (eras/index.ts decides the era from it).
    const ev = emptyEvidence();
    ev.spacedList = spec.list === 'spaced';
    ev.schedticks = spec.schedticks;
    ev.needspinning = spec.summary.length > 6;
    l = {
      slots: Int8Array.from(slots),
      keys: spec.summary,
      spaced: spec.list === 'spaced',
      schedticks: spec.schedticks,
      era: detectEra(ev),
    };
  }
  layouts.set(spec, l);
  return l;
}

export function directSummary(
  text: string,
  spec: EraSpec,
  start: number,
  end: number,
  stream: string,
  line: number,
  wallTime: string | undefined,
): Snapshot | null {
  const layout = layoutOf(spec);
  if (layout === null || end - start < 24 || !text.startsWith('SCHED ', start)) return null;
  let i = start + 6;
  let v = 0;
  let c = 0;
  const from = i;
  while ((c = text.charCodeAt(i) - 48) >= 0 && c <= 9) {
    v = v * 10 + c;
    i++;
  }
  if (
    i === from ||
    i - from > MAX_EXACT_DIGITS ||
    text.charCodeAt(i) !== 109 /* m */ ||
    text.charCodeAt(i + 1) !== 115 ||
    text.charCodeAt(i + 2) !== 58 ||
    text.charCodeAt(i + 3) !== 32
  )
    return null;
  const tMs = v;
  i += 4;
  const keys = layout.keys;
  const slots = layout.slots;
  // Locals, not a scratch array: the values stay small integers all the way into the Snapshot.
  let gomaxprocs = 0;
  let idleprocs = 0;
  let threads = 0;
  let spinning = -1;
  let needspinning = -1;
  let idlethreads = 0;
  let runqueue = 0;
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k]!;
    const kl = key.length;
    // The whole key: a garbled key (ildeprocs=) must go to the general reader, which reports it.
    if (text.charCodeAt(i + kl) !== 61 || !text.startsWith(key, i)) return null;
    i += kl + 1;
    const vf = i;
    v = 0;
    while ((c = text.charCodeAt(i) - 48) >= 0 && c <= 9) {
      v = v * 10 + c;
      i++;
    }
    if (i === vf || i - vf > MAX_EXACT_DIGITS || text.charCodeAt(i) !== 32) return null;
    i++;
    switch (slots[k]) {
      case GOMAXPROCS:
        gomaxprocs = v;
        break;
      case IDLEPROCS:
        idleprocs = v;
        break;
      case THREADS:
        threads = v;
        break;
      case SPINNING:
        spinning = v;
        break;
      case NEEDSPINNING:
        needspinning = v;
        break;
      case IDLETHREADS:
        idlethreads = v;
        break;
      default:
        runqueue = v;
    }
  }
  const runq = readList(text, i, layout.spaced);
  if (runq === null) return null;
  i = listEndOffset();
  let schedticks: number[] | null = null;
  if (layout.schedticks) {
    if (!text.startsWith(' schedticks=', i)) return null;
    schedticks = readList(text, i + 12, true);
    if (schedticks === null) return null;
    i = listEndOffset();
  }
  while (i < end && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 13)) i++;
  if (i !== end) return null;
  // A P count no running program has (procresize never leaves it without one) or past the limit:
  // the general reader says why the line is malformed.
  if (gomaxprocs < 1 || gomaxprocs > MAX_PS || runq.length > MAX_PS) return null;
  // Property order as the general path adds them (StreamParser.finish), so both make one shape.
  const s: Snapshot = {
    stream,
    run: 0,
    line,
    tMs,
    era: layout.era,
    gomaxprocs,
    idleprocs,
    threads,
    idlethreads,
    runqueue,
    runq,
  };
  if (wallTime !== undefined) s.wallTime = wallTime;
  if (spinning >= 0) s.spinningthreads = spinning;
  if (needspinning >= 0) s.needspinning = needspinning;
  if (schedticks !== null) s.schedticks = schedticks;
  return s;
}
