import type { GCounts } from '../trace/snapshot.js';
import { gStatusName } from '../trace/timeline.js';
import { tallyReason } from '../trace/timeline-builder.js';

/** Statuses counted in an array; a status outside is counted by name (corrupt input only). */
const STATUSES = 64;

/**
 * Counts the G lines of one dump as they are read (SnapshotDetail.gCounts), with no list per dump:
 * statuses in a small array, wait reasons by the id the byte interner gives their text. `take` gives
 * the same records, in the same key order, as counting a list of G records does (timeline-builder.ts).
 */
export class GCounter {
  private readonly statusCounts = new Int32Array(STATUSES);
  private readonly statusOrder: number[] = [];
  /** Every status from the first one outside the array on, in order. */
  private readonly statusRest: number[] = [];
  /** Waiting Gs by reason id. */
  private readonly reasonCounts: number[] = [];
  /** Reason ids in order of first appearance, and `~k` for reasonTexts[k]. */
  private readonly reasonOrder: number[] = [];
  /** Reasons without an id (read as text, or the interner full), one entry per G. */
  private readonly reasonTexts: string[] = [];

  status(st: number): void {
    if (this.statusRest.length === 0 && st >= 0 && st < STATUSES) {
      const c = this.statusCounts[st]!;
      this.statusCounts[st] = c + 1;
      if (c === 0) this.statusOrder.push(st);
    } else this.statusRest.push(st);
  }

  /** One more waiting G whose reason has this id. */
  reasonId(id: number): void {
    const counts = this.reasonCounts;
    while (counts.length <= id) counts.push(0);
    const c = counts[id]!;
    counts[id] = c + 1;
    if (c === 0) this.reasonOrder.push(id);
  }

  /** One more waiting G with this reason. */
  reasonText(text: string): void {
    this.reasonOrder.push(~this.reasonTexts.length);
    this.reasonTexts.push(text);
  }

  /** The counts so far (`text` names a reason id); the counter starts again from zero. */
  take(text: (id: number) => string): GCounts {
    const byStatus: Record<string, number> = {};
    for (const st of this.statusOrder) {
      byStatus[gStatusName(st)] = this.statusCounts[st]!;
      this.statusCounts[st] = 0;
    }
    for (const st of this.statusRest) {
      const name = gStatusName(st);
      byStatus[name] = (byStatus[name] ?? 0) + 1;
    }
    const byReason: Record<string, number> = {};
    for (const k of this.reasonOrder) {
      if (k >= 0) {
        tallyReason(byReason, text(k), this.reasonCounts[k]!);
        this.reasonCounts[k] = 0;
      } else tallyReason(byReason, this.reasonTexts[~k]!);
    }
    this.clear();
    return { byStatus, byReason };
  }

  clear(): void {
    for (const st of this.statusOrder) this.statusCounts[st] = 0;
    for (const k of this.reasonOrder) if (k >= 0) this.reasonCounts[k] = 0;
    this.statusOrder.length = 0;
    this.statusRest.length = 0;
    this.reasonOrder.length = 0;
    this.reasonTexts.length = 0;
  }
}
