/**
 * Prints a Snapshot in the exact schedtrace text of a Go release (runtime.schedtrace in proc.go).
 * Eras (see the parser's era tables):
 *   <=1.11  `[a b]`, -1 ids, 0/1 flags, helpgc= on M lines; no timerslen before 1.14
 *   1.20+   needspinning=, nil ids, true/false flags
 *   1.25+   `[ a b ] schedticks=[ t0 t1 ]`
 */
import type { Snapshot } from '../trace/snapshot.js';
import { parseGoVersion } from './profiles.js';

interface Era {
  needspinning: boolean;
  nil: boolean;
  spacedBrackets: boolean;
  timerslen: boolean;
  helpgc: boolean;
}

function eraOf(go: string): Era {
  const v = parseGoVersion(go);
  if (!v) throw new RangeError(`not a Go version: ${JSON.stringify(go)}`);
  const minor = v[0] > 1 ? 1000 : v[1];
  return {
    needspinning: minor >= 20,
    nil: minor >= 20,
    spacedBrackets: minor >= 25,
    timerslen: minor >= 14,
    helpgc: minor <= 11,
  };
}

const id = (v: number | null, era: Era): string => (v === null ? (era.nil ? 'nil' : '-1') : String(v));
const flag = (v: boolean | undefined, era: Era): string => (era.nil ? String(v === true) : v ? '1' : '0');

/** One dump: the SCHED line and, with `detail`, its P, M and G lines; lines joined with '\n' (no trailing newline). */
export function formatSnapshot(s: Snapshot, go: string, detail: boolean): string {
  const era = eraOf(go);
  let head =
    `SCHED ${s.tMs ?? 0}ms: gomaxprocs=${s.gomaxprocs} idleprocs=${s.idleprocs} threads=${s.threads}` +
    ` spinningthreads=${s.spinningthreads ?? 0}` +
    (era.needspinning ? ` needspinning=${s.needspinning ?? 0}` : '') +
    ` idlethreads=${s.idlethreads} runqueue=${s.runqueue}`;
  if (!detail) {
    if (era.spacedBrackets) {
      // schedtrace prints " [ " then "q " per P then "]" (1.25+), and the ticks the same way.
      head += ` [ ${s.runq.map((q) => `${q} `).join('')}]`;
      head += ` schedticks=[ ${(s.schedticks ?? s.runq.map(() => 0)).map((t) => `${t} `).join('')}]`;
    } else {
      head += ` [${s.runq.join(' ')}]`;
    }
    return head;
  }
  head += ` gcwaiting=${flag(s.gcwaiting, era)} nmidlelocked=${s.nmidlelocked ?? 0} stopwait=${s.stopwait ?? 0} sysmonwait=${flag(s.sysmonwait, era)}`;
  const lines = [head];
  const d = s.detail;
  if (!d) return head;
  for (const p of d.p) {
    lines.push(
      `  P${p.id}: status=${p.status} schedtick=${p.schedtick} syscalltick=${p.syscalltick} m=${id(p.m, era)} runqsize=${p.runqsize} gfreecnt=${p.gfreecnt}` +
        (era.timerslen ? ` timerslen=${p.timerslen ?? 0}` : ''),
    );
  }
  for (const m of d.m) {
    lines.push(
      `  M${m.id}: p=${id(m.p, era)} curg=${id(m.curg, era)} mallocing=${m.mallocing} throwing=${m.throwing} preemptoff=${m.preemptoff} locks=${m.locks} dying=${m.dying}` +
        (era.helpgc ? ` helpgc=${m.helpgc ?? 0}` : '') +
        ` spinning=${m.spinning} blocked=${m.blocked} lockedg=${id(m.lockedg, era)}`,
    );
  }
  for (const g of d.g)
    lines.push(`  G${g.id}: status=${g.rawStatus}(${g.waitReason}) m=${id(g.m, era)} lockedm=${id(g.lockedm, era)}`);
  return lines.join('\n');
}
