#!/usr/bin/env node
// Reads a kernel scheduler trace of one Go program on one CPU and prints how the kernel handed the
// CPU out among the program's threads: how long a thread held it before being preempted, how late
// sysmon ran after its wake-up, and in which order threads that were woken and waiting got it.
//
//   node scripts/sched-order.mjs TRACE [--comm NAME] [--reduce]
//
// TRACE is the text of `perf script` (plain or .gz) over a `perf record -g -e sched:sched_switch
// -e sched:sched_wakeup` of the run (scripts/sched-switch-trace.sh records one), or the reduced form
// --reduce prints: each event's line with the one fact its call stack gave (a trailing `#tag`), and
// no stacks. The tags: a switch away from sysmon (`#sysmon`: runtime.sysmon on the stack) or from a
// thread inside a read (`#read`); a wake-up by a timer (`#timer`: hrtimer_wakeup, a nanosleep or
// sysmon's usleep ending) or by a futex (`#futex`: notewakeup, an M that startm or wakep woke).
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
const comm = args.includes('--comm') ? args[args.indexOf('--comm') + 1] : undefined;
if (!file) {
  console.error('usage: node scripts/sched-order.mjs TRACE [--comm NAME] [--reduce]');
  process.exit(2);
}
let text;
try {
  const raw = readFileSync(file);
  text = (file.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
} catch (e) {
  console.error(`sched-order: cannot read ${file}: ${e.code ?? e.message}`);
  process.exit(2);
}

const HEAD = /^\s*(.+?)\s+(\d+)\s+\[(\d+)\]\s+([\d.]+):\s+sched:(sched_switch|sched_wakeup):\s+(.*?)(?:\s+#(\w+))?$/;
const SWITCH = /prev_comm=(.*) prev_pid=(\d+) prev_prio=\d+ prev_state=(\S+) ==> next_comm=(.*) next_pid=(\d+)/;
const WAKEUP = /comm=(.*) pid=(\d+) prio=/;

/** The fact a stack gives about its event (see the tags above), or ''. */
function tagOf(type, stack) {
  if (type === 'sched_switch') {
    if (stack.some((f) => f.includes('runtime.sysmon'))) return 'sysmon';
    if (stack.some((f) => /syscall\.read|internal\/poll\.\(\*FD\)\.Read|os\.\(\*File\)\.Read/.test(f))) return 'read';
    return '';
  }
  if (stack.some((f) => f.includes('hrtimer_wakeup'))) return 'timer';
  if (stack.some((f) => f.includes('futex'))) return 'futex';
  return '';
}

/** The events, in order: { line, t (µs), type, tag }. */
function events() {
  const out = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = HEAD.exec(lines[i]);
    if (!m) continue;
    const header = lines[i].replace(/\s+#\w+$/, '');
    const stack = [];
    while (i + 1 < lines.length && /^\s+[0-9a-f]+ /.test(lines[i + 1])) stack.push(lines[++i]);
    const tag = m[7] ?? tagOf(m[5], stack);
    out.push({ line: header, t: Number(m[4]) * 1e6, type: m[5], f: m[6], tag });
  }
  return out;
}

const evs = events();
if (args.includes('--reduce'))
  process.stdout.write(evs.map((e) => (e.tag ? `${e.line} #${e.tag}\n` : `${e.line}\n`)).join(''));
else summarise(evs);

function summarise(evs) {
  // The program: the command name of the thread first seen switching away from sysmon, unless given.
  const sysmonSwitch = evs.find((e) => e.type === 'sched_switch' && e.tag === 'sysmon');
  const sysmon = sysmonSwitch ? Number(SWITCH.exec(sysmonSwitch.f)[2]) : -1;
  const program = comm ?? (sysmonSwitch ? SWITCH.exec(sysmonSwitch.f)[1] : undefined);
  if (program === undefined) {
    console.error(
      'sched-order: no switch away from runtime.sysmon in the trace (was it recorded with -g?); name the program with --comm',
    );
    process.exit(2);
  }

  const KIND = { timer: 'sleeper', futex: 'started M' };
  const kindOf = (pid, tag) => (pid === sysmon ? 'sysmon' : (KIND[tag] ?? 'other'));
  const runFrom = new Map(); // pid → when it got the CPU
  const waiting = new Map(); // pid → { t, kind }: woken, not yet run
  const preemptedTurns = [];
  const readTurns = [];
  const sysmonLate = [];
  const order = new Map(); // "a (earlier|later) before b" → count
  let latestFirst = 0;
  // A preemption this soon after a wake-up is the woken thread taking the CPU (wake-up preemption).
  const WAKE_PREEMPT_US = 30;
  let lastWake = Number.NEGATIVE_INFINITY;
  let preemptedByWake = 0;
  let picksAmongWoken = 0;
  for (const e of evs) {
    if (e.type === 'sched_wakeup') {
      lastWake = e.t;
      const [, name, pid] = WAKEUP.exec(e.f) ?? [];
      if (name === program) waiting.set(Number(pid), { t: e.t, kind: kindOf(Number(pid), e.tag) });
      continue;
    }
    const [, prevComm, prevPid, state, nextComm, nextPid] = SWITCH.exec(e.f);
    const prev = Number(prevPid);
    const next = Number(nextPid);
    if (prevComm === program && runFrom.has(prev)) {
      // Preempted (still runnable, R) rather than blocked: the kernel took the CPU back.
      if (state.startsWith('R')) {
        preemptedTurns.push(e.t - runFrom.get(prev));
        if (e.t - lastWake <= WAKE_PREEMPT_US) preemptedByWake++;
        if (e.tag === 'read') readTurns.push(e.t - runFrom.get(prev));
      }
      runFrom.delete(prev);
    }
    if (nextComm !== program) continue;
    runFrom.set(next, e.t);
    const picked = waiting.get(next);
    if (picked === undefined) continue;
    if (next === sysmon) sysmonLate.push(e.t - picked.t);
    if (waiting.size > 1) {
      picksAmongWoken++;
      let latest = true;
      for (const [pid, w] of waiting) {
        if (pid === next) continue;
        if (w.t > picked.t) latest = false;
        const key = `${picked.kind} (woken ${picked.t < w.t ? 'earlier' : 'later'}) before ${w.kind}`;
        order.set(key, (order.get(key) ?? 0) + 1);
      }
      if (latest) latestFirst++;
    }
    waiting.delete(next);
  }

  const quantile = (xs, q) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length === 0 ? Number.NaN : s[Math.floor(q * (s.length - 1))];
  };
  const ms = (us) => (us / 1000).toFixed(2);
  const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
  console.log(
    `program ${program}, sysmon thread ${sysmon}, ${evs.length} events over ${ms(evs.at(-1).t - evs[0].t)} ms`,
  );
  console.log(
    `turns ended by preemption: ${preemptedTurns.length}, median ${ms(quantile(preemptedTurns, 0.5))} ms (p10 ${ms(quantile(preemptedTurns, 0.1))}, p90 ${ms(quantile(preemptedTurns, 0.9))}); in a read: ${readTurns.length}, median ${ms(quantile(readTurns, 0.5))} ms; within ${WAKE_PREEMPT_US} µs of a wake-up: ${preemptedByWake}`,
  );
  console.log(
    `sysmon ran ${sysmonLate.length} times after a wake-up, late by mean ${ms(mean(sysmonLate))} ms, median ${ms(quantile(sysmonLate, 0.5))}, p90 ${ms(quantile(sysmonLate, 0.9))}`,
  );
  console.log(
    `picks among two or more woken threads: ${picksAmongWoken}, the latest woken first in ${latestFirst} (${((100 * latestFirst) / picksAmongWoken).toFixed(0)}%)`,
  );
  console.log('who ran first, pair by pair (each pick against each thread still waiting):');
  for (const [key, n] of [...order].sort((a, b) => a[0].localeCompare(b[0]))) console.log(`  ${key.padEnd(44)} ${n}`);
}
