/** A Markdown summary of `gosched check` for a CI job summary ($GITHUB_STEP_SUMMARY). */
import { findingInfo } from '../findings/finding-info.js';
import { runLabel, type GateResult } from '../findings/gate.js';

/**
 * Text from the log (stream names, explanations quoting them) made inert in GitHub-flavoured
 * Markdown: every ASCII punctuation character is backslash-escaped (CommonMark allows it for all of
 * them), so no link, image, emphasis, raw HTML, entity or autolink (`https\://`, `www\.`) can form,
 * and line breaks become spaces so a table row stays one row.
 */
export function escapeMarkdown(s: string): string {
  return s.replace(/[!-/:-@[-`{-~]/g, (c) => `\\${c}`).replace(/\s*[\r\n]+\s*/g, ' ');
}

const cell = escapeMarkdown;

export function renderMarkdownSummary(gate: GateResult, docsBase = ''): string {
  const lines: string[] = [];
  const failedRuns = gate.runs.filter((r) => r.failed).length;
  lines.push(`## gosched check: ${gate.failed ? '❌ failed' : '✅ passed'}`, '');
  lines.push(
    `${gate.runs.length} run(s), ${gate.total} finding(s), ${gate.failing} failing the gate${failedRuns > 0 ? ` in ${failedRuns} run(s)` : ''}. ` +
      `Failing kinds: ${gate.failOn.length === 0 ? 'none' : gate.failOn.map((k) => `\`${k}\``).join(', ')}` +
      `${gate.minSkill !== undefined ? `; minimum one-step skill ${gate.minSkill}` : ''}.`,
    '',
  );
  lines.push(
    '| stream / run | lines | result | findings | skill | MAE model / persistence |',
    '|---|---|---|---|---|---|',
  );
  for (const r of gate.runs) {
    const counts = r.kinds
      .filter((k) => k.findings.length > 0)
      .map((k) => `${k.failed ? '**' : ''}${k.kind}×${k.findings.length}${k.failed ? '**' : ''}`)
      .join(', ');
    const skill = r.skill === undefined ? '' : r.skill === null ? 'n/a' : r.skill.toFixed(3);
    lines.push(
      `| ${cell(runLabel(r))} | ${r.firstLine}–${r.lastLine} | ${r.failed ? '❌' : '✅'} | ${counts || '—'} | ${skill}${r.skillFailed ? ' ❌' : ''} | ${r.fidelity === undefined ? '' : `${r.fidelity.maeModel} / ${r.fidelity.maePersistence} (${r.fidelity.intervals} intervals)`} |`,
    );
  }
  const failing = gate.runs.flatMap((r) => r.kinds.filter((k) => k.failed).flatMap((k) => k.findings));
  if (failing.length > 0) {
    lines.push('', '### Failing findings', '');
    for (const f of failing.slice(0, 20)) {
      const info = findingInfo[f.kind];
      lines.push(
        `- **${f.kind}** (${cell(runLabel(f))}, line ${f.line}${f.p !== undefined ? `, P${f.p}` : ''}): ${cell(f.explanation)} [docs](${docsBase}${info.docs})`,
      );
    }
    if (failing.length > 20) lines.push(`- … and ${failing.length - 20} more`);
  }
  return `${lines.join('\n')}\n`;
}
