import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildReportData, renderHtmlReport } from '../../src/report/index.js';
import { finding, timeline } from './fixtures.js';

const libraries = {
  vega: 'window.vega={}',
  vegaLite: 'window.vegaLite={}',
  vegaEmbed: 'window.vegaEmbed=function(){}',
};
const evil = '</script><script>alert(1)</script>';

function page(streams: string[], findings = [finding({ stream: streams[0] })]) {
  const data = buildReportData(
    streams.map((s) => timeline(4, { stream: s })),
    findings,
  );
  return renderHtmlReport({
    title: `report of ${evil}`,
    sources: [{ name: `${evil}.log`, counts: { lines: 4, schedtrace: 4, foreign: 0, malformed: 0 } }],
    data,
    findings,
    diagnostics: [],
    libraries,
  });
}

describe('HTML page', () => {
  it('escapes every log string: only its own five script elements open', () => {
    const { html } = page([evil, 'db'], [finding({ stream: evil, explanation: `queue of ${evil}` })]);
    expect(html.match(/<script/g)).toHaveLength(5);
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('links each headline finding to the chart that shows it', () => {
    const findings = [
      finding({ stream: 'a' }),
      finding({ stream: 'a', kind: 'thread-growth', severity: 'error', explanation: 'threads grew' }),
    ];
    const { html, charts } = page(['a'], findings);
    const links = [...html.matchAll(/<li class="sev-(\w+)"><a href="#([\w-]+)"/g)].map((m) => [m[1], m[2]]);
    expect(links).toEqual([
      ['error', 'chart-global'],
      ['warning', 'chart-local-queue'],
    ]);
    for (const [, id] of links) expect(charts.some((c) => c.id === id)).toBe(true);
    for (const c of charts) expect(html).toContain(`<section class="chart${c.tall ? ' tall' : ''}" id="${c.id}">`);
  });

  it('accounts for every input line in the sources list, gctrace lines included', () => {
    const findings = [finding({ stream: 'a' })];
    const { html } = renderHtmlReport({
      title: 'gc',
      sources: [{ name: 'gc.log', counts: { lines: 453, schedtrace: 40, foreign: 0, malformed: 0, gctrace: 413 } }],
      data: buildReportData([timeline(4, { stream: 'a' })], findings),
      findings,
      diagnostics: [],
      libraries,
    });
    expect(html).toContain('<code>gc.log</code>: 453 lines, 40 schedtrace, 413 gctrace, 0 other, 0 malformed</li>');
    expect(page(['a']).html).toMatch(/: 4 lines, 4 schedtrace, 0 other, 0 malformed<\/li>/);
  });

  it('offers a run selector only when the input holds several runs', () => {
    expect(page(['a']).html).not.toContain('id="run-select"');
    const { html } = page(['a', 'b']);
    expect([...html.matchAll(/<option value="(\d+)">([^<]*)</g)].map((m) => [m[1], m[2]?.split(' ')[0]])).toEqual([
      ['0', 'a'],
      ['1', 'b'],
    ]);
  });

  it('references nothing outside the file', () => {
    const { html } = page(['a']);
    expect(html).not.toMatch(/<(script|link|img|iframe)[^>]+(src|href)=/);
    expect(html).toContain("default-src 'none'");
  });

  it('allows exactly its own inline scripts by hash: no eval, no other script, no form, no base', () => {
    const { html } = page(['a']);
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toMatch(/script-src ('sha256-[A-Za-z0-9+/=]+' ?){4};/);
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("form-action 'none'");
    expect(csp).toContain("base-uri 'none'");
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1] ?? '');
    const hashes = scripts.map((s) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`);
    expect(csp.match(/'sha256-[^']+'/g)).toEqual(hashes);
  });

  it('tells each run its own story: the episodes of one stream never show under another', () => {
    const findings = [
      finding({ stream: 'a', tMs: 100, tEndMs: 100, line: 2 }),
      finding({ stream: 'a', tMs: 200, tEndMs: 200, line: 3 }),
      finding({ stream: 'b', kind: 'thread-growth', severity: 'warning', explanation: 'threads grew', p: undefined }),
    ];
    const { html } = page(['a', 'b'], findings);
    const stories = [
      ...html.matchAll(
        /<div class="story" data-k="(\d)"( hidden)?>([\s\S]*?)<\/div>(?=\n<div class="story"|\n<\/section>|<details class="diag)/g,
      ),
    ];
    expect(stories.map((m) => [m[1], m[2] === undefined])).toEqual([
      ['0', true],
      ['1', false],
    ]);
    const [a, b] = stories.map((m) => m[3] ?? '');
    // two overflows 100 ms apart are one episode of two findings
    expect(a).toMatch(/local-overflow<\/a><\/td><td>P1<\/td><td>2<\/td>/);
    expect(a).toContain('data-t0="100" data-t1="200"');
    expect(a).not.toContain('thread-growth');
    expect(b).toContain('thread-growth');
    expect(b).not.toContain('local-overflow');
  });
});
