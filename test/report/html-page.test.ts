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
    for (const c of charts) expect(html).toContain(`<section class="chart" id="${c.id}">`);
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
});
