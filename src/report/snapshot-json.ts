import type { Snapshot } from '../trace/snapshot.js';

/**
 * A snapshot as the plain object `gosched parse` prints: fixed key order, optional fields only
 * when the log printed them.
 */
export function snapshotRecord(s: Snapshot): Record<string, unknown> {
  const o: Record<string, unknown> = {
    stream: s.stream,
    run: s.run,
    line: s.line,
    tMs: s.tMs,
  };
  if (s.wallTime !== undefined) o.wallTime = s.wallTime;
  o.era = s.era;
  o.gomaxprocs = s.gomaxprocs;
  o.idleprocs = s.idleprocs;
  o.threads = s.threads;
  if (s.spinningthreads !== undefined) o.spinningthreads = s.spinningthreads;
  if (s.needspinning !== undefined) o.needspinning = s.needspinning;
  o.idlethreads = s.idlethreads;
  o.runqueue = s.runqueue;
  o.runq = s.runq;
  if (s.schedticks !== undefined) o.schedticks = s.schedticks;
  if (s.gcwaiting !== undefined) o.gcwaiting = s.gcwaiting;
  if (s.nmidlelocked !== undefined) o.nmidlelocked = s.nmidlelocked;
  if (s.stopwait !== undefined) o.stopwait = s.stopwait;
  if (s.sysmonwait !== undefined) o.sysmonwait = s.sysmonwait;
  if (s.extra !== undefined) o.extra = s.extra;
  if (s.crash) o.crash = true;
  if (s.truncated) o.truncated = true;
  if (s.detail !== undefined) o.detail = s.detail;
  return o;
}

export function snapshotNdjsonLine(s: Snapshot): string {
  return `${JSON.stringify(snapshotRecord(s))}\n`;
}
