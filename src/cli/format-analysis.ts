import type { Finding } from '../diff/finding.js';
import type { TraceAnalysis } from '../diff/trace-analyzer.js';
import type { Percentiles } from '../trace/histogram.js';
import type { RunSummary } from '../trace/run-summary.js';
import type { ScanResult } from './scan-sources.js';
import { colors } from './terminal.js';
import { streamLabel } from '../trace/stream-label.js';

function span(r: RunSummary): string {
  if (r.startMs === null || r.endMs === null) return 'times unknown';
  return `${r.startMs}–${r.endMs} ms`;
}

function pct(p: Percentiles): string {
  return `p50 ${p.p50}  p90 ${p.p90}  p99 ${p.p99}  max ${p.max}  mean ${p.mean}`;
}

function where(f: Finding): string {
  const t =
    f.tMs === null ? '' : f.tEndMs !== null && f.tEndMs !== f.tMs ? `${f.tMs}–${f.tEndMs} ms, ` : `${f.tMs} ms, `;
  const p = f.p === undefined ? '' : `, P${f.p}`;
  return `${streamLabel(f.stream)} run ${f.run}, ${t}line ${f.line}${p}`;
}

function findingLine(f: Finding): string {
  const pc = colors();
  const severityColor = { error: pc.red, warning: pc.yellow, info: pc.cyan } as const;
  return `${severityColor[f.severity](f.kind)} (${where(f)}): ${f.explanation}`;
}

/** The terminal view of `gosched analyze`: the headline finding first, then per-run figures, then findings. */
export function formatAnalysis(scan: ScanResult, a: TraceAnalysis, top: number): string {
  const pc = colors();
  const out: string[] = [];
  const head = a.findings[0];
  out.push(
    head
      ? `${pc.bold('Headline:')} ${findingLine(head)}`
      : `${pc.bold('Headline:')} no finding; the scheduler looks unremarkable.`,
  );
  if (head?.suggestion) out.push(`  ${pc.dim('→')} ${head.suggestion}`);
  out.push('');
  for (const r of a.runs) {
    const name = `${streamLabel(r.stream)} run ${r.run}`;
    out.push(
      pc.bold(
        `${name}: ${r.snapshots} snapshots, ${span(r)}, lines ${r.firstLine}–${r.lastLine}, ${r.era} layout${r.detail ? ', scheddetail' : ''}`,
      ),
    );
    out.push(`  GOMAXPROCS     ${r.gomaxprocsValues.join(' → ')}`);
    out.push(`  global queue   ${pct(r.global)}`);
    out.push(`  local queues   ${pct(r.local)}`);
    out.push(`  idle Ps        ${(r.idleShare * 100).toFixed(1)}% of P-snapshots`);
    out.push(`  threads        ${r.threads.first} → ${r.threads.last} (max ${r.threads.max})`);
    if (r.spinning) out.push(`  spinning Ms    ${pct(r.spinning)}`);
    const kinds = new Map<string, number>();
    for (const f of a.findings)
      if (f.stream === r.stream && f.run === r.run) kinds.set(f.kind, (kinds.get(f.kind) ?? 0) + 1);
    out.push(`  findings       ${kinds.size === 0 ? 'none' : [...kinds].map(([k, n]) => `${k} ×${n}`).join(', ')}`);
    out.push('');
  }
  if (a.findings.length > 0) {
    out.push(pc.bold(`Findings (${a.findings.length}${a.findings.length > top ? `, first ${top}` : ''}):`));
    for (const f of a.findings.slice(0, top)) out.push(`- ${findingLine(f)}`);
    const omitted = Object.entries(a.omitted);
    if (omitted.length > 0) out.push(pc.dim(`  (not kept: ${omitted.map(([k, n]) => `${k} ×${n}`).join(', ')})`));
    out.push('');
  }
  const c = scan.counts;
  out.push(
    pc.dim(
      `${scan.sources.map((s) => s.name).join(', ')}: ${c.lines} lines = ${c.schedtrace} schedtrace + ${c.foreign} foreign + ${c.malformed} malformed`,
    ),
  );
  return `${out.join('\n')}\n`;
}
