/** A Markdown summary of `gosched check` for a CI job summary ($GITHUB_STEP_SUMMARY). */
import { findingInfo } from '../findings/finding-info.js';
import { gateTotals, runLabel, type GateResult, type GateTotals, type RunVerdict } from '../findings/gate.js';

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

/**
 * Rows of the run table at most. GitHub takes at most 1 MiB of job summary per step; a
 * crash-looping pod's log holds tens of thousands of runs. Failing runs are listed before passing
 * ones; the runs left out are counted under the table.
 */
export const MAX_SUMMARY_ROWS = 1000;
/** Failing findings listed at most; the rest are counted. */
export const MAX_SUMMARY_FINDINGS = 20;

interface Row {
  failed: boolean;
  text: string;
}

/**
 * The Markdown summary of a gate whose runs are handed in one at a time, in memory bounded by
 * MAX_SUMMARY_ROWS rows and MAX_SUMMARY_FINDINGS finding lines, whatever the number of runs.
 */
export class MarkdownSummary {
  private readonly rows: Row[] = [];
  private passingRows = 0;
  private droppedRuns = 0;
  private droppedFailed = 0;
  private readonly failingLines: string[] = [];

  constructor(private readonly docsBase = '') {}

  add(r: RunVerdict): void {
    this.addRow({ failed: r.failed, text: runRow(r) });
    for (const k of r.kinds) {
      if (!k.failed) continue;
      for (const f of k.findings) {
        if (this.failingLines.length >= MAX_SUMMARY_FINDINGS) return;
        const info = findingInfo[f.kind];
        this.failingLines.push(
          `- **${f.kind}** (${cell(runLabel(f))}, line ${f.line}${f.p !== undefined ? `, P${f.p}` : ''}): ${cell(f.explanation)} [docs](${this.docsBase}${info.docs})`,
        );
      }
    }
  }

  private addRow(row: Row): void {
    if (this.rows.length < MAX_SUMMARY_ROWS) {
      this.rows.push(row);
      if (!row.failed) this.passingRows++;
      return;
    }
    this.droppedRuns++;
    if (!row.failed || this.passingRows === 0) {
      if (row.failed) this.droppedFailed++;
      return;
    }
    // A failing run takes the place of the latest passing run listed.
    let j = this.rows.length - 1;
    while ((this.rows[j] as Row).failed) j--;
    this.rows.splice(j, 1);
    this.passingRows--;
    this.rows.push(row);
  }

  render(gate: GateTotals): string {
    const lines: string[] = [];
    lines.push(`## gosched check: ${gate.failed ? '❌ failed' : '✅ passed'}`, '');
    lines.push(
      `${gate.runs} run(s), ${gate.total} finding(s), ${gate.failing} failing the gate${gate.failedRuns > 0 ? ` in ${gate.failedRuns} run(s)` : ''}. ` +
        `Failing kinds: ${gate.failOn.length === 0 ? 'none' : gate.failOn.map((k) => `\`${k}\``).join(', ')}` +
        `${gate.minSkill !== undefined ? `; minimum one-step skill ${gate.minSkill}` : ''}.`,
      '',
    );
    lines.push(
      '| stream / run | lines | result | findings | skill | MAE model / persistence |',
      '|---|---|---|---|---|---|',
    );
    for (const row of this.rows) lines.push(row.text);
    if (this.droppedRuns > 0)
      lines.push(
        '',
        `${this.droppedRuns} more run(s) not listed (${this.droppedFailed} of them failing); \`gosched check\` prints every run.`,
      );
    if (this.failingLines.length > 0) {
      lines.push('', '### Failing findings', '');
      lines.push(...this.failingLines);
      if (gate.failing > this.failingLines.length)
        lines.push(`- … and ${gate.failing - this.failingLines.length} more`);
    }
    return `${lines.join('\n')}\n`;
  }
}

function runRow(r: RunVerdict): string {
  const counts = r.kinds
    .filter((k) => k.findings.length > 0)
    .map((k) => `${k.failed ? '**' : ''}${k.kind}×${k.findings.length}${k.failed ? '**' : ''}`)
    .join(', ');
  const skill = r.skill === undefined ? '' : r.skill === null ? 'n/a' : r.skill.toFixed(3);
  return `| ${cell(runLabel(r))} | ${r.firstLine}–${r.lastLine} | ${r.failed ? '❌' : '✅'} | ${counts || '—'} | ${skill}${r.skillFailed ? ' ❌' : ''} | ${r.fidelity === undefined ? '' : `${r.fidelity.maeModel} / ${r.fidelity.maePersistence} (${r.fidelity.intervals} intervals)`} |`;
}

export function renderMarkdownSummary(gate: GateResult, docsBase = ''): string {
  const summary = new MarkdownSummary(docsBase);
  for (const r of gate.runs) summary.add(r);
  return summary.render(gateTotals(gate));
}
