/** One scheduled deadline: the sandbox and when. */
export interface Deadline {
  at: number;
  sandboxId: string;
  /** When it was (re)scheduled: ties on `at` settle first-scheduled first. */
  seq: number;
  /** Its place in the heap's array. */
  index: number;
}

const before = (a: Deadline, b: Deadline): boolean => a.at < b.at || (a.at === b.at && a.seq < b.seq);

/**
 * A binary min-heap of deadlines ordered by time, then scheduling order, holding at most one
 * entry per sandbox: rescheduling moves the sandbox's entry, unscheduling removes it, so no
 * stale entry is ever kept (decision 0215).
 */
export class DeadlineHeap {
  readonly #items: Deadline[] = [];
  readonly #bySandbox = new Map<string, Deadline>();
  #seq = 0;

  get size(): number {
    return this.#items.length;
  }

  /** Sets the sandbox's next deadline, or removes it when `at` is undefined. */
  schedule(sandboxId: string, at: number | undefined): void {
    const existing = this.#bySandbox.get(sandboxId);
    if (at === undefined) {
      if (existing !== undefined) this.#removeAt(existing.index);
      return;
    }
    if (existing === undefined) {
      const entry: Deadline = { at, sandboxId, seq: this.#seq++, index: this.#items.length };
      this.#items.push(entry);
      this.#bySandbox.set(sandboxId, entry);
      this.#up(entry.index);
      return;
    }
    existing.at = at;
    existing.seq = this.#seq++;
    this.#restore(existing.index);
  }

  peek(): Deadline | undefined {
    return this.#items[0];
  }

  pop(): Deadline | undefined {
    const top = this.#items[0];
    if (top !== undefined) this.#removeAt(0);
    return top;
  }

  clear(): void {
    this.#items.length = 0;
    this.#bySandbox.clear();
  }

  #removeAt(index: number): void {
    const items = this.#items;
    const removed = items[index]!;
    this.#bySandbox.delete(removed.sandboxId);
    const last = items.pop()!;
    if (last === removed) return;
    items[index] = last;
    last.index = index;
    this.#restore(index);
  }

  /** Moves the entry at `index` up or down to where it belongs. */
  #restore(index: number): void {
    if (!this.#up(index)) this.#down(index);
  }

  #up(start: number): boolean {
    const items = this.#items;
    let i = start;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(items[i]!, items[parent]!)) break;
      this.#swap(i, parent);
      i = parent;
    }
    return i !== start;
  }

  #down(start: number): void {
    const items = this.#items;
    let i = start;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < items.length && before(items[left]!, items[smallest]!)) smallest = left;
      if (right < items.length && before(items[right]!, items[smallest]!)) smallest = right;
      if (smallest === i) return;
      this.#swap(i, smallest);
      i = smallest;
    }
  }

  #swap(i: number, j: number): void {
    const items = this.#items;
    const a = items[i]!;
    const b = items[j]!;
    items[i] = b;
    items[j] = a;
    a.index = j;
    b.index = i;
  }
}
