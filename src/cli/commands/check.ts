import { basename } from 'node:path';
import { BesideHold } from '../../findings/beside-hold.js';
import { GateTally, type RunCheck } from '../../findings/gate.js';
import { runAnnotations } from '../../report/annotations.js';
import { checkRunLines, checkVerdictLine } from '../../report/check-lines.js';
import { junitHead, junitSuite, junitTail } from '../../report/junit.js';
import { MarkdownSummary } from '../../report/markdown-summary.js';
import { addFidelity, TraceAnalyzer } from '../../pipeline.js';
import { type OneStepFidelity, RunReplayer } from '../../replay/index.js';
import type { SummaryBatch } from '../../trace/summary-batch.js';
import { RunPointStream } from '../../trace/timeline-builder.js';
import type { GoschedCommand } from '../command.js';
import { kindListFlag } from '../flags.js';
import { partialNote } from '../interruption.js';
import { describeSource } from '../line-source.js';
import { scanSources } from '../scan-sources.js';
import { openOutput, writeOutputFile } from '../output.js';
import { InOrder } from '../in-order.js';
import { Spool } from '../spool.js';

interface CheckArgs {
  files: string[];
  'fail-on'?: string;
  'min-skill'?: number;
  junit?: string;
  summary?: string;
}

export const checkCommand: GoschedCommand<CheckArgs> = {
  command: 'check <files..>',
  describe: 'CI gate: the same findings as analyze, and replay fidelity; exit 1 when something fails the gate',
  builder: (y) =>
    y
      .positional('files', {
        type: 'string',
        array: true,
        demandOption: true,
        describe: 'log files (plain or gzip), or - for stdin',
      })
      .option('fail-on', {
        type: 'string',
        describe:
          'comma-separated finding kinds that fail (default: invariant-violation,model-divergence; "none", "all")',
      })
      .option('min-skill', { type: 'number', describe: 'also fail a run whose one-step replay skill is below X' })
      .option('junit', {
        type: 'string',
        describe: 'write JUnit XML to FILE (a test case per stream, run and finding kind)',
      })
      .option('summary', { type: 'string', describe: 'write a Markdown summary to FILE (e.g. $GITHUB_STEP_SUMMARY)' })
      .example('$0 check app.log', 'exit 0 unless an invariant violation or model divergence is found')
      .example('$0 check logs/*.log --fail-on all --junit gosched.xml', 'fail on every finding kind, JUnit for the CI')
      .example(
        '$0 check app.log --min-skill 0 --summary "$GITHUB_STEP_SUMMARY"',
        'also require the model to beat persistence',
      )
      .epilog('Exit codes: 0 passed, 1 failed the gate, 2 unreadable input, 64 usage error.'),
  handler: async (args) => {
    const failOn = args['fail-on'] !== undefined ? kindListFlag('fail-on', args['fail-on']) : undefined;
    // Each run is judged as it closes and its text goes to spools (temporary files past 1 MiB):
    // memory holds one run's findings, whatever the number of runs; the outputs are the same bytes
    // as judging every run at the end.
    const tally = new GateTally({ failOn, minSkill: args['min-skill'] });
    const minSkill = args['min-skill'];
    const lines = new Spool();
    const annotations = process.env.GITHUB_ACTIONS === 'true' ? new Spool() : null;
    const junit = args.junit !== undefined ? new Spool() : null;
    const summary = args.summary !== undefined ? new MarkdownSummary() : null;
    let junitTests = 0;
    let junitFailures = 0;
    const names = args.files.map(describeSource);
    const fileOf = (stream: string): string | undefined => {
      if (names.length === 1) return names[0] === '-' || names[0] === '<stdin>' ? undefined : names[0];
      return names.find((n) => stream === basename(n) || stream.startsWith(`${basename(n)}:`));
    };
    const judge = (run: RunCheck): void => {
      const r = tally.verdict(run);
      lines.write(checkRunLines(r, minSkill));
      if (annotations !== null)
        for (const line of runAnnotations(r, minSkill, { fileOf })) annotations.write(`${line}\n`);
      if (junit !== null) {
        const suite = junitSuite(r, minSkill);
        junit.write(suite.text);
        junitTests += suite.tests;
        junitFailures += suite.failures;
      }
      summary?.add(r);
    };
    try {
      // One streaming pass. Runs are judged in the order they first appeared; a run that closes
      // before an earlier one still open waits. With --min-skill each run is also replayed one step
      // ahead as its dumps are read (RunReplayer), so no run is ever held whole.
      const inOrder = new InOrder<RunCheck>(judge);
      // A run whose restart may yet prove to be a process beside others waits (BesideHold).
      const held = new BesideHold<RunCheck & { at: number }>(({ at, ...rc }) => inOrder.put(at, rc));
      const order = new Map<string, number>();
      const key = (stream: string, run: number): string => `${stream}\u0000${run}`;
      const fidelities = new Map<string, OneStepFidelity>();
      const replays =
        minSkill !== undefined
          ? new RunPointStream<RunReplayer>({
              start: (head) => new RunReplayer(head.stream, head.run, head.era, { freeRun: false, residuals: false }),
              point: (r, pt, head) => r.add(pt, head.era),
              end: (r, head) => fidelities.set(key(head.stream, head.run), r.finish().replay.oneStep.fidelity),
            })
          : null;
      let seen = 0;
      const analyzer = new TraceAnalyzer({
        onRun: (r, _byKind, findings) => {
          const k = key(r.stream, r.run);
          const at = order.get(k)!;
          order.delete(k);
          const rc: RunCheck = {
            stream: r.stream,
            run: r.run,
            firstLine: r.firstLine,
            lastLine: r.lastLine,
            findings: [...findings],
          };
          const fidelity = fidelities.get(k);
          fidelities.delete(k);
          if (fidelity !== undefined) addFidelity(rc, fidelity);
          held.closed({ ...rc, at });
        },
        onBeside: (e) => held.evidence(e),
      });
      const firstSeen = (stream: string, run: number): void => {
        const k = key(stream, run);
        if (!order.has(k)) order.set(k, seen++);
      };
      // The replay hears of a run's end first, so its fidelity is there when the analyzer's comes.
      await scanSources(
        args.files,
        (s) => {
          firstSeen(s.stream, s.run);
          replays?.add(s);
          analyzer.push(s);
        },
        {
          // Without a replay, plain summary dumps come in columns, as analyze reads them: no
          // object per dump. The replay steps through points.
          ...(replays === null
            ? {
                columns: {
                  onSummaryBatch: (b: SummaryBatch) => {
                    for (let r = 0; r < b.size; r++)
                      if (r === 0 || b.run[r] !== b.run[r - 1] || b.stream[r] !== b.stream[r - 1])
                        firstSeen(b.stream[r]!, b.run[r]!);
                    analyzer.pushBatch(b);
                  },
                },
              }
            : {}),
          onStreamReleased: (stream) => {
            replays?.release(stream);
            analyzer.release(stream);
            held.end(stream);
          },
          onTrailingGc: (stream, run, gc, line) => analyzer.trailingGc(stream, run, gc, line),
          // The gate prints no wall time.
          wallTimes: false,
        },
      );
      replays?.end();
      analyzer.result();
      held.end();
      const gate = tally.totals();
      const out = openOutput(undefined);
      if (partialNote()) out.write(`${partialNote()}\n`);
      await lines.copyTo(out);
      out.write(checkVerdictLine(gate, partialNote() !== ''));
      if (annotations !== null) await annotations.copyTo(out);
      await out.close();
      if (junit !== null) {
        const file = openOutput(args.junit);
        file.write(junitHead(junitTests, junitFailures));
        await junit.copyTo(file);
        file.write(junitTail);
        await file.close();
      }
      if (summary !== null) await writeOutputFile(args.summary as string, summary.render(gate), { append: true });
      return gate.failed ? 'failed' : 'done';
    } finally {
      lines.dispose();
      annotations?.dispose();
      junit?.dispose();
    }
  },
};
