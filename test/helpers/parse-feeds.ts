import type { Diagnostic } from '../../src/messages.js';
import { createParser } from '../../src/parse/index.js';
import type { GcCycle } from '../../src/trace/gc-sample.js';
import type { Snapshot } from '../../src/trace/snapshot.js';

/** How a test hands a log to the streaming parser: line by line, as one text block, or as bytes. */
export type Feed = 'lines' | 'block' | 'bytes';

/**
 * The log `text` parsed through createParser, fed as `feed` says: its dumps, gctrace cycles (in
 * cycle order), diagnostics and line counts.
 */
export function parseFed(text: string, feed: Feed) {
  const snapshots: Snapshot[] = [];
  const cycles: GcCycle[] = [];
  const diagnostics: Diagnostic[] = [];
  const p = createParser({
    onSnapshot: (s) => snapshots.push(s),
    onGcCycle: (c) => cycles.push({ ...c }),
    onDiagnostic: (d) => diagnostics.push(d),
  });
  const body = text.endsWith('\n') ? text.slice(0, -1) : text;
  if (feed === 'lines') for (const l of body.split('\n')) p.push(l);
  else if (feed === 'block') p.pushBlock(body, true);
  else p.pushBytes(new TextEncoder().encode(body), true);
  const counts = p.end();
  return { snapshots, cycles: cycles.sort((a, b) => a.cycle - b.cycle), diagnostics, counts };
}
