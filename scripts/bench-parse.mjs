// Throughput and peak memory of every streaming gosched command on large logs made from real Go
// output (scripts/bench-data.mjs), beside `wc -l`, awk's field split and a small Go byte scanner
// (compiled in the same run when `go` is on PATH) on the same files.
//
// Logs: many-run (real samples concatenated whole, each restarting at SCHED 0ms: a crash-looping
// pod) and long-run (one sample repeated with the clock advancing: one run), summary-only and
// scheddetail.
//
//   BENCH_SIZES=64,256,2048      sizes in MB (default 64,256)
//   BENCH_LOGS=many-summary,...  which logs (many-summary, many-scheddetail, long-summary, long-scheddetail,
//                                restarts-N: N one-dump runs, compose-N: N compose services, busy-summary:
//                                the long run of a Go 1.26 program that schedules 50,000 times a second per P,
//                                whose schedticks pass 10^9 and wrap past 2^32 as a service's do after hours)
//   BENCH_COMMANDS=analyze,...   which commands (analyze, analyze-jobs2, parse-ndjson, parse-csv, check, diff,
//                                report, replay); analyze-jobs2 is `analyze --json --jobs 2`, and its row adds
//                                `jobs 2 ×`: analyze's wall time over its own, the two run in turn, beside
//                                `2 threads ×`: what a second thread gives a plain CPU loop at that time
//   BENCH_REPEAT=3               best of N (default 1)
//   BENCH_RSS_LIMIT_MB=300       exit 1 when a command's peak RSS passes it (default 300)
//   BENCH_DIST=DIR               the build to time (default dist/): time an older build for a before/after
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { MB, composeLog, longRunLog, manyRunLog, restartsLog, root } from './bench-data.mjs';

const list = (name, dflt) => (process.env[name] ?? dflt).split(',').filter(Boolean);
const sizes = list('BENCH_SIZES', '64,256').map(Number);
const logs = list('BENCH_LOGS', 'many-summary,many-scheddetail,long-summary,long-scheddetail');
const commands = list('BENCH_COMMANDS', 'analyze,analyze-jobs2,parse-ndjson,parse-csv,check,diff,report,replay');
/** The report's page must stay under this whatever the input. */
const htmlLimit = 5 * MB;
const repeat = Number(process.env.BENCH_REPEAT ?? 1);
const rssLimitMB = Number(process.env.BENCH_RSS_LIMIT_MB ?? 300);
/** replay runs the scheduler model on every interval: it is timed on the smallest size only. */
const replayMaxMB = Number(process.env.BENCH_REPLAY_MAX_MB ?? 16);

const dist = process.env.BENCH_DIST ?? join(root, 'dist');
const cli = join(dist, 'bin', 'gosched.js');
/** Loaded before the executable (`--import`): prints peak RSS and CPU time as the process exits. */
const rssHook = `data:text/javascript,process.on('exit',()=>{const u=process.resourceUsage();process.stderr.write('maxrss '+u.maxRSS+' cpu '+(u.userCPUTime+u.systemCPUTime)+'\\n')})`;

/** Whole numbers, one decimal below 10. */
const fig = (x) => (x < 10 ? Math.round(x * 10) / 10 : Math.round(x));

function run(cmd, args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return { seconds, stderr: r.stderr };
}

/** Best of `repeat` runs: wall seconds, CPU seconds (gosched only) and peak RSS in MB. */
function best(cmd, args) {
  return bestOfEach(cmd, [args])[0];
}

/**
 * best() of several commands, run in turn (A B A B ...), so that a change in the load of a shared
 * machine falls on all of them alike: what a ratio between them needs.
 */
function bestOfEach(cmd, argLists) {
  const out = argLists.map(() => null);
  for (let i = 0; i < repeat; i++) {
    argLists.forEach((args, k) => {
      const r = run(cmd, args);
      const rss = Number(/maxrss (\d+)/.exec(r.stderr)?.[1] ?? 0) / 1024;
      const cpu = Number(/cpu (\d+)/.exec(r.stderr)?.[1] ?? 0) / 1e6;
      const o = out[k];
      if (o === null || r.seconds < o.seconds) out[k] = { seconds: r.seconds, cpu, rss: Math.max(rss, o?.rss ?? 0) };
      else o.rss = Math.max(o.rss, rss);
    });
  }
  return out;
}

/** A loop that keeps one core busy for about half a second. */
const spin = `let x = 0; for (let i = 0; i < 1.5e8; i++) x = (x * 31 + i) | 0; require('node:worker_threads').parentPort.postMessage(x);`;

async function spinOn(threads) {
  const t0 = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: threads }, () => new Promise((r) => new Worker(spin, { eval: true }).once('message', r))),
  );
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

/**
 * What a second thread gives on this machine now: the same loop on 1 and on 2 threads, in turn,
 * best of `repeat`; 2 when a second core is free, 1 when none is. The ceiling for `--jobs 2 ×`.
 */
async function threadScaling() {
  let one = Infinity;
  let two = Infinity;
  for (let i = 0; i < repeat; i++) {
    one = Math.min(one, await spinOn(1));
    two = Math.min(two, await spinOn(2));
  }
  return Math.round(((2 * one) / two) * 100) / 100;
}

function goScanner(scratch) {
  const bin = join(scratch, 'scan');
  const r = spawnSync('go', ['build', '-o', bin, 'scan.go'], {
    cwd: join(root, 'scripts', 'bench-baseline'),
    encoding: 'utf8',
  });
  if (r.error !== undefined || r.status !== 0) {
    console.log(`(no Go baseline: ${r.error?.message ?? r.stderr.trim()})`);
    return null;
  }
  return bin;
}

function gosched(command, path, scratch) {
  switch (command) {
    case 'analyze':
      return ['analyze', '--json', '-o', '/dev/null', path];
    case 'analyze-jobs2':
      return ['analyze', '--json', '--jobs', '2', '-o', '/dev/null', path];
    case 'parse-ndjson':
      return ['parse', '-q', '--format', 'ndjson', '-o', '/dev/null', path];
    case 'parse-csv':
      return ['parse', '-q', '--format', 'csv', '-o', '/dev/null', path];
    case 'check':
      return ['check', '--junit', join(scratch, 'junit.xml'), '--summary', join(scratch, 'summary.md'), path];
    case 'report':
      return ['report', '-o', join(scratch, 'report.html'), path];
    case 'diff':
      return ['diff', '--json', path, path];
    case 'replay':
      return ['replay', '--json', '-o', '/dev/null', path];
    default:
      throw new Error(`unknown command ${command}`);
  }
}

async function logFor(name, size) {
  const [shape, kind] = name.split('-');
  // restarts-N and compose-N: fixed shapes, whatever the size
  if (shape === 'restarts') return restartsLog(Number(kind));
  if (shape === 'compose') return composeLog(Number(kind));
  if (shape === 'many') return manyRunLog(kind, size);
  if (shape === 'busy') return longRunLog('samples/go1.26/gosched-p4-50ms-a.log', name, size);
  const sample =
    kind === 'summary' ? 'samples/go1.26/oversub-p8-20ms-a.log' : 'samples/go1.26/netpoll-p2-detail-200ms.log';
  return longRunLog(sample, kind, size);
}

/** Start-up: `gosched --help` and `analyze` of a one-line file, best of 5, beside `node -e 0` and the unbundled CLI. */
function startup(scratch) {
  const one = join(scratch, 'one.log');
  writeFileSync(one, 'SCHED 0ms: gomaxprocs=1 idleprocs=0 threads=3 spinningthreads=0 idlethreads=0 runqueue=0 [0]\n');
  const main = join(dist, 'bin', 'gosched.js');
  const ms = (args) => {
    let b = Infinity;
    for (let i = 0; i < 5; i++) b = Math.min(b, run(process.execPath, args).seconds);
    return Math.round(b * 1000);
  };
  // the same CLI as tsc compiled it, one module per file: what the bundle (scripts/bundle-cli.mjs) saves
  const modules = join(dist, 'cli', 'main.js');
  const row = {
    'node -e 0': ms(['-e', '0']),
    'gosched --help': ms([main, '--help']),
    'analyze one line': ms([main, 'analyze', one]),
    '--help, unbundled': ms([modules, '--help']),
    'analyze, unbundled': ms([modules, 'analyze', one]),
  };
  console.log('\n## start-up, ms (best of 5)');
  console.table([row]);
}

export async function benchParse() {
  const scratch = mkdtempSync(join(tmpdir(), 'gosched-bench-'));
  startup(scratch);
  const goBin = goScanner(scratch);
  const rows = [];
  let overLimit = 0;
  try {
    for (const size of sizes) {
      for (const name of logs) {
        const path = await logFor(name, size);
        const mb = statSync(path).size / MB;
        const rate = (s) => fig(mb / s);
        run('wc', ['-l', path]); // warm the page cache, so every tool reads from memory
        const row = { log: name, MB: Math.round(mb), 'wc -l': rate(best('wc', ['-l', path]).seconds) };
        row.awk = rate(best('awk', ['{ n += NF } END { print n }', path]).seconds);
        if (goBin !== null) row['Go scanner'] = rate(best(goBin, [path]).seconds);
        const wall = {};
        // analyze and analyze-jobs2 run in turn: their ratio is the scaling of --jobs 2.
        const paired = commands.includes('analyze') && commands.includes('analyze-jobs2');
        if (paired) row['2 threads ×'] = await threadScaling();
        const pair = paired
          ? bestOfEach(
              process.execPath,
              ['analyze', 'analyze-jobs2'].map((c) => ['--import', rssHook, cli, ...gosched(c, path, scratch)]),
            )
          : [];
        for (const c of commands) {
          if (c === 'replay' && size > replayMaxMB) continue;
          const r =
            paired && c === 'analyze'
              ? pair[0]
              : paired && c === 'analyze-jobs2'
                ? pair[1]
                : best(process.execPath, ['--import', rssHook, cli, ...gosched(c, path, scratch)]);
          wall[c] = r.seconds;
          // diff reads its input twice
          const factor = c === 'diff' ? 2 : 1;
          row[c] =
            `${Math.round((factor * mb) / r.seconds)} (cpu ${Math.round((factor * mb) / r.cpu)}) ${Math.round(r.rss)} MB`;
          if (c === 'report') {
            const html = statSync(join(scratch, 'report.html')).size;
            row[c] += `, HTML ${fig(html / MB)} MB`;
            if (html > htmlLimit) {
              overLimit++;
              console.log(`!! report on ${name} ${size} MB: HTML ${fig(html / MB)} MB > 5 MB`);
            }
          }
          if (c === 'analyze-jobs2' && wall.analyze !== undefined)
            row['jobs 2 ×'] = Math.round((wall.analyze / r.seconds) * 100) / 100;
          if (r.rss > rssLimitMB) {
            overLimit++;
            console.log(`!! ${c} on ${name} ${size} MB: peak RSS ${Math.round(r.rss)} MB > ${rssLimitMB} MB`);
          }
        }
        rows.push(row);
        console.log(JSON.stringify(row));
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  console.log(
    '\n## MB/s of wall time (of CPU time) and peak RSS; baselines in MB/s, same run' +
      (repeat > 1 ? `, best of ${repeat}` : ''),
  );
  console.table(rows);
  if (overLimit > 0) process.exitCode = 1;
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) await benchParse();
