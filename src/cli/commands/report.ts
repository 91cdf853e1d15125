import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import type { CommandModule } from 'yargs';
import { TraceAnalyzer } from '../../pipeline.js';
import { ReportDataBuilder, renderHtmlReport, standaloneSpec, type VegaLibraries } from '../../report/index.js';
import { replayWithinBudget, toModelOverlay } from '../../replay/index.js';
import { TimelineBuilder } from '../../trace/timeline-builder.js';
import type { RunSummary } from '../../trace/run-summary.js';
import { streamLabel } from '../../trace/stream-label.js';
import type { Snapshot } from '../../trace/snapshot.js';
import type { RunTimeline } from '../../trace/timeline.js';
import { OutputError, systemReason } from '../errors.js';
import { writeOutputFile } from '../output.js';
import { readModelOverlay } from '../read-model-overlay.js';
import { describeSource } from '../line-source.js';
import { scanSources } from '../scan-sources.js';
import { note } from '../terminal.js';
import { printDiagnostics } from '../print-diagnostics.js';

interface ReportArgs {
  files: string[];
  output?: string;
  svg?: string;
  model?: string;
  replay: boolean;
  title?: string;
}

/** Above this many snapshots in all runs, the report skips the replay (it would dominate the time). */
export const REPLAY_SNAPSHOT_LIMIT = 20_000;
/**
 * Scheduler events the report's replay may process over all runs. Its cost is the goroutines' scheduling,
 * not the dumps: 20,000 summary dumps took 0.2-6.4M events (1.4-1.7 s), a 64 MB scheddetail log of
 * 12,400 dumps 175M (18 s, about 10M a second); 20M keeps the replay to about 2 s more.
 */
export const REPLAY_EVENT_BUDGET = 20_000_000;

export const reportCommand: CommandModule<object, ReportArgs> = {
  command: 'report <files..>',
  describe: 'Write a self-contained HTML report (Vega-Lite charts, headline findings) that opens offline',
  builder: (y) =>
    y
      .positional('files', {
        type: 'string',
        array: true,
        demandOption: true,
        describe: 'log files (plain or gzip), or - for stdin',
      })
      .option('output', {
        alias: 'o',
        type: 'string',
        describe: 'HTML file to write (default reports/<first file>.html)',
      })
      .option('svg', {
        type: 'string',
        describe: 'also write every chart as SVG into DIR (rendered in Node, no browser)',
      })
      .option('model', {
        type: 'string',
        describe: 'JSON model overlay (predicted vs observed queues) to draw with the trace',
      })
      .option('replay', {
        type: 'boolean',
        default: true,
        describe: `draw the one-step replay (model against observed) when the input has at most ${REPLAY_SNAPSHOT_LIMIT} snapshots, up to ${REPLAY_EVENT_BUDGET / 1e6}M scheduler events; --no-replay turns it off`,
      })
      .option('title', { type: 'string', describe: 'page title (default: the input file names)' })
      .example('$0 report app.log -o reports/app.html', 'one report, open it in any browser')
      .example(
        '$0 report samples/go1.26/*.log -o reports/all.html',
        'several files: a selector switches streams and runs',
      )
      .example(
        'docker compose logs | $0 report - -o reports/compose.html --svg reports/svg',
        'from stdin, with SVG charts',
      ),
  handler: async (args) => {
    // One pass: the analyzer keeps one point per run, the report data a bounded set of buckets;
    // whole timelines are kept only while they are small enough to replay.
    const builder = new ReportDataBuilder();
    // Run summaries are kept for the runs the page draws only (a log may hold tens of thousands).
    let summaries: RunSummary[] = [];
    const analyzer = new TraceAnalyzer({
      onRun: (r) => {
        if (!builder.has(r.stream, r.run)) return;
        summaries.push(r);
        // A run drawn when it closed may make room for a later one: drop those, so the list stays
        // near the number of runs drawn, not the number of runs in the log.
        if (summaries.length >= 2 * builder.maxRuns) summaries = summaries.filter((s) => builder.has(s.stream, s.run));
      },
    });
    const wantReplay = args.model === undefined && args.replay;
    let kept = 0;
    let timelines: TimelineBuilder | null = wantReplay ? new TimelineBuilder() : null;
    const keepForReplay = (s: Snapshot): void => {
      if (timelines === null) return;
      timelines.add(s);
      if (++kept > REPLAY_SNAPSHOT_LIMIT) timelines = null;
    };
    const scan = await scanSources(
      args.files,
      (s) => {
        // The analyzer's point (deltas from the run's previous dump) is the one the charts draw.
        const pt = analyzer.push(s);
        builder.push(s.stream, s.run, s.era, pt);
        keepForReplay(s);
      },
      {
        // Plain summary dumps come in columns, as analyze reads them (no object per dump; a row is
        // made a Snapshot only while the replay still keeps dumps); scheddetail dumps as before.
        columns: {
          onSummaryBatch: (b) => {
            // The builder first: the analyzer closes runs of the batch (onRun asks the builder
            // whether it draws them) before it has read the whole batch.
            builder.pushBatch(b);
            analyzer.pushBatch(b);
            for (let r = 0; r < b.size && timelines !== null; r++) keepForReplay(b.snapshot(r));
          },
          goroutineRecords: true,
        },
        onStreamReleased: (stream) => analyzer.release(stream),
        onTrailingGc: (stream, run, gc, line) => {
          analyzer.trailingGc(stream, run, gc, line);
          builder.extendTo(stream, run, line);
          timelines?.addTrailingGc({ stream, run, gc, line });
        },
      },
    );
    const trace = { ...scan, timelines: timelines?.timelines() ?? ([] as RunTimeline[]) };
    const names = trace.sources.map((s) => s.name);
    const output = args.output ?? join('reports', `${stem(names[0] ?? 'stdin')}.html`);
    const analysis = analyzer.result();
    const findings = analysis.findings;
    // (timelines is null with --model or --no-replay.)
    const replayed =
      timelines !== null && trace.timelines.length > 0
        ? replayWithinBudget(trace.timelines, { freeRun: false }, REPLAY_EVENT_BUDGET)
        : null;
    const overlay =
      args.model !== undefined ? await readModelOverlay(args.model) : toModelOverlay(replayed?.runs ?? []);
    const data = builder.finish(findings, overlay);
    const { html, charts } = renderHtmlReport({
      title: args.title ?? `gosched report: ${names.join(', ')}`,
      sources: trace.sources,
      data,
      findings,
      summaries: summaries.filter((r) => builder.has(r.stream, r.run)),
      diagnostics: trace.diagnostics,
      libraries: await readVegaLibraries(),
      generator: 'gosched report',
    });
    await writeOut(output, html);
    note(
      `wrote ${output} (${Math.round(Buffer.byteLength(html) / 1024)} KB, ${charts.length} charts, ${findings.length} findings)`,
    );
    const stopped = replayed?.runs.find((r) => r.stoppedAt !== undefined);
    if (replayed !== null && (stopped !== undefined || replayed.notReplayed > 0)) {
      const where =
        stopped?.stoppedAt !== undefined
          ? `stops at dump ${stopped.stoppedAt.dumps} of ${stopped.points} of ${streamLabel(stopped.stream)} run ${stopped.run}`
          : `covers the first ${replayed.runs.length} runs`;
      const later = replayed.notReplayed > 0 ? `; the ${replayed.notReplayed} runs after it have none` : '';
      note(
        `the model overlay ${where}${later}: the replay's budget of ${REPLAY_EVENT_BUDGET / 1e6}M scheduler events ran out (gosched replay replays every dump)`,
      );
    }
    if (builder.droppedRuns > 0)
      note(
        `drew ${data.runs.length} of ${data.runs.length + builder.droppedRuns} runs (the first and the latest halves); gosched analyze lists every run`,
      );
    if (args.svg !== undefined) {
      await mkdir(args.svg, { recursive: true }).catch((err) => {
        throw new OutputError(`--svg ${args.svg}`, systemReason(err));
      });
      // vega and vega-lite take about 180 ms to load: only `--svg` needs them in this process.
      const { renderSvg } = await import('../../report/svg.js');
      const prefix = stem(output);
      for (const run of data.runs) {
        for (const chart of charts) {
          const file = join(
            args.svg,
            `${prefix}-${chart.id.replace(/^chart-/, '')}${data.runs.length > 1 ? `-${run.k}` : ''}.svg`,
          );
          await writeOut(file, await renderSvg(standaloneSpec(chart, data, run.k)));
        }
      }
      note(`wrote ${charts.length * data.runs.length} SVG files to ${args.svg}`);
    }
    printDiagnostics(trace);
  },
};

/** The report's default file name for an input: its base name without extensions; `stdin` for `-`. */
function stem(path: string): string {
  if (path === describeSource('-')) return 'stdin';
  return (
    basename(path)
      .replace(/\.gz$/, '')
      .replace(/\.[^.]*$/, '') || 'report'
  );
}

async function writeOut(path: string, text: string): Promise<void> {
  try {
    await mkdir(dirname(path), { recursive: true });
  } catch (err) {
    throw new OutputError(path, systemReason(err));
  }
  await writeOutputFile(path, text);
}

/** The browser builds of vega, vega-lite and vega-embed, inlined into every report. */
export async function readVegaLibraries(): Promise<VegaLibraries> {
  const require = createRequire(import.meta.url);
  // each package's main entry sits in its build/ folder next to the minified browser bundle
  const build = (pkg: string, file: string) => join(dirname(require.resolve(pkg)), file);
  const [vega, vegaLite, vegaEmbed] = await Promise.all([
    readFile(build('vega', 'vega.min.js'), 'utf8'),
    readFile(build('vega-lite', 'vega-lite.min.js'), 'utf8'),
    readFile(build('vega-embed', 'vega-embed.min.js'), 'utf8'),
  ]);
  return { vega, vegaLite, vegaEmbed };
}
