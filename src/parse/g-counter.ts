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
  /** Statuses in order of first appearance: the first nStatuses entries. */
  private readonly statusOrder = new Int32Array(STATUSES);
  private nStatuses = 0;
  /** Every status from the first one outside the array on, in order. */
  private readonly statusRest: number[] = [];
  /** Waiting Gs by reason id. */
  private readonly reasonCounts: number[] = [];
  /**
   * Reason ids in order of first appearance, and `~k` for reasonTexts[k]: the first nReasons
   * entries. The array is overwritten, never emptied, so a dump does not grow it again.
   */
  private readonly reasonOrder: number[] = [];
  private nReasons = 0;
  /** Reasons without an id (read as text, or the interner full), one entry per G. */
  private readonly reasonTexts: string[] = [];

  status(st: number): void {
    if (this.statusRest.length === 0 && st >= 0 && st < STATUSES) {
      const c = this.statusCounts[st]!;
      this.statusCounts[st] = c + 1;
      if (c === 0) this.statusOrder[this.nStatuses++] = st;
    } else this.statusRest.push(st);
  }

  /** One more waiting G whose reason has this id. */
  reasonId(id: number): void {
    const counts = this.reasonCounts;
    while (counts.length <= id) counts.push(0);
    const c = counts[id]!;
    counts[id] = c + 1;
    if (c === 0) this.order(id);
  }

  /** One more waiting G with this reason. */
  reasonText(text: string): void {
    this.order(~this.reasonTexts.length);
    this.reasonTexts.push(text);
  }

  private order(k: number): void {
    // One store for both cases (at the end it appends): a dump with more reasons than any before
    // comes late in a log, and a push the optimizing compiler never saw run would deoptimize.
    this.reasonOrder[this.nReasons++] = k;
  }

  /** The counts so far (`text` names a reason id); the counter starts again from zero. */
  take(text: (id: number) => string): GCounts {
    const byStatus: Record<string, number> = {};
    for (let i = 0; i < this.nStatuses; i++) {
      const st = this.statusOrder[i]!;
      byStatus[gStatusName(st)] = this.statusCounts[st]!;
      this.statusCounts[st] = 0;
    }
    for (const st of this.statusRest) {
      const name = gStatusName(st);
      byStatus[name] = (byStatus[name] ?? 0) + 1;
    }
    const byReason: Record<string, number> = {};
    for (let i = 0; i < this.nReasons; i++) {
      const k = this.reasonOrder[i]!;
      if (k >= 0) {
        tallyReason(byReason, text(k), this.reasonCounts[k]!);
        this.reasonCounts[k] = 0;
      } else tallyReason(byReason, this.reasonTexts[~k]!);
    }
    this.clear();
    return { byStatus, byReason };
  }

  clear(): void {
    for (let i = 0; i < this.nStatuses; i++) this.statusCounts[this.statusOrder[i]!] = 0;
    for (let i = 0; i < this.nReasons; i++) {
      const k = this.reasonOrder[i]!;
      if (k >= 0) this.reasonCounts[k] = 0;
    }
    this.nStatuses = 0;
    this.nReasons = 0;
    if (this.statusRest.length > 0) this.statusRest.length = 0;
    if (this.reasonTexts.length > 0) this.reasonTexts.length = 0;
  }
}
