import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Finding } from '../../src/findings/finding.js';
import { parseText } from '../../src/parse/index.js';
import { analyzeTrace } from '../../src/pipeline.js';
import { buildTimelines } from '../../src/trace/timeline-builder.js';
import { repoRoot } from './samples.js';

/** A committed log's text, `path` from the repository root; `.gz` logs are unpacked. */
export function readLog(path: string): string {
  const bytes = readFileSync(join(repoRoot, path));
  return (path.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
}

/** A committed log's findings as the library's pipeline gives them (what `analyze` shows). */
export function findingsOfLog(path: string): Finding[] {
  const { snapshots, trailingGc } = parseText(readLog(path));
  return analyzeTrace(buildTimelines(snapshots, trailingGc)).findings;
}
