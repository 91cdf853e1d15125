import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Counter, Gauge, type OpenMetricsContentType, Registry } from 'prom-client';
import type { Finding } from '../findings/finding.js';
import type { LineCounts } from '../messages.js';
import type { TimelinePoint } from '../trace/timeline.js';
import { InputError } from '../messages.js';

interface StreamSeries {
  run: string;
  ps: number;
}

/**
 * The Prometheus side of `watch` and `run`: gauges of the latest dump of each stream, counters of
 * findings, dumps and skipped lines, served as OpenMetrics text at /metrics (prom-client).
 * A stream's series of an earlier run, or of Ps beyond a smaller GOMAXPROCS, are removed, so the
 * number of series stays bounded however long it runs.
 */
export class SchedMetrics {
  readonly registry = new Registry<OpenMetricsContentType>();
  private readonly localQ: Gauge<'stream' | 'run' | 'p'>;
  private readonly gauges: Record<string, Gauge<'stream' | 'run'>>;
  private readonly findings: Counter<'stream' | 'run' | 'kind' | 'severity'>;
  private readonly ongoing: Gauge<'stream' | 'run' | 'kind' | 'severity'>;
  /** Episodes going on per label set; a set is removed when its last ends (no series per closed run). */
  private readonly openCount = new Map<string, number>();
  private readonly dumps: Counter<'stream'>;
  private readonly lines: Counter<'kind'>;
  private readonly series = new Map<string, StreamSeries>();
  private readonly seen: LineCounts = { lines: 0, schedtrace: 0, foreign: 0, malformed: 0 };

  /** `unnamed`: the stream label of the unnamed stream ('' in gosched's outputs; Prometheus drops empty labels). */
  constructor(private readonly unnamed = 'default') {
    this.registry.setContentType(Registry.OPENMETRICS_CONTENT_TYPE);
    const registers = [this.registry as unknown as Registry];
    const gauge = (name: string, help: string): Gauge<'stream' | 'run'> =>
      new Gauge({ name, help, labelNames: ['stream', 'run'], registers });
    this.localQ = new Gauge({
      name: 'gosched_local_runqueue',
      help: 'Gs in the P local run queue (ring of 256) at the latest dump',
      labelNames: ['stream', 'run', 'p'],
      registers,
    });
    this.gauges = {
      runqueue: gauge(
        'gosched_global_runqueue',
        'Gs in the global run queue (sched.runqsize, sched.runq.size from Go 1.25) at the latest dump',
      ),
      gomaxprocs: gauge('gosched_gomaxprocs', 'GOMAXPROCS at the latest dump'),
      idleprocs: gauge('gosched_idle_procs', 'idle Ps (idleprocs) at the latest dump'),
      threads: gauge('gosched_threads', 'OS threads (Ms) at the latest dump'),
      spinningthreads: gauge('gosched_spinning_threads', 'spinning Ms at the latest dump'),
      idlethreads: gauge('gosched_idle_threads', 'idle Ms at the latest dump'),
      tMs: gauge('gosched_trace_time_ms', 'the SCHED <t>ms time of the latest dump'),
    };
    this.findings = new Counter({
      name: 'gosched_findings',
      help: 'findings reported, by kind',
      labelNames: ['stream', 'run', 'kind', 'severity'],
      registers,
    });
    this.ongoing = new Gauge({
      name: 'gosched_findings_ongoing',
      help: 'findings whose episode is going on at the latest dump, by kind (gosched_findings counts them once over)',
      labelNames: ['stream', 'run', 'kind', 'severity'],
      registers,
    });
    this.dumps = new Counter({
      name: 'gosched_dumps',
      help: 'schedtrace dumps read',
      labelNames: ['stream'],
      registers,
    });
    this.lines = new Counter({
      name: 'gosched_lines',
      help: 'input lines, by how they were accounted for (schedtrace, foreign, malformed)',
      labelNames: ['kind'],
      registers,
    });
  }

  onDump(streamKey: string, run: number, pt: TimelinePoint): void {
    const stream = streamKey === '' ? this.unnamed : streamKey;
    const runLabel = String(run);
    const prev = this.series.get(stream);
    if (prev !== undefined && prev.run !== runLabel) {
      for (let p = 0; p < prev.ps; p++) this.localQ.remove({ stream, run: prev.run, p: String(p) });
      for (const g of Object.values(this.gauges)) g.remove({ stream, run: prev.run });
    } else if (prev !== undefined && prev.ps > pt.runq.length) {
      for (let p = pt.runq.length; p < prev.ps; p++) this.localQ.remove({ stream, run: runLabel, p: String(p) });
    }
    this.series.set(stream, { run: runLabel, ps: pt.runq.length });
    const labels = { stream, run: runLabel };
    for (let p = 0; p < pt.runq.length; p++) this.localQ.set({ ...labels, p: String(p) }, pt.runq[p]!);
    this.gauges.runqueue!.set(labels, pt.runqueue);
    this.gauges.gomaxprocs!.set(labels, pt.gomaxprocs);
    this.gauges.idleprocs!.set(labels, pt.idleprocs);
    this.gauges.threads!.set(labels, pt.threads);
    if (pt.spinningthreads !== null) this.gauges.spinningthreads!.set(labels, pt.spinningthreads);
    this.gauges.idlethreads!.set(labels, pt.idlethreads);
    if (pt.tMs !== null) this.gauges.tMs!.set(labels, pt.tMs);
    this.dumps.inc({ stream });
  }

  /** An episode opened: it counts as going on until its finding is reported (onFinding). */
  onOpen(f: Finding): void {
    const labels = this.findingLabels(f);
    const key = JSON.stringify(labels);
    const n = (this.openCount.get(key) ?? 0) + 1;
    this.openCount.set(key, n);
    this.ongoing.set(labels, n);
  }

  onFinding(f: Finding): void {
    this.findings.inc(this.findingLabels(f));
    this.ended(f);
  }

  /** An episode that opened was dropped (what came after refuted it): no longer going on, never counted. */
  onDrop(f: Finding): void {
    this.ended(f);
  }

  private ended(f: Finding): void {
    const labels = this.findingLabels(f);
    const key = JSON.stringify(labels);
    const n = (this.openCount.get(key) ?? 0) - 1;
    if (n > 0) {
      this.openCount.set(key, n);
      this.ongoing.set(labels, n);
    } else if (this.openCount.delete(key)) this.ongoing.remove(labels);
  }

  private findingLabels(f: Finding): { stream: string; run: string; kind: string; severity: string } {
    return {
      stream: f.stream === '' ? this.unnamed : f.stream,
      run: String(f.run),
      kind: f.kind,
      severity: f.severity,
    };
  }

  /** Brings the line counters up to the parser's running counts. */
  onCounts(c: LineCounts): void {
    for (const k of ['schedtrace', 'foreign', 'malformed'] as const) {
      const d = c[k] - this.seen[k];
      if (d > 0) this.lines.inc({ kind: k }, d);
      this.seen[k] = c[k];
    }
  }
}

/** Serves the registry at http://HOST:PORT/metrics; resolves with the address actually bound (PORT may be 0). */
export async function serveMetrics(
  metrics: SchedMetrics,
  hostPort: string,
  before: () => void,
): Promise<{ url: string; server: Server }> {
  const m = /^(.*):(\d+)$/.exec(hostPort);
  if (m === null) throw new InputError('--metrics', `expected HOST:PORT, got "${hostPort}"`);
  const host = m[1]!.replace(/^\[(.*)\]$/, '$1') || '127.0.0.1';
  const server = createServer((req, res) => {
    if (req.url !== '/metrics' && !req.url?.startsWith('/metrics?')) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found; see /metrics\n');
      return;
    }
    before();
    metrics.registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text),
      (err: Error) => res.writeHead(500).end(`${err.message}\n`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err) => reject(new InputError('--metrics', `cannot listen on ${hostPort}: ${err.message}`)));
    server.listen(Number(m[2]), host, resolve);
  });
  server.unref();
  const a = server.address() as AddressInfo;
  const shown = a.family === 'IPv6' ? `[${a.address}]` : a.address;
  return { url: `http://${shown}:${a.port}/metrics`, server };
}
