// Scores the findings engine on the labelled corpus (samples/labelled/): precision and recall per
// kind and headline accuracy, on the tune split (Go 1.26 captures, used while writing the rules) and
// the held-out split (Go 1.19 captures, scored only), and the scale split (Go 1.26 at 48 and 56 Ps,
// scored only). Run after `npm run build` (npm run corpus does).
//   node scripts/corpus.mjs            # the table
//   node scripts/corpus.mjs --json     # the figures, as committed in samples/labelled/scores.json
//   node scripts/corpus.mjs --verbose  # every log's headline and unexpected findings
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeTrace, buildTimelines, parseText } from '../dist/index.js';
import { scoreLog, totals } from '../dist/findings/score.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = join(root, 'samples', 'labelled');
export const splits = { tune: 'go1.26', 'held-out': 'go1.19', scale: 'scale' };

export function scoreSplit(folder) {
  const logs = readdirSync(join(dir, folder))
    .filter((f) => f.endsWith('.log'))
    .sort();
  const scores = logs.map((f) => {
    const labels = JSON.parse(readFileSync(join(dir, folder, f.replace(/\.log$/, '.labels.json')), 'utf8'));
    const { snapshots } = parseText(readFileSync(join(dir, folder, f), 'utf8'));
    const { findings, headline } = analyzeTrace(buildTimelines(snapshots));
    return { log: `${folder}/${f}`, expected: labels.headline, ...scoreLog(labels, findings, headline) };
  });
  return { scores, ...totals(scores) };
}

const args = process.argv.slice(2);
const only = args.find((a) => a.startsWith('--split='))?.slice('--split='.length);
const result = Object.fromEntries(
  Object.entries(splits)
    .filter(([name]) => only === undefined || name === only)
    .map(([name, folder]) => [name, scoreSplit(folder)]),
);
if (args.includes('--json')) {
  const out = {};
  for (const [name, r] of Object.entries(result)) {
    out[name] = {
      headlines: r.headlines,
      kinds: Object.fromEntries(
        Object.entries(r.kinds).map(([k, t]) => [k, { precision: t.precision, recall: t.recall }]),
      ),
    };
  }
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
} else {
  const kinds = [...new Set(Object.values(result).flatMap((r) => Object.keys(r.kinds)))].sort();
  const cell = (t, key) => (t === undefined || t[key] === null ? '–' : t[key].toFixed(2));
  const n = (t) => (t === undefined ? '0/0' : `${t.truePositives}/${t.truePositives + t.falsePositives}`);
  process.stdout.write(
    '| kind | tune precision | tune recall | held-out precision | held-out recall | scale precision | scale recall |\n|---|---|---|---|---|---|---|\n',
  );
  for (const k of kinds) {
    const a = result.tune?.kinds[k];
    const b = result['held-out']?.kinds[k];
    const c = result.scale?.kinds[k];
    process.stdout.write(
      `| ${k} | ${cell(a, 'precision')} (${n(a)}) | ${cell(a, 'recall')} | ${cell(b, 'precision')} (${n(b)}) | ${cell(b, 'recall')} | ${cell(c, 'precision')} (${n(c)}) | ${cell(c, 'recall')} |\n`,
    );
  }
  for (const [name, r] of Object.entries(result)) {
    process.stdout.write(`\n${name}: headline right on ${r.headlines.right} of ${r.headlines.logs} logs\n`);
    for (const s of r.scores) {
      if (!s.headlineRight || args.includes('--verbose'))
        process.stdout.write(
          `  ${s.headlineRight ? 'ok  ' : 'MISS'} ${s.log}: headline ${s.headline ?? 'none'} (expected ${s.expected ?? 'none'})\n`,
        );
      if (args.includes('--verbose'))
        for (const u of s.unexpected)
          process.stdout.write(`       unexpected ${u.kind} run ${u.run} at ${u.tMs} ms (${u.confidence})\n`);
    }
  }
}
