import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'vitest';
import { LiveFindings } from '../../src/live/live-findings.js';
import { parseText } from '../../src/parse/index.js';
import { realSampleLogs, samplesDir, sideBySideSample } from '../helpers/samples.js';

test('sbs', () => {
  const key = (f: { kind: string; stream: string; run: number; line: number; tMs: number | null }) =>
    `${f.stream}/${f.run}/${f.kind}@${f.line} t=${f.tMs}`;
  for (const rel of realSampleLogs().filter((r) => sideBySideSample(r))) {
    const raw = readFileSync(join(samplesDir, rel));
    const { snapshots } = parseText(raw.toString('utf8'));
    const handed: string[] = [];
    const live = new LiveFindings((f) => handed.push(key(f)));
    for (const s of snapshots) live.push(s);
    const analysis = live.finish();
    const a = analysis.findings.map(key).sort();
    const h = handed.sort();
    console.log(rel, '\n live-only:', h.filter((x) => !a.includes(x)), '\n analyze-only:', a.filter((x) => !h.includes(x)));
  }
});
