import type { ParseResult } from '../../src/parse/index.js';
import type { Snapshot } from '../../src/trace/snapshot.js';

function list(xs: readonly number[] | undefined): string {
  return xs === undefined ? '-' : `[${xs.join(' ')}]`;
}

function detailLine(s: Snapshot): string {
  const d = s.detail;
  if (d === undefined) return '';
  const ex = (e: Record<string, string> | undefined) => (e ? JSON.stringify(e) : '');
  const ps = d.p
    .map((p) => `P${p.id}:${p.status}/${p.schedtick}/${p.syscalltick}/${p.m ?? '-'}/${p.runqsize}${ex(p.extra)}`)
    .join(' ');
  const ms = d.m
    .map(
      (m) =>
        `M${m.id}:${m.p ?? '-'}/${m.curg ?? '-'}${m.spinning ? 's' : ''}${m.blocked ? 'b' : ''}${m.preemptoff ? `"${m.preemptoff}"` : ''}${ex(m.extra)}`,
    )
    .join(' ');
  const gExtra = d.g.filter((g) => g.extra).map((g) => `G${g.id}${ex(g.extra)}`);
  const gs = new Map<string, number>();
  for (const g of d.g) {
    const k = `${g.status}${g.scan ? '+scan' : ''}(${g.waitReason})`;
    gs.set(k, (gs.get(k) ?? 0) + 1);
  }
  const gsum = [...gs]
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([k, n]) => `${k}x${n}`)
    .join(' ');
  return `\n    ${ps}\n    ${ms}\n    G ${d.g.length}: ${gsum}${gExtra.length > 0 ? ` ${gExtra.join(' ')}` : ''}`;
}

/** One readable line per snapshot (plus P/M/G digests), then the line counts and diagnostics. */
export function dumpParse(r: ParseResult): string {
  const out: string[] = [];
  for (const s of r.snapshots) {
    const flags = [s.crash ? 'crash' : '', s.truncated ? 'truncated' : '', s.gcwaiting ? 'gcwaiting' : '']
      .filter(Boolean)
      .join(',');
    const tail = [
      s.spinningthreads !== undefined ? `spin=${s.spinningthreads}` : '',
      s.needspinning !== undefined ? `need=${s.needspinning}` : '',
      s.schedticks ? `ticks=${list(s.schedticks)}` : '',
      s.stopwait !== undefined ? `stopwait=${s.stopwait}` : '',
      s.extra ? `extra=${JSON.stringify(s.extra)}` : '',
      s.wallTime ? `wall=${s.wallTime}` : '',
      flags ? `{${flags}}` : '',
    ]
      .filter(Boolean)
      .join(' ');
    out.push(
      `L${s.line} ${s.stream === '' ? '' : `[${s.stream}] `}run${s.run} t=${s.tMs ?? '?'} ${s.era} P=${s.gomaxprocs} idle=${s.idleprocs} thr=${s.threads} idlethr=${s.idlethreads} gq=${s.runqueue} lq=${list(s.runq)} ${tail}`.trimEnd() +
        detailLine(s),
    );
  }
  const c = r.counts;
  out.push(
    `lines=${c.lines} schedtrace=${c.schedtrace}${c.gctrace !== undefined ? ` gctrace=${c.gctrace}` : ''} foreign=${c.foreign} malformed=${c.malformed}`,
  );
  for (const d of r.diagnostics)
    out.push(`${d.severity} L${d.line}${d.stream ? ` [${d.stream}]` : ''} ${d.code}: ${d.message}`);
  return `${out.join('\n')}\n`;
}
