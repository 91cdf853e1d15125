import {
  diffStreams,
  diffTraces,
  MAX_DIFF_STREAMS,
  parseThreshold,
  TraceFiguresBuilder,
  type StreamsDiff,
  type Threshold,
} from '../../diff/trace-diff.js';
import { TraceAnalyzer } from '../../pipeline.js';
import { copyInto } from '../../trace/batch-rows.js';
import type { SummaryBatch } from '../../trace/summary-batch.js';
import { firstWentBack, uint32Delta } from '../../trace/timeline.js';
import type { GoschedCommand } from '../command.js';
import { UsageError } from '../errors.js';
import { kindListFlag } from '../flags.js';
import { partialField, partialNote } from '../interruption.js';
import { openOutput } from '../output.js';
import { describeSource } from '../line-source.js';
import { scanSources } from '../scan-sources.js';

interface DiffArgs {
  a: string;
  b: string;
  threshold: string[];
  'fail-on-new'?: string;
  json: boolean;
}

/**
 * The figures of one log in one streaming pass, pooled and per stream (the first MAX_DIFF_STREAMS):
 * distributions and finding counts, never a whole run's timeline (memory holds the latest dump of
 * each stream).
 */
async function figures(file: string) {
  const pooled = new TraceFiguresBuilder();
  const byStream = new Map<string, TraceFiguresBuilder>();
  let capped = false;
  const builderOf = (stream: string): TraceFiguresBuilder | undefined => {
    let b = byStream.get(stream);
    if (b === undefined && byStream.size < MAX_DIFF_STREAMS) byStream.set(stream, (b = new TraceFiguresBuilder()));
    if (b === undefined) capped = true;
    return b;
  };
  const analyzer = new TraceAnalyzer({
    onRun: (summary, byKind) => {
      pooled.addFindingCounts(byKind);
      builderOf(summary.stream)?.addFindingCounts(byKind);
    },
  });
  // Each stream's latest dump: its run, time and schedticks (owned here, for the next row's deltas).
  const last = new Map<string, { run: number; tMs: number | null; ticks: number[] | undefined }>();
  const deltas: number[] = [];
  /** Row r's schedticks, a view of the batch, or undefined when it printed none. */
  const rowTicks = (b: SummaryBatch, r: number) =>
    b.hasTicks[r] === 1 ? b.ticks.subarray(b.ticksFrom[r]!, b.ticksFrom[r + 1]!) : undefined;
  /** The schedtickDelta toTimelinePoint makes of `ticks` after `prior`, in `deltas`; undefined: none. */
  const deltasOf = (prior: number[] | undefined, ticks: Uint32Array | undefined): number[] | undefined => {
    if (prior === undefined || ticks === undefined || prior.length !== ticks.length) return undefined;
    if (firstWentBack(prior, ticks) >= 0) return undefined;
    deltas.length = ticks.length;
    for (let i = 0; i < ticks.length; i++) deltas[i] = uint32Delta(prior[i]!, ticks[i]!);
    return deltas;
  };
  await scanSources(
    [file],
    (s) => {
      const pt = analyzer.push(s);
      const prev = last.get(s.stream);
      const prevT = prev !== undefined && prev.run === s.run ? prev.tMs : null;
      pooled.addPoint(pt, prevT);
      builderOf(s.stream)?.addPoint(pt, prevT);
      last.set(s.stream, { run: s.run, tMs: pt.tMs, ticks: pt.schedticks?.slice() });
    },
    {
      // Plain summary dumps in columns, as analyze reads them: no object per dump.
      columns: {
        onSummaryBatch: (b) => {
          for (let r = 0; r < b.size; r++) {
            const stream = b.stream[r]!;
            const run = b.run[r]!;
            const ticks = rowTicks(b, r);
            let st = last.get(stream);
            const same = st !== undefined && st.run === run;
            const d = deltasOf(same ? st!.ticks : undefined, ticks);
            pooled.addRow(b, r, d, same ? st!.tMs : null);
            builderOf(stream)?.addRow(b, r, d, same ? st!.tMs : null);
            if (st === undefined) last.set(stream, (st = { run, tMs: null, ticks: undefined }));
            st.run = run;
            st.tMs = b.tMs[r]!;
            // Copied into the stream's own array: the batch is reused.
            if (ticks === undefined) st.ticks = undefined;
            else copyInto((st.ticks ??= []), b.ticks, b.ticksFrom[r]!, b.ticksFrom[r + 1]!);
          }
          analyzer.pushBatch(b);
        },
      },
      onStreamReleased: (stream) => {
        analyzer.release(stream);
        last.delete(stream);
      },
      onTrailingGc: (stream, run, gc, line) => analyzer.trailingGc(stream, run, gc, line),
      // The figures compared hold no wall time.
      wallTimes: false,
    },
  );
  analyzer.result();
  return {
    pooled: pooled.figures(),
    streams: new Map([...byStream].map(([k, b]) => [k, b.figures()] as const)),
    capped,
  };
}

export const diffCommand: GoschedCommand<DiffArgs> = {
  command: 'diff <a> <b>',
  describe:
    'Compare two logs of the same service (before, then after): queue, idle, thread and schedtick distributions, findings',
  builder: (y) =>
    y
      .positional('a', { type: 'string', demandOption: true, describe: 'the log before the change' })
      .positional('b', { type: 'string', demandOption: true, describe: 'the log after the change' })
      .option('threshold', {
        type: 'string',
        array: true,
        default: [] as string[],
        describe: 'METRIC=+N or METRIC=+N%: exit 1 when B exceeds A by more (e.g. global.p90=+25%)',
      })
      .option('fail-on-new', {
        type: 'string',
        describe: 'comma-separated finding kinds whose appearance in B is a regression',
      })
      .option('json', { type: 'boolean', default: false, describe: 'the comparison as JSON' })
      .example('$0 diff before.log after.log', 'distributions side by side, findings that appeared or disappeared')
      .example(
        '$0 diff before.log after.log --threshold global.p90=+25% --threshold threads.max=+8',
        'exit 1 on a regression',
      ),
  handler: async (args) => {
    const thresholds: Threshold[] = [];
    for (const t of args.threshold) {
      const parsed = parseThreshold(t);
      if (typeof parsed === 'string') throw new UsageError(`--threshold: ${parsed}`);
      thresholds.push(parsed);
    }
    const failOnNew = args['fail-on-new'] !== undefined ? kindListFlag('fail-on-new', args['fail-on-new']) : [];
    const fa = await figures(args.a);
    const fb = await figures(args.b);
    const d = diffTraces(fa.pooled, fb.pooled, thresholds, failOnNew);
    // Named streams (services) on either side: each is compared with its namesake as well.
    const named = (f: typeof fa) => f.streams.size > 1 || (f.streams.size === 1 && !f.streams.has(''));
    const streams: StreamsDiff | undefined =
      named(fa) || named(fb)
        ? diffStreams(fa.streams, fb.streams, thresholds, failOnNew, fa.capped || fb.capped)
        : undefined;
    const regressed = d.regressed || (streams?.regressed ?? false);
    const out = openOutput(undefined);
    if (args.json)
      out.write(
        `${JSON.stringify({ ...partialField(), ...d, ...(streams !== undefined ? { streams } : {}), regressed }, null, 2)}\n`,
      );
    else {
      if (partialNote()) out.write(`${partialNote()}\n`);
      const show = (x: number | null) => (x === null ? 'n/a' : String(x));
      const procs = (f: typeof d.a) => `GOMAXPROCS ${f.gomaxprocs.join(', ') || 'n/a'}`;
      out.write(
        `A: ${describeSource(args.a)} (${d.a.snapshots} dumps, ${procs(d.a)})\nB: ${describeSource(args.b)} (${d.b.snapshots} dumps, ${procs(d.b)})\n`,
      );
      if (d.gomaxprocsDiffer)
        out.write(
          'The two ran at different GOMAXPROCS: local queues are per P and the idle share is per P-snapshot, so those figures measure different things.\n',
        );
      out.write('\n');
      out.write(`${'metric'.padEnd(20)} ${'A'.padStart(9)} ${'B'.padStart(9)} ${'B-A'.padStart(9)}  threshold\n`);
      for (const c of d.changes) {
        out.write(
          `${c.metric.padEnd(20)} ${show(c.a).padStart(9)} ${show(c.b).padStart(9)} ${show(c.delta).padStart(9)}  ${c.threshold ?? ''}${c.regressed ? '  REGRESSION' : ''}\n`,
        );
      }
      out.write(
        `\nfindings appeared: ${d.appeared.join(', ') || 'none'}\nfindings disappeared: ${d.disappeared.join(', ') || 'none'}\n`,
      );
      for (const u of d.unseen)
        out.write(
          `not compared: ${u.kind} (${u.side} has no ${u.lacks === 'gctrace' ? 'gctrace lines' : 'scheddetail dumps'}, so it could not show it)\n`,
        );
      if (d.notCompared.length > 0)
        out.write(`not compared (n/a on one side, so its threshold was not applied): ${d.notCompared.join(', ')}\n`);
      if (streams !== undefined) out.write(streamLines(streams));
      out.write(regressed ? 'REGRESSED\n' : 'no regression beyond the thresholds given\n');
    }
    await out.close();
    return regressed ? 'failed' : 'done';
  },
};

/** The per-stream part of the text: what changed in each stream both logs hold. */
function streamLines(s: StreamsDiff): string {
  const label = (k: string) => (k === '' ? '(unnamed)' : k);
  let text = `\nper stream (${s.compared.length} in both logs${s.capped ? `; only the first ${MAX_DIFF_STREAMS} of each log` : ''}):\n`;
  for (const d of s.compared) {
    const parts: string[] = [];
    for (const c of d.changes) if (c.regressed) parts.push(`${c.metric} ${c.a} → ${c.b} (threshold ${c.threshold})`);
    if (d.appeared.length > 0)
      parts.push(
        `findings appeared: ${d.appeared.map((k) => (d.newFailing.includes(k) ? `${k} (--fail-on-new)` : k)).join(', ')}`,
      );
    if (d.disappeared.length > 0) parts.push(`findings disappeared: ${d.disappeared.join(', ')}`);
    text += `  ${label(d.stream)}: ${d.regressed ? 'REGRESSED' : 'no regression'}${parts.length > 0 ? `; ${parts.join('; ')}` : ''}\n`;
  }
  if (s.compared.length === 0)
    text += '  no stream is in both logs (streams are matched by name): only the pooled figures compare\n';
  if (s.onlyA.length > 0) text += `  only in A: ${s.onlyA.map(label).join(', ')}\n`;
  if (s.onlyB.length > 0) text += `  only in B: ${s.onlyB.map(label).join(', ')}\n`;
  for (const f of s.onlyBFailing)
    text += `  ${label(f.stream)} (only in B): REGRESSED; new with ${f.kinds.join(', ')} (--fail-on-new)\n`;
  return text;
}
