import { finding } from '../report/fixtures.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { SchedMetrics } from '../../src/cli/metrics-server.js';
import { parseText } from '../../src/parse/index.js';
import { toTimelinePoint } from '../../src/trace/timeline-builder.js';
import { repoRoot, samplesDir } from '../helpers/samples.js';

test('the example Grafana dashboard queries only series gosched serves, with the labels it sets', async () => {
  const dash = JSON.parse(readFileSync(join(repoRoot, 'docs/grafana/gosched-dashboard.json'), 'utf8')) as {
    panels: { title: string; targets: { expr: string }[] }[];
  };
  const m = new SchedMetrics();
  const s = parseText(readFileSync(join(samplesDir, 'go1.26/overflow-p1-10ms-a.log'), 'utf8')).snapshots[1]!;
  m.onDump(s.stream, s.run, toTimelinePoint(s));
  m.onFinding(finding({ stream: '', run: 0 }));
  m.onCounts({ lines: 3, schedtrace: 2, foreign: 1, malformed: 0 });
  const text = await m.registry.metrics();
  const served = new Map<string, Set<string>>();
  for (const line of text.split('\n')) {
    const mm = /^(gosched_\w+)\{([^}]*)\}/.exec(line);
    if (mm === null) continue;
    const labels = served.get(mm[1]!) ?? new Set<string>();
    for (const kv of mm[2]!.split(',')) labels.add(kv.split('=')[0]!);
    served.set(mm[1]!, labels);
  }
  expect(dash.panels.length).toBeGreaterThanOrEqual(6);
  for (const p of dash.panels) {
    for (const t of p.targets) {
      for (const use of t.expr.matchAll(/(gosched_\w+)(?:\{([^}]*)\})?/g)) {
        expect(served.has(use[1]!), `${p.title}: ${use[1]}`).toBe(true);
        for (const kv of (use[2] ?? '').split(',').filter((x) => x !== ''))
          expect(served.get(use[1]!)!.has(kv.split(/[=!~]/)[0]!), `${p.title}: ${kv}`).toBe(true);
      }
      for (const by of t.expr.matchAll(/by \(([^)]*)\)/g))
        for (const l of by[1]!.split(',')) expect([...served.values()].some((ls) => ls.has(l.trim()))).toBe(true);
    }
  }
});
