import { basename } from 'node:path';
import { parseKindList, type RunCheck, runLabel } from '../../findings/gate.js';
import { renderAnnotations } from '../../report/annotations.js';
import { findingLine, renderJunit } from '../../report/junit.js';
import { renderMarkdownSummary } from '../../report/markdown-summary.js';
import { checkRun, evaluateGate, TraceAnalyzer } from '../../pipeline.js';
import { replayTimelines } from '../../replay/index.js';
import type { GoschedCommand } from '../command.js';
import { UsageError } from '../errors.js';
import { partialNote } from '../interruption.js';
import { scanRuns } from '../load-trace.js';
import { type ScanResult, scanSources } from '../scan-sources.js';
import { openOutput, writeOutputFile } from '../output.js';

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
      ),
  handler: async (args) => {
    let failOn: ReturnType<typeof parseKindList>['kinds'] | undefined;
    if (args['fail-on'] !== undefined) {
      const parsed = parseKindList(args['fail-on']);
      if (parsed.unknown.length > 0)
        throw new UsageError(`--fail-on: unknown finding kind(s): ${parsed.unknown.join(', ')}`);
      failOn = parsed.kinds;
    }
    const runs: RunCheck[] = [];
    let trace: ScanResult;
    if (args['min-skill'] !== undefined) {
      // The replay needs a run's whole timeline: a run at a time, each released once checked.
      trace = await scanRuns(args.files, (tl) => {
        const fidelity = replayTimelines([tl], { freeRun: false, residuals: false }).runs[0]!.oneStep.fidelity;
        runs.push(checkRun(tl, fidelity));
      });
    } else {
      // Findings only: one streaming pass, memory holds the latest dump of each stream and the findings.
      // Runs are listed in the order they first appeared, as the replay path lists them.
      const order = new Map<string, number>();
      const key = (stream: string, run: number): string => `${stream}\u0000${run}`;
      const analyzer = new TraceAnalyzer({
        onRun: (r, _byKind, findings) =>
          runs.push({
            stream: r.stream,
            run: r.run,
            firstLine: r.firstLine,
            lastLine: r.lastLine,
            findings: [...findings],
          }),
      });
      trace = await scanSources(
        args.files,
        (s) => {
          const k = key(s.stream, s.run);
          if (!order.has(k)) order.set(k, order.size);
          analyzer.push(s);
        },
        { onStreamReleased: (stream) => analyzer.release(stream) },
      );
      analyzer.result();
      runs.sort((a, b) => order.get(key(a.stream, a.run))! - order.get(key(b.stream, b.run))!);
    }
    const gate = evaluateGate(runs, { failOn, minSkill: args['min-skill'] });
    const names = trace.sources.map((s) => s.name);
    const fileOf = (stream: string): string | undefined => {
      if (names.length === 1) return names[0] === '-' || names[0] === '<stdin>' ? undefined : names[0];
      return names.find((n) => stream === basename(n) || stream.startsWith(`${basename(n)}:`));
    };
    const out = openOutput(undefined);
    if (partialNote()) out.write(`${partialNote()}\n`);
    for (const r of gate.runs) {
      const failing = r.kinds.filter((k) => k.failed);
      out.write(
        `${r.failed ? 'FAIL' : 'ok  '} ${runLabel(r)} (lines ${r.firstLine}-${r.lastLine}): ${r.findings.length} finding(s)${r.skill !== undefined ? `, skill ${r.skill === null ? 'n/a' : r.skill.toFixed(3)}` : ''}\n`,
      );
      for (const k of failing) for (const f of k.findings.slice(0, 5)) out.write(`  ${findingLine(f)}\n`);
      if (r.skillFailed) out.write(`  one-step skill below --min-skill ${gate.minSkill}\n`);
    }
    out.write(
      `${gate.failed ? 'FAILED' : partialNote() ? 'PARTIAL' : 'PASSED'}: ${gate.failing} failing finding(s) of ${gate.total}; failing kinds: ${gate.failOn.join(', ') || 'none'}\n`,
    );
    if (process.env.GITHUB_ACTIONS === 'true') {
      for (const line of renderAnnotations(gate, { fileOf })) out.write(`${line}\n`);
    }
    await out.close();
    if (args.junit !== undefined) await writeOutputFile(args.junit, renderJunit(gate));
    if (args.summary !== undefined) await writeOutputFile(args.summary, renderMarkdownSummary(gate), { append: true });
    return gate.failed ? 'failed' : 'done';
  },
};
