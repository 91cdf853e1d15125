/**
 * Items numbered 0, 1, 2, … that arrive in any order, handed on in their numbers' order: each as
 * soon as every earlier one has been handed on. Only items that arrive early wait.
 */
export class InOrder<T> {
  private readonly waiting = new Map<number, T>();
  private next = 0;

  constructor(private readonly take: (item: T) => void) {}

  put(at: number, item: T): void {
    if (at !== this.next) {
      this.waiting.set(at, item);
      return;
    }
    this.take(item);
    this.next++;
    for (let w = this.waiting.get(this.next); w !== undefined; w = this.waiting.get(this.next)) {
      this.waiting.delete(this.next);
      this.take(w);
      this.next++;
    }
  }
}
