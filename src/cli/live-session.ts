import type { Writable } from 'node:stream';
import { createLogUpdate } from 'log-update';
import pc from 'picocolors';
import type { Finding } from '../findings/finding.js';
import { LiveFindings } from '../live/live-findings.js';
import { LiveState } from '../live/live-state.js';
import { renderView } from '../live/render-view.js';
import { createParser, type Parser } from '../parse/index.js';
import type { Snapshot } from '../trace/snapshot.js';
import { findingLine, formatAnalysis } from './format-analysis.js';
import type { SchedMetrics } from './metrics-server.js';
import { printDiagnostics } from './print-diagnostics.js';
import { MAX_DIAGNOSTICS, type ScanResult } from './scan-sources.js';

/** How the session shows what it finds while the input is still coming. */
export type LiveMode =
  /** The terminal dashboard (log-update) on this stream. */
  | { kind: 'tty'; stream: NodeJS.WriteStream; color: boolean }
  /** One JSON object per finding, one per line, as each finding closes. */
  | { kind: 'ndjson'; out: Writable }
  | { kind: 'quiet' };

export interface LiveSessionOptions {
  /** Shown in the dashboard's first line and the summary's last. */
  sourceName: string;
  mode: LiveMode;
  metrics?: SchedMetrics;
  /** Fixed schedtrace period in ms (gosched run knows it); otherwise read from the dumps. */
  periodMs?: number;
  /** Findings listed in the closing summary. */
  top: number;
  /** NDJSON findings also go here (a file beside the dashboard). */
  ndjsonFile?: Writable;
  /** NDJSON also gets a line when an episode opens (`"ongoing": true`), before its closing line. */
  ongoing?: boolean;
}

/** Redraws of the dashboard at most this often, however fast the input comes. */
const RENDER_EVERY_MS = 100;

/**
 * Runs the closing summary lists, the last to close: a crash-looping program read for hours has
 * thousands, and neither the summary nor memory should grow with them (analyze lists every run).
 */
export const SUMMARY_RUNS = 20;

/**
 * One live reading of a log, shared by `watch` and `run`: blocks of lines in, snapshots, findings,
 * the dashboard or NDJSON and the metrics out, and at the end the summary `analyze` prints.
 * A dump counts as whole when the next one starts, or when no line came for one period.
 */
export class LiveSession {
  readonly state = new LiveState();
  private readonly parser: Parser;
  private readonly findings: LiveFindings;
  private readonly scan: ScanResult;
  private idleTimer: NodeJS.Timeout | undefined;
  private renderTimer: NodeJS.Timeout | undefined;
  private lastRender = 0;
  private readonly log: ReturnType<typeof createLogUpdate> | undefined;
  private readonly onResize = (): void => this.render();

  constructor(private o: LiveSessionOptions) {
    this.scan = {
      sources: [],
      counts: this.state.counts,
      snapshots: 0,
      diagnostics: [],
      diagnosticsByCode: {},
    };
    this.findings = new LiveFindings((f) => this.onFinding(f), {
      keepRuns: SUMMARY_RUNS,
      onOpen: (f) => this.onOpen(f),
      onDrop: (f) => this.o.metrics?.onDrop(f),
    });
    this.parser = createParser({
      onSnapshot: (s) => this.onSnapshot(s),
      onTrailingGc: (stream, run, gc, line) => this.findings.trailingGc(stream, run, gc, line),
      onDiagnostic: (d) => {
        this.scan.diagnosticsByCode[d.code] = (this.scan.diagnosticsByCode[d.code] ?? 0) + 1;
        if (this.scan.diagnostics.length < MAX_DIAGNOSTICS) this.scan.diagnostics.push(d);
      },
    });
    if (o.mode.kind === 'tty') {
      this.log = createLogUpdate(o.mode.stream);
      o.mode.stream.on('resize', this.onResize);
    }
  }

  /** The NDJSON reader went away (`| head`): findings are no longer written (they are still counted and summed up). */
  ndjsonClosed(): void {
    if (this.o.mode.kind === 'ndjson') this.o.mode = { kind: 'quiet' };
  }

  /** Whole lines joined by \n, as LineSplitter hands them on. */
  pushBlock(text: string, first: boolean): void {
    this.parser.pushBlock(text, first);
    this.state.counts = this.parser.counts;
    this.o.metrics?.onCounts(this.state.counts);
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      this.parser.flushIdle();
      this.scheduleRender();
    }, this.o.periodMs ?? this.state.periodMs());
    this.idleTimer.unref();
    this.scheduleRender();
  }

  /** Text that is not the trace's (a child's stderr) shown above the dashboard, or written through. */
  passThrough(text: string, to: Writable): void {
    if (this.log !== undefined) {
      this.log.clear();
      to.write(text);
      this.render();
    } else to.write(text);
  }

  /** End of input or Ctrl-C: closes open dumps and runs, clears the dashboard, prints the summary. */
  finish(summaryTo: Writable): ScanResult {
    clearTimeout(this.idleTimer);
    clearTimeout(this.renderTimer);
    const counts = this.parser.end();
    this.state.counts = counts;
    this.scan.counts = counts;
    this.o.metrics?.onCounts(counts);
    const analysis = this.findings.finish();
    if (this.log !== undefined && this.o.mode.kind === 'tty') {
      this.render();
      this.log.done();
      this.o.mode.stream.off('resize', this.onResize);
    }
    this.scan.sources = [{ name: this.o.sourceName, counts, snapshots: this.scan.snapshots }];
    if (counts.schedtrace > 0 || counts.malformed > 0) {
      summaryTo.write(formatAnalysis(this.scan, analysis, this.o.top, analysis.earlierRuns));
      printDiagnostics(this.scan, false);
    } else {
      summaryTo.write(
        pc.dim(
          `${this.o.sourceName}: no schedtrace line in ${counts.lines} lines (is GODEBUG=schedtrace=N set, and is this the program's stderr?)\n`,
        ),
      );
    }
    return this.scan;
  }

  private onSnapshot(s: Snapshot): void {
    this.scan.snapshots++;
    const pt = this.findings.push(s);
    this.state.onDump(s, pt);
    if (this.log !== undefined) this.state.ongoing = this.findings.ongoing();
    this.o.metrics?.onDump(s.stream, s.run, pt);
  }

  private onOpen(f: Finding): void {
    this.o.metrics?.onOpen(f);
    if (this.o.ongoing !== true) return;
    const line = `${JSON.stringify({ ...f, ongoing: true })}\n`;
    if (this.o.mode.kind === 'ndjson') this.o.mode.out.write(line);
    this.o.ndjsonFile?.write(line);
  }

  private onFinding(f: Finding): void {
    this.state.onFinding(f);
    this.o.metrics?.onFinding(f);
    if (this.o.mode.kind === 'ndjson') this.o.mode.out.write(`${JSON.stringify(f)}\n`);
    this.o.ndjsonFile?.write(`${JSON.stringify(f)}\n`);
  }

  private scheduleRender(): void {
    if (this.log === undefined || this.renderTimer !== undefined) return;
    const wait = Math.max(0, this.lastRender + RENDER_EVERY_MS - Date.now());
    this.renderTimer = setTimeout(() => {
      this.renderTimer = undefined;
      this.render();
    }, wait);
  }

  private render(): void {
    if (this.log === undefined || this.o.mode.kind !== 'tty') return;
    this.lastRender = Date.now();
    const stream = this.o.mode.stream;
    const colors = pc.createColors(this.o.mode.color);
    this.log(
      renderView(this.state, {
        width: stream.columns ?? 100,
        height: stream.rows ?? 40,
        palette: colors,
        describe: (f) => findingLine(f, false),
        title: this.o.sourceName,
      }),
    );
  }
}
