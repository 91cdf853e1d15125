import { RunTimelineStream } from '../trace/timeline-builder.js';
import type { RunTimeline } from '../trace/timeline.js';
import { scanSources, type ScanResult } from './scan-sources.js';

/**
 * Reads sources and hands on each run's timeline as soon as the run is over, in the order runs first
 * appeared: memory holds the open runs, not the whole trace.
 */
export async function scanRuns(
  sources: string[],
  onRun: (tl: RunTimeline) => void,
  /** Awaited after every batch of lines read (a writer's back-pressure). */
  onBatch?: () => Promise<void>,
): Promise<ScanResult> {
  const runs = new RunTimelineStream(onRun);
  const scan = await scanSources(sources, (s) => runs.add(s), {
    ...(onBatch !== undefined ? { onBatch } : {}),
    onStreamReleased: (stream) => runs.release(stream),
  });
  runs.end();
  return scan;
}
