/**
 * The finding pages quote what `gosched analyze` says of a bundled log: each one-line quote (`> …`)
 * after a paragraph naming a sample log must still be the words of one of that log's findings (a
 * trailing `…` marks a quote cut short). A change to a rule's words or figures then fails here
 * until the page shows today's text.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { findingsOfLog } from '../helpers/log-findings.js';
import { repoRoot } from '../helpers/samples.js';

interface Quote {
  page: string;
  line: number;
  log: string;
  text: string;
}

const pagesDir = join(repoRoot, 'docs', 'findings');

/** One-line quotes with the sample log named in the six lines before them. */
function quotes(): Quote[] {
  const out: Quote[] = [];
  for (const page of readdirSync(pagesDir).sort()) {
    const lines = readFileSync(join(pagesDir, page), 'utf8').split('\n');
    lines.forEach((l, i) => {
      if (!l.startsWith('> ') || lines[i - 1]?.startsWith('>') || lines[i + 1]?.startsWith('>')) return;
      const named = [
        ...lines
          .slice(Math.max(0, i - 6), i)
          .join(' ')
          .matchAll(/`(samples\/[^`]+\.log(?:\.gz)?)`/g),
      ];
      const log = named.at(-1)?.[1];
      if (log !== undefined) out.push({ page, line: i + 1, log, text: l.slice(2).replace(/ …$/, '') });
    });
  }
  return out;
}

const explanations = new Map<string, string[]>();
function explanationsOf(log: string): string[] {
  let texts = explanations.get(log);
  if (texts === undefined) {
    texts = findingsOfLog(log).map((f) => f.explanation);
    explanations.set(log, texts);
  }
  return texts;
}

describe("the finding pages quote today's words", () => {
  const all = quotes();

  test('the pages quote findings of at least ten bundled logs', () => {
    expect(all.length).toBeGreaterThanOrEqual(10);
  });

  test.each(all.map((q) => [`${q.page}:${q.line} (${q.log})`, q] as const))('%s', (_, q) => {
    expect(explanationsOf(q.log).some((t) => t.includes(q.text))).toBe(true);
  });
});
