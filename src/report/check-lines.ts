/** The text `gosched check` prints: a line per run (with its failing findings), then the verdict. */
import { runLabel, type GateTotals, type RunVerdict } from '../findings/gate.js';
import { findingLine } from './junit.js';

/** Failing findings printed per kind and run. */
const SHOWN_PER_KIND = 5;

export function checkRunLines(r: RunVerdict, minSkill: number | undefined): string {
  let text = `${r.failed ? 'FAIL' : 'ok  '} ${runLabel(r)} (lines ${r.firstLine}-${r.lastLine}): ${r.findings.length} finding(s)${r.skill !== undefined ? `, skill ${r.skill === null ? 'n/a' : r.skill.toFixed(3)}` : ''}\n`;
  for (const k of r.kinds) {
    if (!k.failed) continue;
    for (const f of k.findings.slice(0, SHOWN_PER_KIND)) text += `  ${findingLine(f)}\n`;
  }
  if (r.skillFailed) text += `  one-step skill below --min-skill ${minSkill}\n`;
  return text;
}

/** The last line; `partial` when the input was cut short (an interrupted read). */
export function checkVerdictLine(gate: GateTotals, partial: boolean): string {
  const skill = gate.skillFailedRuns > 0 ? `, ${gate.skillFailedRuns} run(s) below --min-skill ${gate.minSkill}` : '';
  return `${gate.failed ? 'FAILED' : partial ? 'PARTIAL' : 'PASSED'}: ${gate.failing} failing finding(s) of ${gate.total}${skill}; failing kinds: ${gate.failOn.join(', ') || 'none'}\n`;
}
