/**
 * Model-vs-observed input for the report, produced by replay: for each dump of a run, what the
 * trace showed and what the scheduler model predicted. Optional; the report draws it when present.
 */
export interface ModelOverlayPoint {
  tMs: number;
  /** 1-based input line of the SCHED line this point aligns with. */
  line: number;
  observedRunqueue: number;
  predictedRunqueue: number;
  /** Local run-queue length per P, observed and predicted (same length). */
  observedLocal: number[];
  predictedLocal: number[];
}

export interface ModelOverlayRun {
  stream: string;
  run: number;
  points: ModelOverlayPoint[];
}

export type ModelOverlay = ModelOverlayRun[];
