/**
 * The wall clock of a GC episode's cycles and the stop-the-world share of it, read by gc-pressure's
 * hits and merges and by its words, so the figures in the words are the evidence's own.
 */
import { round1 } from '../check.js';

/**
 * The stop-the-world clocks' share of the wall clock, percent: over the window from the first
 * cycle's start (or the dump before it) to the last dump, quiet dumps inside it included; the
 * summed spans when the window is unknown (no dump times). Pauses lie inside their cycles, and
 * cycles inside the window, so it stays at or below 100 but for the rounding of the printed clocks.
 */
export function stwShareOf(stwMs: number, window: { fromMs: number; toMs: number }, spanMs: number): number {
  const ms = windowMs(window, spanMs);
  return ms > 0 ? Math.min(100, round1((100 * stwMs) / ms)) : 0;
}

/** A window's length, or `spanMs` when it is unknown. */
export function windowMs(window: { fromMs: number; toMs: number }, spanMs: number): number {
  return window.toMs > window.fromMs ? window.toMs - window.fromMs : spanMs;
}

/** work.stwprocs from the pauses' cpu fields over their wall clock; GOMAXPROCS when there was no pause. */
export function stwProcsOf(stwCpuMs: number, stwMs: number, gomaxprocs: number): number {
  return stwMs > 0 ? Math.round(stwCpuMs / stwMs) : gomaxprocs;
}
