// Generates the benchmark logs in bench-data/ (git-ignored) from the real samples in samples/.
//
// - many-run logs: real sample logs concatenated whole, each copy restarting at `SCHED 0ms`, the log
//   a crash-looping pod leaves behind (about 29,000 runs in 256 MB of summary lines);
// - long-run logs: one sample's dumps repeated with the clock advancing, one run of any length.
//
// `node scripts/bench-data.mjs [MB] [summary,scheddetail]` writes the 256 MB (or MB) many-run logs and
// prints their paths; GOSCHED_BENCH_DATA=DIR writes them into DIR instead (the memory test does).
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const root = join(import.meta.dirname, '..');
export const dataDir = process.env.GOSCHED_BENCH_DATA ?? join(root, 'bench-data');
export const MB = 1024 * 1024;

/** The plain (no envelope) sample logs of every Go release, summary-only or scheddetail. */
export function sampleLogs(kind) {
  const out = [];
  for (const dir of readdirSync(join(root, 'samples')).sort()) {
    if (!/^go1\.\d+$/.test(dir)) continue;
    for (const f of readdirSync(join(root, 'samples', dir)).sort()) {
      if (!f.endsWith('.log')) continue;
      const detail = f.includes('detail');
      if ((kind === 'scheddetail') === detail) out.push(join('samples', dir, f));
    }
  }
  return out;
}

async function writeRepeated(path, targetMB, nextChunk) {
  if (existsSync(path) && statSync(path).size >= targetMB * MB) return path;
  mkdirSync(dataDir, { recursive: true });
  const tmp = `${path}.tmp`;
  const out = createWriteStream(tmp);
  let written = 0;
  for (let copy = 0; written < targetMB * MB; copy++) {
    const chunk = nextChunk(copy);
    written += chunk.length;
    if (!out.write(chunk)) await new Promise((r) => out.once('drain', r));
  }
  await new Promise((r) => out.end(r));
  renameSync(tmp, path);
  return path;
}

/** `targetMB` of the samples of one kind, concatenated whole, over and over: a new run per copy. */
export async function manyRunLog(kind, targetMB) {
  const files = sampleLogs(kind).map((f) => {
    const b = readFileSync(join(root, f));
    return b[b.length - 1] === 10 ? b : Buffer.concat([b, Buffer.from('\n')]);
  });
  const path = join(dataDir, `many-${kind}-${targetMB}mb.log`);
  return writeRepeated(path, targetMB, (copy) => files[copy % files.length]);
}

/** `targetMB` of one sample's dumps repeated, each copy shifted to continue the clock: one run. */
export async function longRunLog(sample, name, targetMB) {
  const lines = readFileSync(join(root, sample), 'utf8')
    .split('\n')
    .filter((l) => l !== '');
  const times = lines
    .map((l) => /^SCHED (\d+)ms:/.exec(l)?.[1])
    .filter(Boolean)
    .map(Number);
  const span = (times[times.length - 1] ?? 0) + (times[1] ?? 10);
  // Each P's schedtick goes on counting from copy to copy, as in one process (it never goes back).
  const most = [];
  const note = (p, n) => {
    most[p] = Math.max(most[p] ?? 0, n + 1);
  };
  for (const l of lines) {
    const list = /schedticks=\[([\d ]*)\]/.exec(l);
    if (list) for (const [p, n] of list[1].trim().split(/ +/).entries()) note(p, Number(n));
    const pLine = /^ +P(\d+): .*?schedtick=(\d+)/.exec(l);
    if (pLine) note(Number(pLine[1]), Number(pLine[2]));
  }
  const path = join(dataDir, `long-${name}-${targetMB}mb.log`);
  return writeRepeated(path, targetMB, (copy) => {
    const shift = copy * span;
    // A P's schedtick is a uint32 (p.schedtick): a long enough run's wrap past 4294967295 to 0, as the runtime's do.
    const tick = (p, n) => (Number(n) + copy * (most[p] ?? 0)) % 2 ** 32;
    return Buffer.from(
      `${lines
        .map((l) =>
          l
            .replace(/^SCHED (\d+)ms:/, (_, t) => `SCHED ${Number(t) + shift}ms:`)
            .replace(
              /schedticks=\[([\d ]*)\]/,
              (_, ns) =>
                `schedticks=[${ns.replace(
                  /\d+/g,
                  (() => {
                    let p = 0;
                    return (n) => String(tick(p++, n));
                  })(),
                )}]`,
            )
            .replace(/^( +P(\d+): .*?schedtick=)(\d+)/, (_, head, p, n) => `${head}${tick(Number(p), n)}`),
        )
        .join('\n')}\n`,
    );
  });
}

/** The first summary line of a real Go 1.26 sample: one dump, the whole of a run that restarts at once. */
function oneDump() {
  const text = readFileSync(join(root, 'samples/go1.26/oversub-p2-20ms-a.log'), 'utf8');
  return `${text.split('\n').find((l) => l.startsWith('SCHED 0ms:'))}\n`;
}

/** `n` runs of one dump each: a process restarting `n` times. */
export async function restartsLog(n) {
  const line = Buffer.from(oneDump());
  const path = join(dataDir, `restarts-${n}.log`);
  const perChunk = 10000;
  return writeRepeated(path, (line.length * n) / MB, (copy) =>
    Buffer.concat(new Array(Math.min(perChunk, n - copy * perChunk)).fill(line)),
  );
}

/** `n` docker compose services printing one dump each: `n` streams, all open until the end. */
export async function composeLog(n) {
  const line = oneDump();
  const path = join(dataDir, `compose-${n}.log`);
  const perChunk = 10000;
  let total = 0;
  for (let i = 0; i < n; i++) total += `svc${i}-1  | ${line}`.length;
  return writeRepeated(path, total / MB, (copy) => {
    let t = '';
    for (let i = copy * perChunk; i < Math.min(n, (copy + 1) * perChunk); i++) t += `svc${i}-1  | ${line}`;
    return Buffer.from(t);
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const mb = Number(process.argv[2] ?? 256);
  for (const kind of (process.argv[3] ?? 'summary,scheddetail').split(',')) console.log(await manyRunLog(kind, mb));
}
