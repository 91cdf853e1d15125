import { describe, expect, it } from 'vitest';
import { findingKinds, type Finding } from '../../src/findings/finding.js';
import { evaluateGate, parseKindList } from '../../src/findings/gate.js';
import { escapeData, escapeProperty, renderAnnotations } from '../../src/report/annotations.js';
import { escapeXml, renderJunit } from '../../src/report/junit.js';
import { escapeMarkdown, renderMarkdownSummary } from '../../src/report/markdown-summary.js';

const finding = (kind: Finding['kind'], line: number, explanation: string): Finding =>
  ({
    kind,
    severity: kind === 'invariant-violation' ? 'error' : 'info',
    stream: 'a&b',
    run: 0,
    tMs: 10,
    tEndMs: 10,
    line,
    lastLine: line,
    basis: 'arithmetic',
    confidence: 'certain',
    confidenceReason: 'test',
    episode: { hits: 1, ps: [], moved: 0 },
    impact: 0,
    evidence: {},
    explanation,
  }) as unknown as Finding;

describe('gate', () => {
  const runs = [
    {
      stream: 'a&b',
      run: 0,
      firstLine: 1,
      lastLine: 9,
      findings: [finding('invariant-violation', 3, 'x < y & "z"'), finding('imbalance', 4, 'i')],
    },
  ];
  it('fails on the default kinds only', () => {
    const g = evaluateGate(runs);
    expect(g.failed).toBe(true);
    expect(g.failing).toBe(1);
    expect(evaluateGate(runs, { failOn: [] }).failed).toBe(false);
    expect(evaluateGate(runs, { failOn: parseKindList('imbalance').kinds }).failing).toBe(1);
    expect(parseKindList('imbalance,nope').unknown).toEqual(['nope']);
    // Kinds of earlier releases are read as the one kind that now reports the event.
    expect(parseKindList('overflow-signature,syscall-thread-storm').kinds).toEqual(['local-overflow', 'thread-growth']);
  });
  it('renders JUnit with one case per kind and escaped text', () => {
    const xml = renderJunit(evaluateGate(runs));
    expect(xml.match(/<testcase /g)?.length).toBe(findingKinds.length);
    expect(xml.match(/<failure /g)?.length).toBe(1);
    expect(xml).toContain('x &lt; y &amp; &quot;z&quot;');
    expect(xml).not.toMatch(/a&b/);
    expect(escapeXml('\u0001ok')).toBe('ok');
  });
  it('escapes workflow commands per the Actions toolkit', () => {
    expect(escapeData('50%\r\nnext')).toBe('50%25%0D%0Anext');
    expect(escapeProperty('a:b,c')).toBe('a%3Ab%2Cc');
    const lines = renderAnnotations(evaluateGate(runs), { fileOf: () => 'logs/app,1.log' });
    expect(lines).toEqual([
      expect.stringMatching(
        /^::error file=logs\/app%2C1\.log,line=3,title=gosched invariant-violation::x < y & "z"%0ASee docs\/findings\/invariant-violation\.md$/,
      ),
    ]);
  });
  it('summarises in Markdown', () => {
    const md = renderMarkdownSummary(evaluateGate(runs));
    expect(md).toContain('❌ failed');
    expect(md).toContain('**invariant-violation×1**');
  });
  it('makes log strings inert in the Markdown summary: no link, image, HTML, entity or autolink', () => {
    const hostile =
      '[docs](https://evil.example) <img src=x onerror=alert(1)> ![i](x.png) **b** &amp; www.evil.example |x\nrow';
    const md = renderMarkdownSummary(
      evaluateGate([
        { stream: hostile, run: 0, firstLine: 1, lastLine: 2, findings: [finding('invariant-violation', 1, hostile)] },
      ]),
    );
    const body = md.split('\n').filter((l) => l.includes('evil'));
    expect(body).toHaveLength(2);
    for (const l of body) {
      // Our own link to the docs ends the finding line; nothing else may form a link or markup.
      const fromLog = l.replace(/ \[docs\]\([^)]*\)$/, '');
      expect(fromLog).not.toMatch(/(?<!\\)(<img|\]\(|&amp;|https:\/\/|www\.|\*\*b)/);
      expect(l).toContain('\\<img src\\=x onerror\\=alert\\(1\\)\\>');
      expect(l).toContain('https\\:\\/\\/evil\\.example');
    }
    expect(escapeMarkdown('a|b\r\nc')).toBe('a\\|b c');
  });
});
