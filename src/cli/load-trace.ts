import { TimelineBuilder } from '../trace/timeline-builder.js';
import type { RunTimeline } from '../trace/timeline.js';
import { scanSources, type ScanResult } from './scan-sources.js';

export interface LoadedTrace extends ScanResult {
  timelines: RunTimeline[];
}

/** Reads sources into in-memory timelines (for report, replay and diff; analyze streams instead). */
export async function loadTrace(sources: string[]): Promise<LoadedTrace> {
  const builder = new TimelineBuilder();
  const scan = await scanSources(sources, (s) => builder.add(s));
  return { ...scan, timelines: builder.timelines() };
}
