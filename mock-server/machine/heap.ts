/** One scheduled deadline: the sandbox, when, and the timer version it was computed for. */
export interface Deadline {
  at: number;
  sandboxId: string;
  version: number;
  /** Insertion order: ties on `at` settle first-scheduled first. */
  seq: number;
}

const before = (a: Deadline, b: Deadline): boolean => a.at < b.at || (a.at === b.at && a.seq < b.seq);

/**
 * A binary min-heap of deadlines ordered by time, then insertion. Entries are never
 * removed in place: a changed sandbox pushes a new entry with a higher version and the
 * stale one is skipped when it surfaces.
 */
export class DeadlineHeap {
  readonly #items: Deadline[] = [];
  #seq = 0;

  get size(): number {
    return this.#items.length;
  }

  push(at: number, sandboxId: string, version: number): void {
    const items = this.#items;
    items.push({ at, sandboxId, version, seq: this.#seq++ });
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(items[i]!, items[parent]!)) break;
      [items[i], items[parent]] = [items[parent]!, items[i]!];
      i = parent;
    }
  }

  peek(): Deadline | undefined {
    return this.#items[0];
  }

  pop(): Deadline | undefined {
    const items = this.#items;
    const top = items[0];
    const last = items.pop();
    if (top === undefined || last === undefined || items.length === 0) return top;
    items[0] = last;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < items.length && before(items[left]!, items[smallest]!)) smallest = left;
      if (right < items.length && before(items[right]!, items[smallest]!)) smallest = right;
      if (smallest === i) break;
      [items[i], items[smallest]] = [items[smallest]!, items[i]!];
      i = smallest;
    }
    return top;
  }

  clear(): void {
    this.#items.length = 0;
  }
}
