/**
 * JUnit XML for CI test reporters: one <testsuite> per stream and run, one <testcase> per finding
 * kind (rule) — failed when the gate fails on it — plus a `fidelity` case when a skill floor is set.
 */
import { findingInfo } from '../findings/finding-info.js';
import type { Finding } from '../findings/finding.js';
import { runLabel, type GateResult, type KindVerdict, type RunVerdict } from '../findings/gate.js';
import { streamLabel } from '../trace/stream-label.js';

/** XML 1.0 text and attribute escaping; characters XML 1.0 cannot carry at all are dropped. */
export function escapeXml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c);
}

export function findingLine(f: Finding): string {
  const where = `line ${f.line}${f.tMs !== null ? ` (${f.tMs}${f.tEndMs !== null && f.tEndMs !== f.tMs ? `–${f.tEndMs}` : ''} ms)` : ''}${f.p !== undefined ? ` P${f.p}` : ''}`;
  return `${f.severity} ${f.kind} at ${where}: ${f.explanation}`;
}

function kindCase(r: RunVerdict, k: KindVerdict, className: string): string {
  const info = findingInfo[k.kind];
  const name = `${k.kind}: ${info.title}`;
  const body = k.findings.map(findingLine).join('\n');
  if (k.failed) {
    const first = k.findings[0]!;
    const msg = `${k.findings.length} ${k.kind} finding(s) in ${runLabel(r)}, first at line ${first.line}`;
    return `    <testcase classname="${escapeXml(className)}" name="${escapeXml(name)}" time="0">\n      <failure message="${escapeXml(msg)}" type="${escapeXml(k.kind)}">${escapeXml(`${body}\nSee ${info.docs}`)}</failure>\n    </testcase>\n`;
  }
  const out = body === '' ? '' : `\n      <system-out>${escapeXml(body)}</system-out>\n    `;
  return `    <testcase classname="${escapeXml(className)}" name="${escapeXml(name)}" time="0">${out}</testcase>\n`;
}

/** One run's <testsuite>, with the test cases and failures it adds to the document's totals. */
export interface JunitSuite {
  text: string;
  tests: number;
  failures: number;
}

export function junitSuite(r: RunVerdict, minSkill: number | undefined): JunitSuite {
  const className = `gosched.${streamLabel(r.stream)}.run${r.run}`;
  const cases = r.kinds.map((k) => kindCase(r, k, className));
  let failures = r.kinds.filter((k) => k.failed).length;
  if (minSkill !== undefined) {
    const skill = r.skill === undefined || r.skill === null ? 'n/a' : r.skill.toFixed(3);
    const f = r.fidelity;
    const figures =
      f === undefined
        ? `skill ${skill}`
        : `skill ${skill}: MAE model ${f.maeModel} vs persistence ${f.maePersistence} over ${f.intervals} intervals`;
    if (r.skillFailed === true) {
      failures++;
      cases.push(
        `    <testcase classname="${escapeXml(className)}" name="fidelity: one-step skill" time="0">\n      <failure message="${escapeXml(`skill ${skill} below ${minSkill}`)}" type="min-skill">${escapeXml(`The model's one-step predictions of ${runLabel(r)} beat persistence by ${skill}; the gate asks for at least ${minSkill}. ${figures}.`)}</failure>\n    </testcase>\n`,
      );
    } else {
      cases.push(
        `    <testcase classname="${escapeXml(className)}" name="fidelity: one-step skill" time="0">\n      <system-out>${escapeXml(figures)}</system-out>\n    </testcase>\n`,
      );
    }
  }
  return {
    text: `  <testsuite name="${escapeXml(runLabel(r))}" tests="${cases.length}" failures="${failures}" errors="0" skipped="0">\n${cases.join('')}  </testsuite>\n`,
    tests: cases.length,
    failures,
  };
}

/**
 * The document's head, which carries the totals of every suite: a writer that streams the suites
 * (`gosched check` on a log of any number of runs) writes it last, in front of them.
 */
export function junitHead(tests: number, failures: number, suiteName = 'gosched check'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${escapeXml(suiteName)}" tests="${tests}" failures="${failures}" errors="0">\n`;
}

export const junitTail = '</testsuites>\n';

export function renderJunit(gate: GateResult, suiteName = 'gosched check'): string {
  let tests = 0;
  let failures = 0;
  let body = '';
  for (const r of gate.runs) {
    const suite = junitSuite(r, gate.minSkill);
    tests += suite.tests;
    failures += suite.failures;
    body += suite.text;
  }
  return `${junitHead(tests, failures, suiteName)}${body}${junitTail}`;
}
