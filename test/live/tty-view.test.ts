import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fitWidth, ringBar, sparkline } from '../../src/live/render-view.js';
import { parseText } from '../../src/parse/index.js';
import { cliPath, ensureBuilt } from '../helpers/run-built-cli.js';

const hasTmux = spawnSync('tmux', ['-V'], { encoding: 'utf8' }).status === 0;

/** A go1.25-layout log of 64 Ps whose queues cover empty, partial and full rings (deterministic). */
function p64Log(): string {
  const levels = [0, 1, 3, 17, 64, 128, 200, 255, 256];
  const lines: string[] = [];
  for (let i = 0; i < 30; i++) {
    const q = Array.from({ length: 64 }, (_, p) => levels[(p * 7 + i) % levels.length]!);
    const ticks = Array.from({ length: 64 }, (_, p) => p * 100 + i);
    lines.push(
      `SCHED ${i * 100}ms: gomaxprocs=64 idleprocs=${i % 5} threads=${70 + i} spinningthreads=${i % 3} needspinning=0 idlethreads=5 runqueue=${i * 13} [ ${q.join(' ')} ] schedticks=[ ${ticks.join(' ')} ]`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/**
 * tmux on a server of the session's own (`-L`): killing one test's last session ends its server, and
 * a session started beside that shutdown on the shared default server once failed (exit 1 under load).
 */
const tmux = (session: string, ...args: string[]) => spawnSync('tmux', ['-L', session, ...args], { encoding: 'utf8' });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function paneUntil(session: string, pred: (pane: string) => boolean): Promise<string> {
  const until = Date.now() + 20_000;
  let pane = '';
  while (Date.now() < until) {
    pane = tmux(session, 'capture-pane', '-p', '-t', session).stdout;
    if (pred(pane)) return pane;
    await sleep(100);
  }
  throw new Error(`pane never matched:\n${pane}`);
}

/** Every `P<n> <bar> <count>` cell of the pane. */
function cells(pane: string): Map<number, { bar: string; n: number }> {
  const out = new Map<number, { bar: string; n: number }>();
  for (const m of pane.matchAll(/P(\d+)\s+([█▉▊▋▌▍▎▏·]+)\s+(\d+)/g))
    out.set(Number(m[1]), { bar: m[2]!, n: Number(m[3]) });
  return out;
}

describe('the terminal view', () => {
  test('ring bars: eighths of a cell against 256 slots; sparklines against their maximum', () => {
    expect(ringBar(0, 8)).toBe('········');
    expect(ringBar(256, 8)).toBe('████████');
    expect(ringBar(128, 8)).toBe('████····');
    expect(ringBar(17, 8)).toBe('▌·······');
    expect(ringBar(300, 4)).toBe('████');
    expect(sparkline([0, 0, 0], 3)).toBe('▁▁▁');
    expect(sparkline([0, 5, 10], 3)).toBe('▁▅█');
  });

  describe('in a real terminal (tmux)', () => {
    let dir: string;
    const session = `gosched-view-${process.pid}`;
    beforeAll(() => {
      ensureBuilt();
      dir = mkdtempSync(join(tmpdir(), 'gosched-tty-'));
    });
    afterAll(() => {
      if (hasTmux) tmux(session, 'kill-server');
      rmSync(dir, { recursive: true, force: true });
    });

    test.skipIf(hasTmux)('without tmux on PATH: skipped', () => {
      console.log('SKIP terminal view test: no `tmux` on PATH');
    });

    test.runIf(hasTmux)(
      '64 Ps at 160x50: every bar and number as in the last dump; still right after a resize; Ctrl-C prints the summary',
      async () => {
        const log = join(dir, 'p64.log');
        const text = p64Log();
        writeFileSync(log, text);
        const last = parseText(text).snapshots.at(-1)!;
        const cmd = `'${process.execPath}' '${cliPath}' watch '${log}' --no-color --poll 50 --top 2; sleep 60`;
        const started = tmux(session, 'new-session', '-d', '-s', session, '-x', '160', '-y', '50', cmd);
        expect(started.status, started.stderr).toBe(0);
        let pane = await paneUntil(session, (p) => p.includes('30 dumps') && cells(p).size === 64);
        const check = (p: string) => {
          const cs = cells(p);
          for (const [id, c] of cs) {
            expect(c.n, `P${id}`).toBe(last.runq[id]);
            expect(c.bar, `P${id}`).toBe(ringBar(last.runq[id]!, c.bar.length));
          }
          expect(p).toMatch(new RegExp(`global queue\\s+${last.runqueue} `));
          expect(p).toMatch(new RegExp(`idle Ps\\s+${last.idleprocs}/64 `));
          expect(p).toMatch(new RegExp(`threads\\s+${last.threads} `));
          expect(p).toMatch(new RegExp(`spinning Ms\\s+${last.spinningthreads} `));
          expect(p).toContain('GOMAXPROCS 64');
          return cs;
        };
        const big = check(pane);
        expect(big.size).toBe(64);
        // Full rings show a full bar at 160 columns (40 cells).
        expect(big.get(last.runq.indexOf(256))!.bar).toBe('█'.repeat(40));
        expect(big.get(last.runq.indexOf(0))!.bar).toBe('·'.repeat(40));
        // Every row fits the width: nothing wrapped.
        expect(pane.split('\n').every((l) => [...l].length <= 160)).toBe(true);

        tmux(session, 'resize-window', '-t', session, '-x', '110', '-y', '45');
        // Redrawn for 110 columns: shorter bars, the header back at the top, and every P either
        // drawn or counted in the "more Ps" line (a capture can land while the frame is half painted).
        const shownOrCounted = (p: string) => cells(p).size + Number(/… (\d+) more Ps/.exec(p)?.[1] ?? 0);
        pane = await paneUntil(
          session,
          (p) =>
            p.includes('GOMAXPROCS 64') &&
            [...cells(p).values()].some((c) => c.bar.length < 40) &&
            shownOrCounted(p) === 64,
        );
        check(pane);
        expect(shownOrCounted(pane)).toBe(64);

        tmux(session, 'send-keys', '-t', session, 'C-c');
        pane = await paneUntil(session, (p) => p.includes('Headline:'));
        expect(pane).toMatch(/^stream run 0: 30 snapshots/m);
      },
    );
  });
});

test('lines are cut to the width in visible columns; colour codes take none', () => {
  expect(fitWidth('abcdef', 4)).toBe('abc…\x1b[0m');
  expect(fitWidth('abcd', 4)).toBe('abcd');
  expect(fitWidth('abcd\x1b[0m', 4)).toBe('abcd\x1b[0m');
  expect(fitWidth('\x1b[1mab\x1b[22mcdef', 4)).toBe('\x1b[1mab\x1b[22mc…\x1b[0m');
  expect(fitWidth('█████', 4)).toBe('███…\x1b[0m');
});

describe('gosched run in a terminal', () => {
  const session = `gosched-sigint-${process.pid}`;
  let dir: string;
  beforeAll(() => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'gosched-sigint-'));
  });
  afterAll(() => {
    if (hasTmux) tmux(session, 'kill-server');
    rmSync(dir, { recursive: true, force: true });
  });

  test.runIf(hasTmux)(
    'Ctrl-C reaches the program once (not again through gosched), and its status comes back',
    async () => {
      // A program that counts SIGINTs for half a second after the first, then exits 3.
      const prog = join(dir, 'count-sigint.mjs');
      writeFileSync(
        prog,
        "let n = 0; process.on('SIGINT', () => { if (n++ === 0) setTimeout(() => { console.log('SIGINT x' + n); process.exit(3); }, 500); }); setInterval(() => {}, 1000); console.log('ready');\n",
      );
      const out = join(dir, 'out.txt');
      const cmd = `'${process.execPath}' '${cliPath}' run --no-color -- '${process.execPath}' '${prog}'; echo "exit $?" > '${out}'; sleep 60`;
      const started = tmux(session, 'new-session', '-d', '-s', session, '-x', '120', '-y', '30', cmd);
      expect(started.status, started.stderr).toBe(0);
      await paneUntil(session, (p) => p.includes('ready'));
      tmux(session, 'send-keys', '-t', session, 'C-c');
      const pane = await paneUntil(session, (p) => p.includes('SIGINT x'));
      expect(pane).toContain('SIGINT x1');
      for (const until = Date.now() + 15_000; !existsSync(out) && Date.now() < until; ) await sleep(100);
      expect(readFileSync(out, 'utf8')).toBe('exit 3\n');
    },
  );
});
