import type { SandboxRecord } from './types.js';

/** Orders records oldest first: `createdAt` ascending, then `id` ascending. */
const olderThan = (a: SandboxRecord, b: SandboxRecord): boolean =>
  a.createdAt < b.createdAt || (a.createdAt === b.createdAt && a.id < b.id);

/** Per-record bookkeeping beyond its configuration's strings (object, maps, timestamps). */
const RECORD_OVERHEAD = 400;

const sumOf = (record: Record<string, string>): number => {
  let total = 0;
  for (const key of Object.keys(record)) total += key.length + (record[key]?.length ?? 0);
  return total;
};

/**
 * The estimated size of a sandbox: its configuration's characters (image, workdir, env,
 * metadata, egress list) plus a fixed overhead.
 */
export function recordSize(sandbox: SandboxRecord): number {
  let size = RECORD_OVERHEAD + sandbox.image.length + sandbox.workdir.length;
  size += sumOf(sandbox.env) + sumOf(sandbox.metadata);
  for (const host of sandbox.network.egress.allow ?? []) size += host.length;
  return size;
}

/** How long and how many terminated sandboxes are kept (decision 0217). */
export interface RetentionLimits {
  retentionMs: number;
  maxCount: number;
  maxBytes: number;
}

/**
 * Every sandbox, by id and per API key. Each key's list is kept sorted oldest first, so
 * newest-first listing reads it backwards and never touches another key's sandboxes.
 * Terminated sandboxes are kept in termination order and forgotten, earliest first, once
 * their retention has passed or beyond a count and a size; live ones are never forgotten.
 */
export class SandboxStore {
  readonly #byId = new Map<string, SandboxRecord>();
  readonly #byKey = new Map<string, SandboxRecord[]>();
  /** Terminated sandboxes in termination order, with their estimated size. */
  readonly #retired = new Map<string, number>();
  #retiredBytes = 0;
  readonly #limits: RetentionLimits;

  constructor(limits: RetentionLimits) {
    this.#limits = limits;
  }

  /** Every sandbox held, terminated ones included. */
  get size(): number {
    return this.#byId.size;
  }

  /** Sandboxes not terminated. */
  get liveCount(): number {
    return this.#byId.size - this.#retired.size;
  }

  /** Terminated sandboxes still held. */
  get terminatedCount(): number {
    return this.#retired.size;
  }

  /** Estimated size of the terminated sandboxes held. */
  get terminatedBytes(): number {
    return this.#retiredBytes;
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

  /** Adds a sandbox; a terminated one must then be {@link retire}d. */
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
    list.splice(this.#placeOf(list, sandbox), 0, sandbox);
  }

  /** Starts the retention of a sandbox that has just been terminated (once per sandbox). */
  retire(sandbox: SandboxRecord): void {
    if (this.#retired.has(sandbox.id)) return;
    const size = recordSize(sandbox);
    this.#retired.set(sandbox.id, size);
    this.#retiredBytes += size;
  }

  /**
   * Forgets the terminated sandboxes whose retention has passed at `now`, then the earliest
   * terminated beyond the count and the size. Returns how many were forgotten.
   */
  evict(now: number): number {
    const { retentionMs, maxCount, maxBytes } = this.#limits;
    let forgotten = 0;
    for (const [id, size] of this.#retired) {
      const sandbox = this.#byId.get(id)!;
      const expired = (sandbox.terminatedAt ?? now) + retentionMs <= now;
      if (!expired && this.#retired.size <= maxCount && this.#retiredBytes <= maxBytes) break;
      this.#retired.delete(id);
      this.#retiredBytes -= size;
      this.#forget(sandbox);
      forgotten++;
    }
    return forgotten;
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
    this.#retired.clear();
    this.#retiredBytes = 0;
  }

  #forget(sandbox: SandboxRecord): void {
    this.#byId.delete(sandbox.id);
    const list = this.#byKey.get(sandbox.apiKey);
    if (list === undefined) return;
    let index = this.#placeOf(list, sandbox);
    if (list[index] !== sandbox) index = list.indexOf(sandbox);
    if (index !== -1) list.splice(index, 1);
    if (list.length === 0) this.#byKey.delete(sandbox.apiKey);
  }

  /** The first index whose record is not older than `sandbox` (binary search). */
  #placeOf(list: readonly SandboxRecord[], sandbox: SandboxRecord): number {
    let low = 0;
    let high = list.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (olderThan(list[middle]!, sandbox)) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
