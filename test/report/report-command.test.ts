import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { parseText } from '../../src/parse/index.js';
import { buildTimelines } from '../../src/trace/timeline-builder.js';
import { overlayFor } from './fixtures.js';

const sample = join(import.meta.dirname, '../../samples/go1.26/overflow-p1-10ms-a.log');

describe('gosched report', () => {
  let dir: string;
  let stderr: string[];
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gosched-report-cmd-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const cli = async (args: string[]) => {
    stderr = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((s) => {
      stderr.push(String(s));
      return true;
    });
    try {
      return await runCli(args);
    } finally {
      spy.mockRestore();
    }
  };

  it('writes one self-contained page and, with --svg, every chart as SVG', async () => {
    const out = join(dir, 'overflow.html');
    expect(await cli(['report', sample, '-o', out, '--svg', join(dir, 'svg')])).toBe(0);
    const html = await readFile(out, 'utf8');
    const charts = [...html.matchAll(/<section class="chart(?: tall)?" id="chart-([\w-]+)">/g)].map((m) => m[1]);
    expect(charts).toContain('local-queue');
    expect(stderr.join('')).toMatch(
      new RegExp(`wrote .*overflow.html \\(\\d+ KB, ${charts.length} charts, \\d+ findings\\)`),
    );
    const svgs = (await readdir(join(dir, 'svg'))).sort();
    expect(svgs).toEqual(charts.map((c) => `overflow-${c}.svg`).sort());
    const heatmap = await readFile(join(dir, 'svg', 'overflow-local-queue.svg'), 'utf8');
    expect(heatmap).toMatch(/^<svg/);
    expect(heatmap).toMatch(/class="mark-rect role-mark[^"]*"[^>]*><path/);
  });

  it('draws a model overlay given with --model', async () => {
    const timelines = buildTimelines(parseText(await readFile(sample, 'utf8')).snapshots);
    const overlay = join(dir, 'overlay.json');
    await writeFile(overlay, JSON.stringify(overlayFor(timelines[0]!)));
    const out = join(dir, 'model.html');
    expect(await cli(['report', sample, '-o', out, '--model', overlay, '--svg', join(dir, 'svg-model')])).toBe(0);
    expect(await readFile(out, 'utf8')).toContain('<section class="chart" id="chart-model">');
    const svg = await readFile(join(dir, 'svg-model', 'model-model.svg'), 'utf8');
    expect(svg).toContain('observed − predicted');
  });

  it('exits 2 on an unreadable model overlay', async () => {
    await writeFile(join(dir, 'bad.json'), '{"not": "an array"}');
    expect(await cli(['report', sample, '-o', join(dir, 'x.html'), '--model', join(dir, 'bad.json')])).toBe(2);
    expect(stderr.join('')).toContain('model overlay must be a JSON array');
  });
});
