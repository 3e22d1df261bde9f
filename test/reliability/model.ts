/**
 * A small, independent model of the contract's state machine, for the model-based test.
 * It shares no code with the mock: timers, capacity, tenancy and ordering are restated
 * here from the spec, so a bug in the mock's machine cannot hide in both.
 */

export type ModelState = 'running' | 'paused' | 'terminated';

export interface ModelSandbox {
  id: string;
  key: string;
  image: string;
  cpu: number;
  metadata: Record<string, string>;
  state: ModelState;
  createdAt: number;
  timeoutMs: number;
  idleTimeoutMs: number;
  lastActivityAt: number;
  startedAt: number;
  pausedAt?: number;
  resumedAt?: number;
  terminatedAt?: number;
}

/** What the model expects a command to answer: a value, or an error code (and current state). */
export type Expected<T> = { ok: true; value: T } | { ok: false; code: string; currentState?: ModelState };

const refuse = <T>(code: string, currentState?: ModelState): Expected<T> =>
  currentState === undefined ? { ok: false, code } : { ok: false, code, currentState };

export const iso = (ms: number): string => new Date(ms).toISOString();

/** The model: a clock, a capacity in vCPUs, and every sandbox in creation order. */
export class SandboxModel {
  now: number;
  readonly capacityCpu: number;
  readonly sandboxes: ModelSandbox[] = [];

  constructor(now: number, capacityCpu: number) {
    this.now = now;
    this.capacityCpu = capacityCpu;
  }

  advance(ms: number): void {
    this.now += ms;
    for (const sandbox of this.sandboxes) settle(sandbox, this.now);
  }

  usedCpu(): number {
    return this.sandboxes.reduce((sum, s) => sum + (s.state === 'running' ? s.cpu : 0), 0);
  }

  owned(key: string, id: string): ModelSandbox | undefined {
    return this.sandboxes.find((s) => s.id === id && s.key === key);
  }

  /** Whether a create of `cpu` vCPUs fits; the caller adds the sandbox with the id the server chose. */
  canCreate(cpu: number): boolean {
    return this.usedCpu() + cpu <= this.capacityCpu;
  }

  add(sandbox: Omit<ModelSandbox, 'state' | 'createdAt' | 'lastActivityAt' | 'startedAt'>): ModelSandbox {
    const full: ModelSandbox = {
      ...sandbox,
      state: 'running',
      createdAt: this.now,
      lastActivityAt: this.now,
      startedAt: this.now,
    };
    this.sandboxes.push(full);
    return full;
  }

  pause(key: string, id: string): Expected<{ pausedAt: number; runtimeDurationMs: number }> {
    const s = this.owned(key, id);
    if (s === undefined) return refuse('SANDBOX_NOT_FOUND');
    if (s.state !== 'running') return refuse('INVALID_STATE', s.state);
    s.state = 'paused';
    s.pausedAt = this.now;
    return { ok: true, value: { pausedAt: this.now, runtimeDurationMs: this.now - s.createdAt } };
  }

  resume(key: string, id: string): Expected<{ resumedAt: number; pausedDurationMs: number }> {
    const s = this.owned(key, id);
    if (s === undefined) return refuse('SANDBOX_NOT_FOUND');
    if (s.state !== 'paused') return refuse('INVALID_STATE', s.state);
    if (!this.canCreate(s.cpu)) return refuse('RESOURCE_EXHAUSTED');
    const pausedDurationMs = this.now - (s.pausedAt ?? this.now);
    this.#wake(s);
    return { ok: true, value: { resumedAt: this.now, pausedDurationMs } };
  }

  terminate(key: string, id: string): Expected<{ terminatedAt: number; totalRuntimeMs: number }> {
    const s = this.owned(key, id);
    if (s === undefined) return refuse('SANDBOX_NOT_FOUND');
    if (s.state !== 'terminated') {
      s.state = 'terminated';
      s.terminatedAt = this.now;
    }
    const terminatedAt = s.terminatedAt ?? this.now;
    return { ok: true, value: { terminatedAt, totalRuntimeMs: terminatedAt - s.createdAt } };
  }

  /** An execution request: resets the idle timer, or auto-resumes a paused sandbox. */
  activity(key: string, id: string): Expected<ModelSandbox> {
    const s = this.owned(key, id);
    if (s === undefined) return refuse('SANDBOX_NOT_FOUND');
    if (s.state === 'terminated') return refuse('INVALID_STATE', s.state);
    if (s.state === 'paused') {
      if (!this.canCreate(s.cpu)) return refuse('RESOURCE_EXHAUSTED');
      this.#wake(s);
    } else {
      s.lastActivityAt = this.now;
    }
    return { ok: true, value: s };
  }

  /** One page of `key`'s sandboxes: filters ANDed, newest first (createdAt, then id, descending). */
  list(
    key: string,
    filter: { state?: ModelState; image?: string; team?: string; limit: number; offset: number },
  ): { ids: string[]; total: number; hasMore: boolean } {
    const matches = this.sandboxes
      .filter(
        (s) =>
          s.key === key &&
          (filter.state === undefined || s.state === filter.state) &&
          (filter.image === undefined || s.image === filter.image) &&
          (filter.team === undefined || s.metadata.team === filter.team),
      )
      .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
    const page = matches.slice(filter.offset, filter.offset + filter.limit);
    return {
      ids: page.map((s) => s.id),
      total: matches.length,
      hasMore: filter.offset + page.length < matches.length,
    };
  }

  #wake(s: ModelSandbox): void {
    s.state = 'running';
    s.resumedAt = this.now;
    s.lastActivityAt = this.now;
  }
}

/** Applies every timer of one sandbox due by `now`: the lifetime wins a tie with the idle timer. */
function settle(s: ModelSandbox, now: number): void {
  for (;;) {
    if (s.state === 'terminated') return;
    const end = s.createdAt + s.timeoutMs;
    const idle =
      s.state === 'running' && s.idleTimeoutMs > 0
        ? s.lastActivityAt + s.idleTimeoutMs
        : Number.POSITIVE_INFINITY;
    if (Math.min(end, idle) > now) return;
    if (end <= idle) {
      s.state = 'terminated';
      s.terminatedAt = end;
      return;
    }
    s.state = 'paused';
    s.pausedAt = idle;
  }
}

/** The public timestamps the model expects for a sandbox, as ISO strings. */
export function expectedView(s: ModelSandbox): Record<string, string> {
  const view: Record<string, string> = {
    id: s.id,
    state: s.state,
    createdAt: iso(s.createdAt),
    startedAt: iso(s.startedAt),
  };
  if (s.pausedAt !== undefined) view.pausedAt = iso(s.pausedAt);
  if (s.resumedAt !== undefined) view.resumedAt = iso(s.resumedAt);
  if (s.terminatedAt !== undefined) view.terminatedAt = iso(s.terminatedAt);
  return view;
}
