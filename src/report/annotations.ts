/**
 * GitHub Actions workflow commands (`::error file=...,line=...::message`) for findings, so they show
 * on the log file's lines in the pull request. Escaping follows the Actions toolkit (command.ts):
 * data escapes %, CR and LF; property values also escape ':' and ','.
 */
import type { Finding } from '../findings/finding.js';
import { findingInfo } from '../findings/finding-info.js';
import type { GateResult, RunVerdict } from '../findings/gate.js';

export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export interface AnnotationOptions {
  /** The file a stream's lines came from (line numbers are per file). */
  fileOf(stream: string): string | undefined;
  /** Annotations per kind and run beyond which the rest are summarised (GitHub shows 10 per step). */
  maxPerKind?: number;
}

function command(
  level: 'error' | 'warning' | 'notice',
  props: Record<string, string | number | undefined>,
  message: string,
): string {
  const p = Object.entries(props)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
    .join(',');
  return `::${level}${p === '' ? '' : ` ${p}`}::${escapeData(message)}`;
}

/** Failing findings become errors, other warnings/errors become warnings; info findings are left out. */
export function renderAnnotations(gate: GateResult, opts: AnnotationOptions): string[] {
  return gate.runs.flatMap((r) => runAnnotations(r, gate.minSkill, opts));
}

/** The annotations of one run (`gosched check` writes them run by run). */
export function runAnnotations(r: RunVerdict, minSkill: number | undefined, opts: AnnotationOptions): string[] {
  const out: string[] = [];
  const max = opts.maxPerKind ?? 5;
  for (const k of r.kinds) {
    const shown: Finding[] = k.findings.filter((f) => k.failed || f.severity !== 'info').slice(0, max);
    for (const f of shown) {
      const info = findingInfo[f.kind];
      const props: Record<string, string | number | undefined> = {
        file: opts.fileOf(f.stream),
        line: f.line,
        title: `gosched ${f.kind}${f.p !== undefined ? ` (P${f.p})` : ''}`,
      };
      if (f.lastLine !== f.line) props.endLine = f.lastLine;
      out.push(
        command(
          k.failed ? 'error' : 'warning',
          props,
          `${f.explanation}${f.suggestion ? `\n${f.suggestion}` : ''}\nSee ${info.docs}`,
        ),
      );
    }
  }
  if (r.skillFailed === true) {
    out.push(
      command(
        'error',
        { file: opts.fileOf(r.stream), line: r.firstLine, title: 'gosched fidelity' },
        `one-step skill ${r.skill?.toFixed(3)} is below --min-skill ${minSkill}`,
      ),
    );
  }
  return out;
}
