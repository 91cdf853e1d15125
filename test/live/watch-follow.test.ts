import { appendFileSync, mkdtempSync, readFileSync, renameSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { RESTART_HOLD_DUMPS } from '../../src/live/restart-hold.js';
import { startCli } from '../helpers/live-cli.js';
import { ensureBuilt, runBuiltCli } from '../helpers/run-built-cli.js';
import { samplesDir } from '../helpers/samples.js';

const sample = (p: string): string[] => readFileSync(join(samplesDir, p), 'utf8').trimEnd().split('\n');
const overflowA = sample('go1.26/overflow-p1-10ms-a.log');
const overflowB = sample('go1.26/overflow-p1-10ms-b.log');
const netpoll = sample('go1.26/netpoll-p2-detail-200ms.log');
const text = (lines: string[]): string => `${lines.join('\n')}\n`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const findings = (stdout: string) =>
  stdout
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as { kind: string; run: number; line: number; evidence: Record<string, unknown> });

let dir: string;
beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'gosched-watch-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('an episode that goes on is heard of before it ends', () => {
  test('--ongoing: an NDJSON line when it opens; --metrics: gosched_findings_ongoing while it lasts', async () => {
    // Every dump of this capture is saturated: the episode is still open at the file's end.
    const log = join(dir, 'saturated.log');
    writeFileSync(log, text(sample('go1.26/oversub-p2-20ms-a.log')));
    const w = startCli(['watch', log, '--ongoing', '--metrics', '127.0.0.1:0', '--poll', '50', '--period', '20']);
    await w.waitFor(({ stdout }) => findings(stdout).some((f) => f.kind === 'saturation'));
    const open = findings(w.stdout()).find((f) => f.kind === 'saturation') as unknown as Record<string, unknown>;
    expect(open).toMatchObject({ kind: 'saturation', line: 2, ongoing: true });
    const url = /metrics at (http:\/\/\S+\/metrics)/.exec(w.stderr())![1]!;
    const scrape = await (await fetch(url)).text();
    expect(scrape).toMatch(/^gosched_findings_ongoing\{[^}]*kind="saturation"[^}]*\} 1$/m);
    // Not yet reported: the counter counts an episode once, when it is over.
    expect(scrape).not.toMatch(/^gosched_findings_total\{[^}]*kind="saturation"/m);
    w.child.kill('SIGINT');
    expect(await w.exited).toBe(0);
    // Ctrl-C closes the run: the episode's final line follows, without `ongoing`, as analyze has it.
    const lines = findings(w.stdout()).filter((f) => f.kind === 'saturation') as unknown as Record<string, unknown>[];
    expect(lines).toHaveLength(2);
    expect(lines[1]!.ongoing).toBeUndefined();
    const expected = (JSON.parse(runBuiltCli(['analyze', '--json', log]).stdout) as { findings: unknown[] }).findings;
    expect(lines[1]).toEqual(expected[0]);
  });
});

describe('gosched watch FILE follows it as tail -F does', () => {
  test('appended, rotated and truncated during the test: every line accounted for, findings as they close', async () => {
    const log = join(dir, 'app.log');
    writeFileSync(log, text(overflowA.slice(0, 40)));
    const w = startCli(['watch', log, '--poll', '50', '--period', '200']);
    // The first local-overflow episode (line 2) closes at line 3: it shows before the file grows.
    await w.waitFor(({ stdout }) => findings(stdout).length >= 1);
    expect(findings(w.stdout())[0]).toMatchObject({ kind: 'local-overflow', run: 0, line: 2 });

    appendFileSync(log, text(overflowA.slice(40)));
    await w.waitFor(({ stdout }) => findings(stdout).some((f) => f.line === 44));

    // Rotation (rename, then a new file under the old name): the program restarted, so a new run.
    renameSync(log, `${log}.1`);
    writeFileSync(log, text(overflowB));
    await w.waitFor(({ stdout }) => findings(stdout).some((f) => f.run === 1));

    // Truncation (copytruncate): reading starts again at the top of the file.
    truncateSync(log, 0);
    await sleep(400);
    // Then the program restarts once more: its first finding shows the new content was read (the
    // restart itself, which names no exit, is told once RESTART_HOLD_DUMPS dumps show no other
    // process printing beside it). The new content is shorter than the old, so the shrink shows
    // however late the follower looks.
    const refill = text([...netpoll.slice(0, 13), ...overflowA.slice(0, RESTART_HOLD_DUMPS + 6)]);
    expect(refill.length).toBeLessThan(text(overflowB).length);
    writeFileSync(log, refill);
    await w.waitFor(({ stdout }) => findings(stdout).some((f) => f.run === 3));
    w.child.kill('SIGINT');
    const code = await w.exited;
    expect(code).toBe(0);
    const total = overflowA.length + overflowB.length + 13 + RESTART_HOLD_DUMPS + 6;
    // The same summary `analyze` prints, on stderr since stdout carries the NDJSON.
    expect(w.stderr()).toMatch(/^Headline: /m);
    expect(w.stderr()).toContain(`${log}: ${total} lines = `);
    expect(w.stderr()).toMatch(/^stream run 0: 84 snapshots/m);
    expect(w.stderr()).toMatch(/^stream run 1: 83 snapshots/m);
    expect(w.stderr()).toMatch(/^stream run 2: \d+ snapshots, .*scheddetail/m);
    // The same findings analyze reports on the concatenation, no more, no fewer.
    const whole = join(dir, 'whole.log');
    writeFileSync(
      whole,
      text([...overflowA, ...overflowB, ...netpoll.slice(0, 13), ...overflowA.slice(0, RESTART_HOLD_DUMPS + 6)]),
    );
    const a = runBuiltCli(['analyze', '--json', whole]);
    const expected = (JSON.parse(a.stdout) as { findings: { kind: string; line: number }[] }).findings;
    const got = findings(w.stdout());
    expect(got.map((f) => `${f.kind}@${f.line}`).sort()).toEqual(expected.map((f) => `${f.kind}@${f.line}`).sort());
  });

  test('a gzip file is read to its end (a compressed log is not appended to), as analyze reads it', () => {
    const gz = join(samplesDir, 'envelopes/overflow-p1-10ms-a.log.gz');
    const r = runBuiltCli(['watch', gz]);
    expect(r.code).toBe(0);
    const a = runBuiltCli(['analyze', '--json', gz]);
    const expected = (JSON.parse(a.stdout) as { findings: { kind: string; line: number }[] }).findings;
    expect(expected.length).toBeGreaterThan(0);
    expect(
      findings(r.stdout)
        .map((f) => `${f.kind}@${f.line}`)
        .sort(),
    ).toEqual(expected.map((f) => `${f.kind}@${f.line}`).sort());
    expect(r.stderr).toContain(`${gz}: 84 lines = 84 schedtrace + 0 foreign + 0 malformed`);
  });

  test('a missing file: one clear line, exit 2', () => {
    const r = runBuiltCli(['watch', join(dir, 'nope.log')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`gosched: ${join(dir, 'nope.log')}: no such file\n`);
  });
});

describe('gosched watch - reads a pipe the same way', () => {
  test('a scheddetail dump whose P lines come in separate, slow writes is one whole dump, not a partial one', async () => {
    const w = startCli(['watch', '-', '--period', '150']);
    // netpoll's dumps: a SCHED line then P, M and G lines. Write each dump in three pieces, pausing
    // longer than the period after the summary line and after the first P line.
    const dumps: string[][] = [];
    for (const l of netpoll) {
      if (l.startsWith('SCHED')) dumps.push([]);
      dumps[dumps.length - 1]!.push(l);
    }
    expect(dumps.length).toBeGreaterThanOrEqual(4);
    for (const d of dumps) {
      w.child.stdin!.write(`${d[0]}\n`);
      await sleep(250);
      w.child.stdin!.write(`${d[1]}\n`);
      await sleep(250);
      w.child.stdin!.write(text(d.slice(2)));
    }
    w.child.stdin!.end();
    expect(await w.exited).toBe(0);
    const lines = dumps.reduce((n, d) => n + d.length, 0);
    expect(w.stderr()).toContain(`<stdin>: ${lines} lines = ${lines} schedtrace + 0 foreign + 0 malformed`);
    expect(w.stderr()).toMatch(new RegExp(`^stream run 0: ${dumps.length} snapshots`, 'm'));
    expect(w.stderr()).not.toMatch(/truncated|orphan|crash-dump/);
    // No finding that a partial dump would cause; the same findings analyze gives on the whole dumps.
    const got = findings(w.stdout());
    expect(got.map((f) => f.kind)).not.toContain('invariant-violation');
    expect(got.map((f) => f.kind)).not.toContain('model-divergence');
    const a = runBuiltCli(['analyze', '--json', '-'], { input: text(dumps.flat()) });
    const expected = (JSON.parse(a.stdout) as { findings: { kind: string; line: number }[] }).findings;
    expect(got.map((f) => `${f.kind}@${f.line}`).sort()).toEqual(expected.map((f) => `${f.kind}@${f.line}`).sort());
  });

  test('the NDJSON reader going away (| head -1) stops watch cleanly: summary on stderr, exit 0', async () => {
    const w = startCli(['watch', '-']);
    const lines = [...overflowA, ...overflowB];
    for (let i = 0; i < 50; i++) w.child.stdin!.write(text(lines));
    await w.waitFor(({ stdout }) => stdout.includes('\n'));
    w.child.stdout!.destroy();
    // Keep writing: watch must notice the closed stdout at its next finding and stop reading.
    const more = setInterval(() => w.child.stdin!.write(text(lines), () => {}), 20);
    w.child.stdin!.on('error', () => {});
    const code = await w.exited;
    clearInterval(more);
    expect(code).toBe(0);
    expect(w.stderr()).toMatch(/^Headline: /m);
    expect(w.stderr()).toMatch(/<stdin>: \d+ lines = \d+ schedtrace \+ 0 foreign \+ 0 malformed/);
    expect(w.stderr()).not.toMatch(/EPIPE|at .*\.js:\d+/);
  });

  test('gzip and docker json-file envelopes on a pipe: the same findings as analyze', async () => {
    for (const f of ['envelopes/overflow-p1-10ms-a.log.gz', 'envelopes/docker-json-file.log']) {
      const input = readFileSync(join(samplesDir, f));
      const w = startCli(['watch', '-']);
      w.child.stdin!.end(input);
      expect(await w.exited).toBe(0);
      const a = runBuiltCli(['analyze', '--json', join(samplesDir, f)]);
      const expected = (JSON.parse(a.stdout) as { findings: unknown[] }).findings.length;
      expect(findings(w.stdout()), f).toHaveLength(expected);
      expect(w.stderr(), f).toMatch(/^Headline: /m);
    }
  });
});
