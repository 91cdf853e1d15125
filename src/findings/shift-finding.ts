import { checks } from './checks/index.js';
import type { Finding } from './finding.js';

/**
 * A finding of a part of a trace analysed apart (the parallel analyze), moved to its place in the
 * whole: its run and line numbers shifted by the runs and lines before the part, and its words
 * rebuilt when its evidence names the run or a line (a restart's "run N begins here", the line
 * printed before it).
 */
export function shiftFinding(f: Finding, runs: number, lines: number): void {
  f.run += runs;
  f.line += lines;
  f.lastLine += lines;
  const e = f.evidence as { run?: unknown };
  if (typeof e.run !== 'number' || (runs === 0 && lines === 0)) return;
  e.run += runs;
  // A restart's words name the input line of the output before it (Snapshot.priorOutput).
  if (f.kind === 'restart' && f.evidence.priorOutput !== null)
    f.evidence.priorOutput = { ...f.evidence.priorOutput, line: f.evidence.priorOutput.line + lines };
  const check = checks.find((c) => c.kind === f.kind);
  if (check === undefined) return;
  const w = (check.explain as (x: Finding) => { explanation: string; suggestion: string })(f);
  f.explanation = w.explanation;
  f.suggestion = w.suggestion;
}
