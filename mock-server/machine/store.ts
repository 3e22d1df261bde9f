import type { SandboxRecord } from './types.js';

/** Orders records oldest first: `createdAt` ascending, then `id` ascending. */
const olderThan = (a: SandboxRecord, b: SandboxRecord): boolean =>
  a.createdAt < b.createdAt || (a.createdAt === b.createdAt && a.id < b.id);

/**
 * Every sandbox, by id and per API key. Each key's list is kept sorted oldest first, so
 * newest-first listing reads it backwards and never touches another key's sandboxes.
 */
export class SandboxStore {
  readonly #byId = new Map<string, SandboxRecord>();
  readonly #byKey = new Map<string, SandboxRecord[]>();

  get size(): number {
    return this.#byId.size;
  }

  has(id: string): boolean {
    return this.#byId.has(id);
  }

  /** The sandbox with this id, if the given API key owns it. */
  owned(apiKey: string, id: string): SandboxRecord | undefined {
    const sandbox = this.#byId.get(id);
    return sandbox !== undefined && sandbox.apiKey === apiKey ? sandbox : undefined;
  }

  /** Any sandbox by id, regardless of owner (timers only). */
  byId(id: string): SandboxRecord | undefined {
    return this.#byId.get(id);
  }

  add(sandbox: SandboxRecord): void {
    this.#byId.set(sandbox.id, sandbox);
    let list = this.#byKey.get(sandbox.apiKey);
    if (list === undefined) {
      list = [];
      this.#byKey.set(sandbox.apiKey, list);
    }
    // Creates arrive in clock order, so this is almost always an append; on a manual clock
    // many share a `createdAt` and random ids, so the place is found by binary search.
    const last = list[list.length - 1];
    if (last === undefined || olderThan(last, sandbox)) {
      list.push(sandbox);
      return;
    }
    let low = 0;
    let high = list.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (olderThan(list[middle]!, sandbox)) low = middle + 1;
      else high = middle;
    }
    list.splice(low, 0, sandbox);
  }

  /** The API key's sandboxes, oldest first (read backwards for newest first). */
  ofKey(apiKey: string): readonly SandboxRecord[] {
    return this.#byKey.get(apiKey) ?? [];
  }

  all(): IterableIterator<SandboxRecord> {
    return this.#byId.values();
  }

  clear(): void {
    this.#byId.clear();
    this.#byKey.clear();
  }
}
