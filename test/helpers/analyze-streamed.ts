import { type TraceAnalysis, TraceAnalyzer } from '../../src/findings/trace-analyzer.js';
import { createParser } from '../../src/parse/index.js';

/**
 * A log's findings as the streaming engine (`analyze`, `watch`) gives them: the byte parser's
 * summary batches and snapshots fed to one TraceAnalyzer, words built for the kept findings only.
 */
export function analyzeStreamed(text: string): TraceAnalysis {
  const streamed = new TraceAnalyzer({ wordsForKeptOnly: true });
  const p = createParser({
    onSnapshot: (s) => streamed.push(s),
    onSummaryBatch: (b) => streamed.pushBatch(b),
    onTrailingGc: (stream, run, gc, line) => streamed.trailingGc(stream, run, gc, line),
    onStreamReleased: (stream) => streamed.release(stream),
  });
  p.pushBytes(new TextEncoder().encode(text), true);
  p.end();
  return streamed.result();
}
