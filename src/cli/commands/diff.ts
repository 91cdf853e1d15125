import { diffTraces, parseThreshold, TraceFiguresBuilder, type Threshold } from '../../diff/trace-diff.js';
import { TraceAnalyzer } from '../../pipeline.js';
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
 * The figures of one log in one streaming pass: distributions and finding counts, never a whole
 * run's timeline (memory holds the latest dump of each stream).
 */
async function figures(file: string) {
  const b = new TraceFiguresBuilder();
  const analyzer = new TraceAnalyzer({ onRun: (_summary, byKind) => b.addFindingCounts(byKind) });
  const last = new Map<string, { run: number; tMs: number | null }>();
  await scanSources(
    [file],
    (s) => {
      const pt = analyzer.push(s);
      const prev = last.get(s.stream);
      b.addPoint(pt, prev !== undefined && prev.run === s.run ? prev.tMs : null);
      last.set(s.stream, { run: s.run, tMs: pt.tMs });
    },
    {
      onStreamReleased: (stream) => {
        analyzer.release(stream);
        last.delete(stream);
      },
      onTrailingGc: (stream, run, gc, line) => analyzer.trailingGc(stream, run, gc, line),
    },
  );
  analyzer.result();
  return b.figures();
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
    const d = diffTraces(await figures(args.a), await figures(args.b), thresholds, failOnNew);
    const out = openOutput(undefined);
    if (args.json) out.write(`${JSON.stringify({ ...partialField(), ...d }, null, 2)}\n`);
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
      out.write(d.regressed ? 'REGRESSED\n' : 'no regression beyond the thresholds given\n');
    }
    await out.close();
    return d.regressed ? 'failed' : 'done';
  },
};
