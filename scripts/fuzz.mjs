#!/usr/bin/env node
/**
 * npm run fuzz -- [--cases N] [--seed S] [--budget SECONDS] [--workers K] [--browser M] [--report-every R]
 *
 * Mutates real sample lines (byte flips, truncation, splicing, envelope fragments, huge numbers,
 * 2^53+, NaN-like tokens, duplicate and reordered keys, NUL and invalid UTF-8 bytes, gzip) and runs
 * `parse`, `analyze`, `replay` (and `report` on every R-th case, default every case) of the built CLI on
 * each case, in worker processes with a
 * timeout per case. Checks: exit code 0 or 2; no stack trace or internal error on stderr; the line
 * accounting lines = schedtrace + gctrace + foreign + malformed, and lines = the lines of the case; and, for a
 * sample of `--browser M` reports, a page that loads in Chromium without errors.
 * Every failing case is written as a `.case` file to test/fuzz/cases/ (the regression test runs them).
 */
import { fork } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { findChromium } from './chromium-path.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
/** A case hangs when its worker spends this much CPU time on it (wall time, where /proc is missing). */
const CASE_TIMEOUT_MS = 30_000;
const COMMANDS = [
  ['parse', ['--format', 'json']],
  ['analyze', ['--json']],
  ['replay', ['--json', '--no-residuals']],
  ['report', []],
];

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

/** mulberry32: a small seeded generator, so a seed gives the same cases. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sampleFiles() {
  const out = [];
  for (const d of readdirSync(join(root, 'samples'))) {
    const dir = join(root, 'samples', d);
    if (!(d.startsWith('go1.') || d === 'envelopes')) continue;
    for (const f of readdirSync(dir)) if (f.endsWith('.log')) out.push(join(dir, f));
  }
  return out.sort();
}

const TOKENS = [
  'NaN',
  'Infinity',
  '-0',
  '1e9',
  '0x10',
  '-1',
  '',
  ' ',
  '+5',
  '1.5',
  '9007199254740993',
  '99999999999999999999',
  '4294967295',
  '__proto__',
  'constructor',
];
const ENVELOPES = [
  (l) => `{"log":"${l.replace(/"/g, '\\"')}\\n","stream":"stderr","time":"2024-05-01T10:00:00.000000001Z"}`,
  (l) => `2024-05-01T10:00:00.000000001Z stderr F ${l}`,
  (l) => `2024-05-01T10:00:00.000000001Z stderr P ${l}`,
  (l) => `api-1  | ${l}`,
  (l) => `May 01 10:00:00 host app[123]: ${l}`,
  (l) => `{"log":"${l.slice(0, 10)}`,
  (l) => `2024-05-01T10:00:00Z ${l}`,
];

/** One mutation of one line (as bytes where it matters). */
function mutateLine(line, r, lines) {
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  const kind = Math.floor(r() * 13);
  switch (kind) {
    case 0: {
      // byte flip
      const b = Buffer.from(line);
      if (b.length === 0) return Buffer.from([Math.floor(r() * 256)]);
      b[Math.floor(r() * b.length)] ^= 1 << Math.floor(r() * 8);
      return b;
    }
    case 1:
      return line.slice(0, Math.floor(r() * line.length));
    case 2: {
      const other = pick(lines);
      return line.slice(0, Math.floor(r() * line.length)) + other.slice(Math.floor(r() * other.length));
    }
    case 3:
      return pick(ENVELOPES)(line);
    case 4:
      return line.replace(/\d+/, () => pick(['99999999999999999999', '9007199254740993', '18446744073709551616']));
    case 5: {
      const nums = [...line.matchAll(/\d+/g)];
      if (nums.length === 0) return line;
      const m = pick(nums);
      return line.slice(0, m.index) + pick(TOKENS) + line.slice(m.index + m[0].length);
    }
    case 6: {
      const kv = [...line.matchAll(/ (\w+=\S*)/g)];
      if (kv.length === 0) return line;
      return `${line} ${pick(kv)[1]}`; // duplicate key
    }
    case 7: {
      // reorder key=value tokens
      const parts = line.split(' ');
      for (let i = parts.length - 1; i > 2; i--) {
        const j = 2 + Math.floor(r() * (i - 1));
        [parts[i], parts[j]] = [parts[j], parts[i]];
      }
      return parts.join(' ');
    }
    case 8: {
      const b = Buffer.from(line);
      const at = Math.floor(r() * (b.length + 1));
      const junk = pick([[0], [0xff, 0xfe], [0xc3], [0xed, 0xa0, 0x80], [0x1b, 0x5b, 0x33, 0x31, 0x6d], [13]]);
      return Buffer.concat([b.subarray(0, at), Buffer.from(junk), b.subarray(at)]);
    }
    case 9:
      return line.replace(/SCHED \d+ms/, () => `SCHED ${pick(['-5', '99999999999', '0', '1e3', ''])}ms`);
    case 10:
      return line.replace(/gomaxprocs=\d+/, () => `gomaxprocs=${pick(['0', '100000', '1025', '-1'])}`);
    case 11:
      return line.replace(/\[([^\]]*)\]/, () => pick(['[ ]', '[', ']', '[4294967295 0]', `[${' 0'.repeat(3000)} ]`]));
    default:
      return '';
  }
}

function makeCase(r, files, cache) {
  const file = files[Math.floor(r() * files.length)];
  let lines = cache.get(file);
  if (!lines) {
    lines = readFileSync(file, 'utf8').split('\n');
    if (lines.at(-1) === '') lines.pop();
    cache.set(file, lines);
  }
  const n = 5 + Math.floor(r() * 60);
  const start = Math.floor(r() * Math.max(1, lines.length - n));
  const chosen = lines.slice(start, start + n);
  const parts = chosen.map((l) => Buffer.from(l));
  const mutations = 1 + Math.floor(r() * 4);
  for (let k = 0; k < mutations; k++) {
    const i = Math.floor(r() * parts.length);
    const m = mutateLine(parts[i].toString(), r, lines);
    parts[i] = Buffer.isBuffer(m) ? m : Buffer.from(m);
  }
  let text = Buffer.concat(parts.flatMap((p, i) => (i === 0 ? [p] : [Buffer.from('\n'), p])));
  if (r() < 0.8) text = Buffer.concat([text, Buffer.from('\n')]);
  return { source: file.slice(root.length + 1), text, gzip: r() < 0.1 };
}

/** The lines of a case as the CLI counts them: \n-terminated, a last line without one is a line. */
function lineCount(text) {
  if (text.length === 0) return 0;
  let n = 0;
  for (const b of text) if (b === 10) n++;
  return text[text.length - 1] === 10 ? n : n + 1;
}

// ---------------------------------------------------------------- worker: runs the CLI in-process
async function worker() {
  const { runCli } = await import(pathToFileURL(join(root, 'dist', 'cli', 'run-cli.js')).href);
  const dir = mkdtempSync(join(tmpdir(), 'gosched-fuzz-w-'));
  let stderr = '';
  process.stderr.write = (s) => {
    stderr += String(s);
    return true;
  };
  process.stdout.write = () => true;
  process.on('message', async (msg) => {
    const input = join(dir, msg.gzip ? 'case.log.gz' : 'case.log');
    const text = Buffer.from(msg.text, 'base64');
    writeFileSync(input, msg.gzip ? gzipSync(text) : text);
    const results = [];
    for (const [cmd, extra] of COMMANDS.filter(([c]) => msg.commands.includes(c))) {
      const out = join(dir, cmd === 'report' ? 'out.html' : `${cmd}.json`);
      rmSync(out, { force: true });
      stderr = '';
      let code;
      try {
        code = await runCli([cmd, input, ...extra, '-o', out]);
      } catch (err) {
        code = -1;
        stderr += `thrown: ${err?.stack ?? err}`;
      }
      let counts = null;
      let html = null;
      if (code === 0 && cmd !== 'report') {
        try {
          // replay --json is NDJSON whose last record (fidelity) carries the counts.
          const text = readFileSync(out, 'utf8');
          counts = JSON.parse(cmd === 'replay' ? text.trimEnd().split('\n').at(-1) : text).counts ?? null;
        } catch (err) {
          stderr += `invalid JSON output: ${err.message}`;
          code = -2;
        }
      }
      if (code === 0 && cmd === 'report' && msg.keepHtml) html = out;
      if (html) {
        const keep = join(dir, `keep-${msg.id}.html`);
        writeFileSync(keep, readFileSync(out));
        html = keep;
      }
      results.push({ cmd, code, stderr, counts, html });
    }
    process.send({ id: msg.id, results });
  });
  process.send({ ready: true });
}

/**
 * CPU milliseconds a process has used (user + system, from /proc/PID/stat), or null where there is no
 * /proc. Timeouts count CPU time, so a machine busy with other work does not make slow cases look hung.
 */
function cpuMsOf(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}

function problemsOf(c, results) {
  const problems = [];
  const lines = lineCount(c.text);
  for (const r of results) {
    if (r.code !== 0 && r.code !== 2) problems.push(`${r.cmd}: exit ${r.code}: ${r.stderr.trim().split('\n')[0]}`);
    if (/^\s+at .+:\d+:\d+\)?$/m.test(r.stderr) || /internal error/.test(r.stderr))
      problems.push(`${r.cmd}: stack trace or internal error: ${r.stderr.trim().split('\n')[0]}`);
    if (r.counts) {
      const k = r.counts;
      if (k.lines !== k.schedtrace + (k.gctrace ?? 0) + k.foreign + k.malformed)
        problems.push(
          `${r.cmd}: lines ${k.lines} != ${k.schedtrace} + ${k.gctrace ?? 0} + ${k.foreign} + ${k.malformed}`,
        );
      if (k.lines !== lines) problems.push(`${r.cmd}: counted ${k.lines} lines, the case has ${lines}`);
    }
  }
  return problems;
}

function writeRegression(c, problems) {
  const dir = join(root, 'test', 'fuzz', 'cases');
  mkdirSync(dir, { recursive: true });
  const hash = createHash('sha256').update(c.text).digest('hex').slice(0, 12);
  const body = c.text.toString('base64').replace(/.{1,100}/g, '$&\n');
  writeFileSync(
    join(dir, `${hash}.case`),
    `# Found by npm run fuzz (mutated from ${c.source}${c.gzip ? ', gzip' : ''}):\n${problems.map((p) => `#   ${p}`).join('\n')}\n-- gzip --\n${c.gzip ? 'yes' : 'no'}\n-- log base64 --\n${body}`,
  );
  return hash;
}

async function browserCheck(paths) {
  const executable = findChromium();
  if (!executable || paths.length === 0) return { checked: 0, failures: [], skipped: !executable };
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: executable, args: ['--no-sandbox'] });
  const failures = [];
  try {
    for (const p of paths) {
      const page = await browser.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
      page.on('console', (m) => m.type() === 'error' && errors.push(`console: ${m.text()}`));
      await page.goto(pathToFileURL(p).href);
      await page.waitForFunction(() => document.readyState === 'complete', null, { timeout: 20_000 });
      await page.waitForTimeout(300);
      if (errors.length > 0) failures.push({ path: p, errors });
      await page.close();
    }
  } finally {
    await browser.close();
  }
  return { checked: paths.length, failures, skipped: false };
}

async function main() {
  const total = Number(arg('cases', '2000'));
  const seed = Number(arg('seed', String(Date.now() % 1e9)));
  const budgetS = Number(arg('budget', '0'));
  const workers = Number(arg('workers', String(Math.max(1, Math.min(4, cpus().length)))));
  const browserN = Number(arg('browser', '10'));
  const reportEvery = Number(arg('report-every', '1'));
  const r = rng(seed);
  const files = sampleFiles();
  const cache = new Map();
  const started = Date.now();
  let next = 0;
  let done = 0;
  const failures = [];
  const htmlKept = [];
  const browserEvery = reportEvery * Math.max(1, Math.floor(total / reportEvery / Math.max(1, browserN)));

  const runWorker = () =>
    new Promise((resolve) => {
      let child;
      let current = null;
      let timer = null;
      const spawnChild = () => {
        // A heap cap: a case that makes the CLI allocate without bound fails fast (a dead worker) instead of
        // taking the machine's memory for the whole timeout.
        child = fork(fileURLToPath(import.meta.url), ['--worker'], {
          stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
          execArgv: ['--max-old-space-size=768'],
        });
        child.on('message', onMessage);
        child.on('exit', (code) => {
          if (current === null) return;
          clearTimeout(timer);
          const c = current;
          current = null;
          record(c, [`worker died (exit ${code}) on this case`]);
          spawnChild();
        });
      };
      const record = (c, problems) => {
        done++;
        if (problems.length > 0) failures.push({ hash: writeRegression(c, problems), problems });
      };
      const sendNext = () => {
        const outOfTime = budgetS > 0 && (Date.now() - started) / 1000 > budgetS;
        if (next >= total || outOfTime) {
          child.removeAllListeners('exit');
          child.kill();
          resolve();
          return;
        }
        const id = next++;
        const c = makeCase(r, files, cache);
        current = c;
        const cpuAtStart = cpuMsOf(child.pid);
        const onTimer = () => {
          const cpu = cpuMsOf(child.pid);
          // /proc reports in clock ticks (USER_HZ 100): allow for the rounding.
          if (cpuAtStart !== null && cpu !== null && cpu - cpuAtStart < CASE_TIMEOUT_MS - 50) {
            timer = setTimeout(onTimer, Math.max(1000, CASE_TIMEOUT_MS - (cpu - cpuAtStart)));
            return;
          }
          const hung = current;
          current = null;
          child.removeAllListeners('exit');
          child.kill('SIGKILL');
          record(hung, [`no answer within ${CASE_TIMEOUT_MS / 1000} s of CPU time (hang)`]);
          spawnChild();
        };
        timer = setTimeout(onTimer, CASE_TIMEOUT_MS);
        // `report` (a 2 MB page with the Vega libraries inlined) on every `reportEvery`th case.
        const commands = ['parse', 'analyze', 'replay', ...(id % reportEvery === 0 ? ['report'] : [])];
        child.send({ id, text: c.text.toString('base64'), gzip: c.gzip, commands, keepHtml: id % browserEvery === 0 });
      };
      const onMessage = (msg) => {
        if (msg.ready) return sendNext();
        if (current === null) return;
        clearTimeout(timer);
        const c = current;
        current = null;
        record(c, problemsOf(c, msg.results));
        for (const x of msg.results) if (x.html) htmlKept.push(x.html);
        if (done % 500 === 0) process.stderr.write(`${done} cases, ${failures.length} failing\n`);
        sendNext();
      };
      spawnChild();
    });

  await Promise.all(Array.from({ length: workers }, runWorker));
  const seconds = (Date.now() - started) / 1000;
  const browser = await browserCheck(htmlKept.slice(0, browserN));
  for (const f of browser.failures) failures.push({ hash: f.path, problems: f.errors });
  const summary = {
    seed,
    cases: done,
    seconds: Math.round(seconds),
    casesPerSecond: Math.round((done / seconds) * 10) / 10,
    reportEvery,
    failures: failures.length,
    browserPagesChecked: browser.checked,
    browserSkipped: browser.skipped,
  };
  console.log(JSON.stringify(summary));
  for (const f of failures.slice(0, 20)) console.log(`FAIL ${f.hash}: ${f.problems.join('; ')}`);
  process.exitCode = failures.length > 0 ? 1 : 0;
}

if (process.argv.includes('--worker')) await worker();
else await main();
