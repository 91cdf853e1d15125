/**
 * A log's findings do not depend on the pipeline it came through: labelled captures of every shape
 * (long summary lines at 64 Ps, gctrace between the dumps, two runs with crash dumps, scheddetail,
 * a GOMAXPROCS change) give, through `gosched analyze --json`, the same headline and findings
 * wrapped in a containerd/CRI envelope (long lines cut into P chunks), a docker json-file record,
 * `kubectl logs --timestamps`, a compose prefix and a journald short line as they give plain.
 * Line numbers and stream names are the envelope's and are left out of the comparison.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { samplesDir } from '../helpers/samples.js';

const LOGS = [
  'labelled/pinned64-go1.26/spawnburst-p64-5ms.log',
  'labelled/pinned64-go1.19/busyfit-p64-50ms.log',
  'labelled/throttled-go1.26/gcalloc-p4-gctrace-50ms.log',
  'labelled/pinned-go1.19/panicker-p2-50ms.log',
  'labelled/revisit-go1.26/pipeline-p4-detail-100ms.log.gz',
  'labelled/pinned-go1.26/lockhot-p4-detail-100ms.log.gz',
  'labelled/go1.19/netburst-p4-5ms.log',
  'labelled/revisit-go1.19/cgosleep-p16-100ms.log',
  'labelled/pinned-go1.26/resize-p4-20ms.log',
];

const BASE_MS = Date.UTC(2026, 10, 27, 6, 41, 2);
/** An RFC 3339 time with nanoseconds, a millisecond per line. */
const rfc3339 = (i: number): string => `${new Date(BASE_MS + i).toISOString().slice(0, 23)}456789Z`;

const ENVELOPES: Record<string, (lines: string[]) => string[]> = {
  // containerd writes a line longer than its buffer as P chunks and a final F chunk (cut small here).
  cri: (lines) =>
    lines.flatMap((t, i) => {
      if (t.length <= 120) return [`${rfc3339(i)} stderr F ${t}`];
      const chunks: string[] = [];
      for (let k = 0; k < t.length; k += 64) chunks.push(t.slice(k, k + 64));
      return chunks.map((c, j) => `${rfc3339(i)} stderr ${j === chunks.length - 1 ? 'F' : 'P'} ${c}`);
    }),
  'docker json-file': (lines) =>
    lines.map((t, i) => JSON.stringify({ log: `${t}\n`, stream: 'stderr', time: rfc3339(i) })),
  'kubectl --timestamps': (lines) => lines.map((t, i) => `${rfc3339(i)} ${t}`),
  compose: (lines) => lines.map((t) => `api-1  | ${t}`),
  journald: (lines) => lines.map((t) => `Nov 27 06:41:02 node-7 api[4242]: ${t}`),
};

interface AnalyzeJson {
  headline: { kind: string } | null;
  runs: unknown[];
  findings: {
    kind: string;
    run: number;
    confidence: string;
    tMs: number | null;
    tEndMs: number | null;
    p?: number;
    evidence: unknown;
    explanation: string;
  }[];
}

/** What an envelope must not change: line numbers (physical lines) and stream names left out. */
function comparable(o: AnalyzeJson) {
  return {
    headline: o.headline?.kind ?? null,
    runs: o.runs.length,
    findings: o.findings.map((f) => ({
      kind: f.kind,
      run: f.run,
      confidence: f.confidence,
      tMs: f.tMs,
      tEndMs: f.tEndMs,
      p: f.p,
      evidence: f.evidence,
      explanation: f.explanation.replace(/\blines? \d+(–\d+)?/g, 'line N'),
    })),
  };
}

const dir = mkdtempSync(join(tmpdir(), 'gosched-envelope-findings-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function analyze(text: string, name: string) {
  const input = join(dir, `${name}.log`);
  const output = join(dir, `${name}.json`);
  writeFileSync(input, text);
  const quiet = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    expect(await runCli(['analyze', '--json', '-q', input, '-o', output])).toBe(0);
  } finally {
    quiet.mockRestore();
  }
  return JSON.parse(readFileSync(output, 'utf8')) as AnalyzeJson;
}

describe('findings through log envelopes', () => {
  it.each(LOGS)('%s: the same findings in every envelope', async (log) => {
    let raw = readFileSync(join(samplesDir, log));
    if (log.endsWith('.gz')) raw = gunzipSync(raw);
    const lines = raw.toString('utf8').split('\n');
    if (lines.at(-1) === '') lines.pop();
    const plain = await analyze(`${lines.join('\n')}\n`, 'plain');
    // Each log has something to find, or is a control whose headline is none by design.
    expect(plain.runs.length).toBeGreaterThan(0);
    const want = comparable(plain);
    for (const [name, wrap] of Object.entries(ENVELOPES)) {
      const got = comparable(await analyze(`${wrap(lines).join('\n')}\n`, name.replace(/\W+/g, '-')));
      expect(got, `${log} in ${name}`).toEqual(want);
    }
  });
});
