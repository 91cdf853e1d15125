// Scores the findings engine on the labelled corpus (samples/labelled/): precision and recall per
// kind and headline accuracy per split. tune: the Go 1.26 captures and the Go 1.19 tune captures
// (the rules were adjusted while looking at them); scale: Go 1.26 at 32-56 Ps (looked at while
// fixing the rules too); held-out: the first Go 1.19 captures (scored only); fresh: the Go 1.22
// captures, scored before and after the last rule changes and never looked into; unseen: the Go 1.24
// captures, made after the last rule change and scored with it, never looked into; blind: the Go
// 1.25.5 captures, made after a later round of rule changes and scored once, never looked into;
// novel: ten programs written afterwards, captured with Go 1.21.13 and 1.23.12, scored once;
// other-machine: the blind split's programs and labels, captured with Go 1.20.14 on a 2-core Intel
// Xeon VM (the earlier splits' CPU model was not recorded), after the last rule change, scored once;
// phases: CPU-bound work in phases and two controls, on Go 1.19, 1.23 and 1.26, written, labelled
// and captured after saturation learned to go on through single dumps without a backlog, scored once;
// phases2: a second round (mapreduce at 3 and 6 Ps, two more controls) on Go 1.22 and 1.26, written
// after the phases split was scored and the rule settled, scored once (then the rule changed on it);
// phases3: a third round (frames at 4 and 6 Ps and a light control, batchphases at 6 Ps) on Go 1.23
// and 1.26, written after that change, scored once; leaks: three goroutine leaks (chan send,
// sync.Cond.Wait, select) and two controls whose parked count holds, with scheddetail, on Go 1.19,
// 1.22 and 1.26, written, labelled and captured after goroutine-leak was added, scored once;
// phases4: a fourth phases round (stencil, etl at 4 and 6 Ps, controls serialmost and halfbusy at 6
// Ps) on Go 1.19 and 1.26, written after saturation learned to go on through serial steps, scored once;
// period: conditions that last seconds, dumped a second apart as production captures are, on Go
// 1.19 and 1.26, labelled before capture, scored once; novel3: seven programs with the shapes of real
// services (HTTP server light and overloaded, epoch broadcast, RWMutex, context leak, log formatter,
// unlocked map crash, idle connections), on Go 1.24 and 1.26, labelled before capture, scored once;
// novel4: six more (overloaded TCP RPC server, feed ticks on 400 sockets, LRU cache at GOGC=10, stack
// overflow, controls: bounded-channel shipper, sharded cache), on Go 1.19 and 1.26, likewise;
// novel5: six more (bulk indexer spawning per document, leaked refreshers in sleep, a pointer-heavy
// heap under GOGC=50, log.Fatalf restarts, regexp router with more workers than Ps, control: ticker
// fleet), on Go 1.20 and 1.25, likewise; novel6: six more (SIGKILL at a memory limit, SIGQUIT from
// a watchdog, a transport per request leaking idle connections, 64 writers fsyncing, SHA-256 with
// four goroutines per P at 32 and 64 Ps, control: pub/sub hub), on Go 1.22 and 1.26, likewise;
// novel7: six more (select {} and nil-channel leaks, an HTTP batch wave on 300 connections, an
// in-process GOMAXPROCS autoscaler, FreeOSMemory every 10 ms, control: batches sized to the Ps), on
// Go 1.21 and 1.24, likewise; novel8: five at production sizes (JSON transcoding at four goroutines
// per P, a scatter-gather chan send leak, RWMutex readers behind reloads, nanosleep pollers, control:
// an idle HTTP service; 8 to 64 Ps, dumps 0.5 to 1 s apart), on Go 1.23 and 1.26, likewise; novel9:
// four written to try the rules changed on novel5-novel7 blind (a sleep-loop leak, a control whose
// sleepers level off, a broadcast wave whose readers share a lock, a select leak behind
// time.After), on Go 1.19 and 1.25, likewise; novel10: one program for the imbalance rule (a hub
// readying or starting a round of workers on its own P beside spinning Ps at 96 and 128 Ps, and a
// control whose workers wake by their own timers), on Go 1.22 and 1.26, likewise; novel11: the same
// program with its spinners started one at a time, so that the hub's round comes with every P busy,
// on Go 1.21 and 1.25, likewise.
// base118 and base117: the blind split's scenarios and labels on Go 1.18.10 and Go 1.17.13, labels
// copied before capture, scored once.
// novel118 and novel3-118: the novel and novel3 programs on Go 1.18.10, labels copied before capture,
// scored once.
// base116 and base114: the blind split's scenarios and labels on Go 1.16.15 and 1.14.15, likewise.
// base113 and base111: the same on Go 1.13.15 and 1.11.13, likewise.
// base127, novel3-127 and novel8-127: the blind split's scenarios and the novel3 and novel8 programs on
// Go 1.27.3, likewise.
// base115 and base112: the blind split's scenarios and labels on Go 1.15.15 and 1.12.17, the releases
// between those above, likewise.
// base110: the same on Go 1.10.8, a release before the others (no modules, no -trimpath), likewise.
// base109: the same on Go 1.9.7, the release before that, likewise; then the GC restart rule was written
// on its gcalloc logs (and checked on those of base110, base111 and base115-base117).
// base108: the same on Go 1.8.7, captured after that rule was committed, scored once.
// base107, base106 and base105: the same on Go 1.7.6, 1.6.4 and 1.5.4, likewise.
// novel12: five programs of shapes the corpus lacked (AfterFunc timer waves, Gosched pollers, a
// WaitGroup leak, and two controls), on Go 1.22 and 1.26, labelled before capture, scored once.
// novel13: one program (a sleep wave) to try the spinner-at-work words of local-overflow blind, on Go
// 1.24 and 1.26, likewise.
// novel14: four programs written after it (three controls: tickers at spread phases, a fan-in behind one
// channel, jittered timers; and a broadcast by close), on Go 1.21 and 1.25, likewise.
// novel15: the timer storm on Go 1.23 and the sleep wave on Go 1.20, labels copied, to try the revised
// spinner-at-work reading blind, likewise.
// novel16: the waves again on other releases and settings, and beatwave (spawn batches beside yielding
// heartbeats), to try the replay's backlog stays blind, likewise.
// novel17: statsloop (ReadMemStats back to back: a stop-the-world that is not the GC's) and its control,
// on Go 1.21 and 1.26, likewise; the rule reading a stopped world from summary counts was then written on it.
// novel18: statsloop summary-only at 3, 6 and 16 Ps on Go 1.24, 1.25 and 1.20, and its control, to try that
// rule blind, likewise; a stop that may be under way (one unheld P, no idle P) was then written on it.
// novel19: pileup (handlers piling up in chan send behind slow writers, draining or stranded) and execwait
// (goroutines waiting for child processes) with its control, on Go 1.22 and 1.26, likewise; no rule changed.
// novel20: the base scenarios at periods no labelled log had, dumps 1 ms apart (Go 1.26, 1.20) and 10 s apart
// (Go 1.24), labels copied, likewise; no rule changed.
// novel21: limiter, slowbackend (and a leak with -hang) and poolgrow, to try blind the drained pile-up words
// written on novel19, on Go 1.21 and 1.26, likewise.
// novel22: the novel19 and novel21 programs at 2, 3 and 12 Ps on Go 1.25 and 1.23, with dumps up to a second
// apart, likewise.
// neighbour: the blind split's scenarios and labels beside busy loops of another process sharing the
// cores (two on Go 1.26, one on Go 1.22), labels copied before capture, scored once.
// neighbour3: the novel3 programs beside the same busy loops (two on Go 1.26, one on Go 1.24), likewise.
// Run after `npm run build` (npm run corpus does).
//   node scripts/corpus.mjs            # the table
//   node scripts/corpus.mjs --json     # the figures, as committed in samples/labelled/scores.json
//   node scripts/corpus.mjs --verbose  # every log's headline and unexpected findings
//   node scripts/corpus.mjs --kinds    # per kind, the splits a rule was changed on (rules-changed-on.json) beside the others
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { analyzeTrace, buildTimelines, parseText } from '../dist/index.js';
import { parseLabels, scoreLog, totals } from '../dist/findings/score.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = join(root, 'samples', 'labelled');
/** Split name → its folders of samples/labelled/ (splits.json, which the corpus test reads too). */
export const splits = JSON.parse(readFileSync(join(dir, 'splits.json'), 'utf8'));

export function scoreSplit(folders) {
  const logs = folders.flatMap((folder) =>
    readdirSync(join(dir, folder))
      .filter((f) => /\.log(\.gz)?$/.test(f))
      .sort()
      .map((f) => [folder, f]),
  );
  const scores = logs.map(([folder, f]) => {
    const sidecar = join(dir, folder, f.replace(/\.log(\.gz)?$/, '.labels.json'));
    const labels = parseLabels(JSON.parse(readFileSync(sidecar, 'utf8')), sidecar);
    const raw = readFileSync(join(dir, folder, f));
    const { snapshots, trailingGc } = parseText((f.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8'));
    const { findings, headline } = analyzeTrace(buildTimelines(snapshots, trailingGc));
    return { log: `${folder}/${f}`, expected: labels.headline, ...scoreLog(labels, findings, headline) };
  });
  return { scores, ...totals(scores) };
}

const args = process.argv.slice(2);
const only = args.find((a) => a.startsWith('--split='))?.slice('--split='.length);
const result = Object.fromEntries(
  Object.entries(splits)
    .filter(([name]) => only === undefined || name === only)
    .map(([name, folders]) => [name, scoreSplit(folders)]),
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
} else if (args.includes('--kinds')) {
  // The README's per-kind table: found right / reported, and labels found / labels, pooled over the
  // splits a rule was changed on and over the splits only scored.
  const changedOn = new Set(JSON.parse(readFileSync(join(dir, 'rules-changed-on.json'), 'utf8')));
  const groups = { changed: { logs: 0, splits: 0, kinds: {} }, scored: { logs: 0, splits: 0, kinds: {} } };
  for (const [name, r] of Object.entries(result)) {
    const g = groups[changedOn.has(name) ? 'changed' : 'scored'];
    g.splits++;
    g.logs += r.scores.length;
    for (const s of r.scores)
      for (const [k, c] of Object.entries(s.kinds)) {
        const t = (g.kinds[k] ??= { tp: 0, fp: 0, recalled: 0, labels: 0 });
        t.tp += c.truePositives;
        t.fp += c.falsePositives;
        t.recalled += c.recalled;
        t.labels += c.labels;
      }
  }
  const p = (t) =>
    t === undefined || t.tp + t.fp === 0 ? '–' : `${(t.tp / (t.tp + t.fp)).toFixed(2)} (${t.tp}/${t.tp + t.fp})`;
  const rc = (t) =>
    t === undefined || t.labels === 0 ? '–' : `${(t.recalled / t.labels).toFixed(2)} (${t.recalled}/${t.labels})`;
  const { changed, scored } = groups;
  process.stdout.write(
    `changed on: ${changed.splits} splits, ${changed.logs} logs; scored only: ${scored.splits} splits, ${scored.logs} logs\n\n`,
  );
  process.stdout.write(
    '| kind | changed on: precision | recall | scored only: precision | recall |\n|---|---|---|---|---|\n',
  );
  for (const k of [...new Set([...Object.keys(changed.kinds), ...Object.keys(scored.kinds)])].sort())
    process.stdout.write(
      `| ${k} | ${p(changed.kinds[k])} | ${rc(changed.kinds[k])} | ${p(scored.kinds[k])} | ${rc(scored.kinds[k])} |\n`,
    );
} else {
  const kinds = [...new Set(Object.values(result).flatMap((r) => Object.keys(r.kinds)))].sort();
  const cell = (t, key) => (t === undefined || t[key] === null ? '–' : t[key].toFixed(2));
  const n = (t) => (t === undefined ? '0/0' : `${t.truePositives}/${t.truePositives + t.falsePositives}`);
  const names = Object.keys(result);
  process.stdout.write(
    `| kind | ${names.map((s) => `${s} precision | ${s} recall`).join(' | ')} |\n|---|${names.map(() => '---|---|').join('')}\n`,
  );
  for (const k of kinds) {
    const cells = names.map((s) => {
      const t = result[s].kinds[k];
      return `${cell(t, 'precision')} (${n(t)}) | ${cell(t, 'recall')}`;
    });
    process.stdout.write(`| ${k} | ${cells.join(' | ')} |\n`);
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
