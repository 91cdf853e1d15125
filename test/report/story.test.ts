import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TraceAnalyzer } from '../../src/findings/trace-analyzer.js';
import { parseText } from '../../src/parse/index.js';
import { activityOf, groupEpisodes, tellStory } from '../../src/report/story.js';
import type { Finding } from '../../src/findings/finding.js';
import { finding } from './fixtures.js';

async function analyzeSample(sample: string) {
  const a = new TraceAnalyzer();
  for (const s of parseText(await readFile(join(import.meta.dirname, '../../samples', sample), 'utf8')).snapshots)
    a.push(s);
  return a.result();
}

describe('story', () => {
  it('groups consecutive episodes of a kind, apart from other kinds, runs and far ones', () => {
    const ep = (ps: number[], moved: number) => ({ hits: 1, ps, moved });
    const eps = groupEpisodes([
      finding({ line: 3, lastLine: 3, tMs: 100, tEndMs: 100, p: 1, episode: ep([1], 129) }),
      finding({ line: 5, lastLine: 5, tMs: 300, tEndMs: 300, p: 2, episode: ep([2], 258) }),
      finding({ line: 6, lastLine: 6, tMs: 400, tEndMs: 400, kind: 'thread-growth', p: undefined, episode: ep([], 0) }),
      finding({ line: 9, lastLine: 9, tMs: 60_000, tEndMs: 60_000, p: 1, episode: ep([1], 129) }),
      finding({ line: 4, lastLine: 4, tMs: 200, tEndMs: 200, run: 1, p: 0, episode: ep([0], 0) }),
    ]);
    expect(eps.map((e) => [e.kind, e.run, e.count, e.ps, e.tStartMs, e.tEndMs, e.moved])).toEqual([
      ['local-overflow', 0, 2, [1, 2], 100, 300, 387],
      ['local-overflow', 1, 1, [0], 200, 200, null],
      ['thread-growth', 0, 1, [], 400, 400, null],
      ['local-overflow', 0, 1, [1], 60_000, 60_000, 129],
    ]);
  });

  it('ranks a sustained stop-the-world share with the findings that cost time, one gc-stop dump as a note', () => {
    const stop = (impact: number) =>
      finding({ kind: 'gc-stop', p: undefined, episode: { hits: 4, ps: [], moved: 0 }, impact }) as Finding;
    // A small overflow (tier 1, consequence 32) against the stops: sustained ones (consequence 400) lead.
    const sustained = tellStory(null, [finding(), stop(400)]);
    expect(sustained.episodes.map((e) => e.kind)).toEqual(['gc-stop', 'local-overflow']);
    // A note (no consequence) comes after every finding that costs time, however early.
    const note = tellStory(null, [finding({ line: 9, lastLine: 9 }), stop(0)]);
    expect(note.episodes.map((e) => e.kind)).toEqual(['local-overflow', 'gc-stop']);
  });

  it('groups episodes without times by run and kind, to the last line of the last', () => {
    const eps = groupEpisodes([
      finding({ tMs: null, tEndMs: null, line: 2, lastLine: 2 }),
      finding({ tMs: null, tEndMs: null, line: 8, lastLine: 11 }),
    ]);
    expect(eps.map((e) => [e.count, e.firstLine, e.lastLine])).toEqual([[2, 2, 11]]);
  });

  it('tells an overflowing one-P run as saturated: the backlog is the headline, the overflow episodes follow', async () => {
    const { runs, findings } = await analyzeSample('go1.26/overflow-p1-10ms-a.log');
    const story = tellStory(runs[0] ?? null, findings);
    expect(story.activity).toBe('saturated');
    expect(story.sentences[1]).toMatch(
      /^Headline \(the costliest of 3 findings\): saturation, once between \d+ ms and \d+ ms of uptime\. CPU saturation, every P busy: no P was idle/,
    );
    // It counts the findings, as analyze lists them (each an episode of the engine's), not the
    // episodes the story groups them into (two overflows within 10 s are one row).
    expect(findings).toHaveLength(3);
    expect(story.episodes).toHaveLength(2);
    expect(story.sentences[2]).toMatch(/^What to do: /);
    const overflow = story.episodes.find((e) => e.kind === 'local-overflow')!;
    expect(overflow.ps).toEqual([0]);
    expect(overflow.count).toBe(2);
    expect(overflow.moved! % 129).toBeLessThan(10);
  });

  it('tells a mostly idle 8-P run as idle, and a run without findings says so', async () => {
    const { runs, findings } = await analyzeSample('go1.26/idle-p8-250ms.log');
    expect(activityOf(runs[0]!)).toBe('idle');
    const story = tellStory(runs[0]!, []);
    expect(story.sentences[0]).toMatch(/^Mostly idle: \d+% of Ps idle on average \(8 Ps/);
    expect(story.sentences[1]).toBe('No finding: nothing in this run crossed a rule threshold.');
    expect(findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });

  it('a run without findings whose dumps showed a backlog says how many, as analyze does', async () => {
    // CPU-bound frames with sleeps between (samples/labelled): backlogs too short for saturation.
    const { runs, findings } = await analyzeSample('labelled/phases3-go1.23/frames-p4-50ms.log');
    expect(findings).toEqual([]);
    const story = tellStory(runs[0]!, findings);
    expect(story.sentences[1]).toBe(
      "No finding: nothing in this run crossed a rule threshold, though in 16 of 38 dumps no P was idle and at least one runnable goroutine per P waited (more goroutines wanted CPU than the Ps could run), in bursts shorter than saturation's 4 dumps over 500 ms.",
    );
  });

  it("tells the run's headline finding, as analyze has it, in its own words", async () => {
    // Timer churn at 48 Ps (Go 1.26): three local-overflow findings group into one episode; analyze's
    // headline is the one with the most consequence (520-2233 ms), not the episode's first (111 ms).
    const { runs, findings, headline } = await analyzeSample('programs/timerchurn-go1.26-p48-gctrace-50ms.log');
    const earliest = findings.filter((f) => f.kind === 'local-overflow').sort((a, b) => a.line - b.line)[0];
    expect(earliest).not.toBe(headline);
    expect(headline).not.toBeNull();
    const story = tellStory(runs[0]!, findings);
    const head = story.sentences.find((t) => t.startsWith('Headline'))!;
    expect(head).toContain(headline!.explanation);
    expect(head).toContain(`: ${headline!.kind}`);
  });

  it('calls a run saturated only where saturation found a sustained backlog', async () => {
    const { runs, findings } = await analyzeSample('go1.26/overflow-p1-10ms-a.log');
    expect(activityOf(runs[0]!)).toBe('saturated');
    expect(tellStory(runs[0]!, findings).activity).toBe('saturated');
    const without = findings.filter((f) => f.kind !== 'saturation');
    const story = tellStory(runs[0]!, without);
    expect(story.activity).toBe('busy');
    expect(story.sentences[0]).toMatch(/^Busy: /);
  });
});

describe("the README's story of the busy 32-P sample", () => {
  it('is the story the report tells of it today (each … a part left out)', async () => {
    const readme = await readFile(join(import.meta.dirname, '../../README.md'), 'utf8');
    const start = readme.indexOf('For the busy 32-P sample below:');
    const quoted = readme
      .slice(start)
      .split('\n')
      .slice(1)
      .filter((l, i, all) => l.startsWith('>') && all.slice(0, i).every((b) => b === '' || b.startsWith('>')))
      .map((l) => l.replace(/^> ?/, ''))
      .join(' ')
      .replace(/\s+/g, ' ')
      .trim();
    expect(quoted).toMatch(/^Saturated: /);
    const { runs, findings } = await analyzeSample('go1.26/overflow-p32-20ms.log');
    const told = tellStory(runs[0] ?? null, findings).sentences.join(' ');
    // Each piece between two … is in the story, in order.
    let from = 0;
    for (const piece of quoted.split('…').map((p) => p.trim())) {
      const at = told.indexOf(piece, from);
      expect(at, piece).toBeGreaterThanOrEqual(0);
      from = at + piece.length;
    }
  });
});
