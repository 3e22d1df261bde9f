import {
  LIMITS,
  type ListSandboxesParams,
  ListSandboxesParamsSchema,
  type PauseResult,
  type ResumeResult,
  type Sandbox,
  type SandboxPage,
  type TerminateResult,
  toFieldIssues,
  validateCreateParams,
} from '../../src/schemas/index.js';
import { toIso } from './clock.js';
import { applyDefaults } from './defaults.js';
import {
  idempotencyConflict,
  invalidState,
  rateLimited,
  resourceExhausted,
  sandboxNotFound,
} from './errors.js';
import { DeadlineHeap } from './heap.js';
import { checkStoredResponses, fingerprintDigest, IdempotencyStore } from './idempotency.js';
import { type ResolvedMachineLimits, resolveMachineLimits, sandboxLimitReached } from './limits.js';
import { filterSandboxes, paginationOf, validateMetadataFilter } from './list.js';
import { apiKeyOwner, maskApiKey } from './owner.js';
import { toSandbox, toSummary } from './present.js';
import { newSandboxId, SeededRandom } from './random.js';
import { CreateRateLimiter } from './rate-limit.js';
import { type LoadedSnapshot, type MockSnapshot, readSnapshot, SNAPSHOT_VERSION } from './snapshot.js';
import { SandboxStore } from './store.js';
import { fireDeadline, nextDeadline } from './timers.js';
import type {
  Clock,
  DomainError,
  MachineObserver,
  MachineOptions,
  Outcome,
  SandboxRecord,
  StoreSizes,
} from './types.js';

/** How long a `RESOURCE_EXHAUSTED` answer asks the caller to wait (capacity has no schedule). */
export const CAPACITY_RETRY_AFTER_MS = 1000;

const ok = <T>(value: T): Outcome<T> => ({ ok: true, value });
const fail = <T>(error: DomainError): Outcome<T> => ({ ok: false, error });

/**
 * The reference state machine of the Sandboxes API: pure TypeScript, no HTTP, no timers,
 * no wall clock. Every command first settles every timer due at the clock's `now()` in
 * timestamp order, then acts, and returns an {@link Outcome} (never throws).
 *
 * Commands take the caller's API key; the machine keeps only its owner id
 * ({@link apiKeyOwner}), so no key is ever held in its state or written in a snapshot.
 *
 * @example
 * ```ts
 * const clock = new ManualClock('2026-06-15T10:30:00.000Z');
 * const machine = new Machine({ clock });
 * const created = machine.create('sk_test_1', { image: 'node:22' });
 * if (created.ok) {
 *   clock.advance(120_000); // the default idle timeout
 *   machine.get('sk_test_1', created.value.id); // state 'paused', pausedAt 10:32:00.000Z
 * }
 * ```
 */
export class Machine {
  /** The time source every timer is judged against. */
  readonly clock: Clock;
  /** Capacity in vCPUs shared by every API key (`Infinity` when unlimited). */
  readonly capacityCpu: number;
  /** What each store keeps at most (defaults applied). */
  readonly limits: Readonly<ResolvedMachineLimits>;
  readonly #bootMs: number;
  readonly #seed: number;
  #ids: SeededRandom;
  readonly #store: SandboxStore;
  readonly #heap = new DeadlineHeap();
  readonly #idempotency: IdempotencyStore;
  readonly #rateLimiter: CreateRateLimiter;
  #usedCpu = 0;
  #observers: MachineObserver[] = [];

  /** @throws {RangeError} when a limit is not an integer >= 0 nor `Infinity`. */
  constructor(options: MachineOptions) {
    this.clock = options.clock;
    this.#bootMs = options.bootMs ?? 0;
    this.capacityCpu = options.capacityCpu ?? Number.POSITIVE_INFINITY;
    this.#seed = options.seed ?? 1;
    this.#ids = new SeededRandom(this.#seed);
    this.#rateLimiter = new CreateRateLimiter(options.createRateLimit);
    const limits = resolveMachineLimits(options.limits);
    this.limits = Object.freeze(limits);
    this.#store = new SandboxStore({
      retentionMs: limits.terminatedRetentionMs,
      maxCount: limits.terminatedSandboxes,
      maxBytes: limits.terminatedBytes,
    });
    this.#idempotency = new IdempotencyStore({
      maxEntries: limits.idempotencyEntries,
      maxBytes: limits.idempotencyBytes,
    });
  }

  /**
   * How much each store holds now (after settling timers): a view for tests and the soak,
   * so a bound can be checked without reading the heap.
   */
  storeSizes(): StoreSizes {
    const now = this.#settle();
    this.#idempotency.expire(now);
    return {
      liveSandboxes: this.#store.liveCount,
      terminatedSandboxes: this.#store.terminatedCount,
      terminatedBytes: this.#store.terminatedBytes,
      idempotencyEntries: this.#idempotency.size,
      idempotencyBytes: this.#idempotency.bytes,
      deadlines: this.#heap.size,
      rateLogEntries: this.#rateLimiter.entries(now).reduce((total, entry) => total + entry.at.length, 0),
      rateLogKeys: this.#rateLimiter.keyCount,
    };
  }

  /** vCPUs used by `creating` and `running` sandboxes, after settling timers. */
  usage(): { usedCpu: number; capacityCpu: number } {
    this.#settle();
    return { usedCpu: this.#usedCpu, capacityCpu: this.capacityCpu };
  }

  /** Creates a sandbox from a raw create body (validated here, defaults applied). */
  create(apiKey: string, body: unknown): Outcome<Sandbox> {
    const now = this.#settle();
    const valid = validateCreateParams(body);
    if (!valid.success) {
      const { field, reason } = valid.details;
      return fail({
        code: 'INVALID_CONFIG',
        message: `Invalid sandbox configuration: ${field ? `${field}: ` : ''}${reason}`,
        details: valid.details,
      });
    }
    const owner = apiKeyOwner(apiKey);
    const waitMs = this.#rateLimiter.waitMs(owner, now);
    const rule = this.#rateLimiter.rule;
    if (waitMs > 0 && rule !== undefined) return fail(rateLimited(rule.limit, rule.windowMs, waitMs));
    if (this.#store.liveCount >= this.limits.liveSandboxes) {
      return fail(sandboxLimitReached(this.limits.liveSandboxes, CAPACITY_RETRY_AFTER_MS));
    }
    const config = applyDefaults(valid.data);
    const refused = this.#capacityRefusal(config.resources.cpu);
    if (refused) return fail(refused);

    let id = newSandboxId(this.#ids);
    while (this.#store.has(id)) id = newSandboxId(this.#ids);
    const booting = this.#bootMs > 0;
    const sandbox: SandboxRecord = {
      ...config,
      id,
      apiKey: owner,
      keyLabel: maskApiKey(apiKey),
      state: booting ? 'creating' : 'running',
      createdAt: now,
      bootEndsAt: now + this.#bootMs,
    };
    if (!booting) {
      sandbox.startedAt = now;
      sandbox.lastActivityAt = now;
    }
    this.#store.add(sandbox);
    this.#usedCpu += sandbox.resources.cpu;
    this.#rateLimiter.record(owner, now);
    this.#schedule(sandbox);
    return ok(toSandbox(sandbox));
  }

  /** The sandbox as it is now. */
  get(apiKey: string, id: string): Outcome<Sandbox> {
    this.#settle();
    const sandbox = this.#store.owned(apiKeyOwner(apiKey), id);
    return sandbox ? ok(toSandbox(sandbox)) : fail(sandboxNotFound(id));
  }

  /** One page of the key's sandboxes, newest first, filters ANDed. */
  list(apiKey: string, params: ListSandboxesParams = {}): Outcome<SandboxPage> {
    this.#settle();
    const parsed = ListSandboxesParamsSchema.safeParse(params);
    const issues = parsed.success
      ? validateMetadataFilter(params.metadata)
      : toFieldIssues(parsed.error.issues);
    if (!parsed.success || issues.length > 0) {
      const first = issues[0];
      return fail({
        code: 'INVALID_REQUEST',
        message: `Invalid list query: ${first ? `${first.path}: ${first.message}` : 'bad parameters'}`,
        details: { issues },
      });
    }
    const limit = parsed.data.limit ?? LIMITS.list.limit.default;
    const offset = parsed.data.offset ?? LIMITS.list.offset.default;
    const { page, total } = filterSandboxes(this.#store.ofKey(apiKeyOwner(apiKey)), params, limit, offset);
    return ok({
      data: page.map(toSummary),
      pagination: paginationOf(total, limit, offset, page.length),
    });
  }

  /** running → paused. */
  pause(apiKey: string, id: string): Outcome<PauseResult> {
    const now = this.#settle();
    const sandbox = this.#store.owned(apiKeyOwner(apiKey), id);
    if (!sandbox) return fail(sandboxNotFound(id));
    if (sandbox.state !== 'running') return fail(invalidState(id, sandbox.state, 'pause'));
    sandbox.state = 'paused';
    sandbox.pausedAt = now;
    this.#usedCpu -= sandbox.resources.cpu;
    this.#schedule(sandbox);
    return ok({ id, state: 'paused', pausedAt: toIso(now), runtimeDurationMs: now - sandbox.createdAt });
  }

  /** paused → running, if there is capacity. */
  resume(apiKey: string, id: string): Outcome<ResumeResult> {
    const now = this.#settle();
    const sandbox = this.#store.owned(apiKeyOwner(apiKey), id);
    if (!sandbox) return fail(sandboxNotFound(id));
    if (sandbox.state !== 'paused') return fail(invalidState(id, sandbox.state, 'resume'));
    const pausedAt = sandbox.pausedAt ?? now;
    const refused = this.#wake(sandbox, now);
    if (refused) return fail(refused);
    return ok({ id, state: 'running', resumedAt: toIso(now), pausedDurationMs: now - pausedAt });
  }

  /** any → terminated; repeating it answers the original figures. */
  terminate(apiKey: string, id: string): Outcome<TerminateResult> {
    const now = this.#settle();
    const sandbox = this.#store.owned(apiKeyOwner(apiKey), id);
    if (!sandbox) return fail(sandboxNotFound(id));
    if (sandbox.state !== 'terminated') {
      if (sandbox.state === 'creating' || sandbox.state === 'running') this.#usedCpu -= sandbox.resources.cpu;
      sandbox.state = 'terminated';
      sandbox.terminatedAt = now;
      this.#schedule(sandbox);
      this.#store.evict(now);
    }
    const terminatedAt = sandbox.terminatedAt ?? now;
    return ok({
      id,
      state: 'terminated',
      terminatedAt: toIso(terminatedAt),
      totalRuntimeMs: terminatedAt - sandbox.createdAt,
    });
  }

  /**
   * An execution request (simulated): resets the idle timer of a running sandbox and
   * auto-resumes a paused one (subject to capacity). A creating or terminated sandbox
   * cannot execute: 409 `INVALID_STATE`.
   */
  activity(apiKey: string, id: string): Outcome<Sandbox> {
    const now = this.#settle();
    const sandbox = this.#store.owned(apiKeyOwner(apiKey), id);
    if (!sandbox) return fail(sandboxNotFound(id));
    if (sandbox.state === 'paused') {
      const refused = this.#wake(sandbox, now);
      if (refused) return fail(refused);
    } else if (sandbox.state === 'running') {
      sandbox.lastActivityAt = now;
      this.#schedule(sandbox);
    } else {
      return fail(invalidState(id, sandbox.state, 'execute in'));
    }
    return ok(toSandbox(sandbox));
  }

  /**
   * Runs `command` at most once per (API key, Idempotency-Key) within 24 h of clock time.
   * The same `fingerprint` (method, route, canonical body) replays the first successful
   * value without acting; a different one answers `IDEMPOTENCY_CONFLICT`. Refusals are not
   * stored, so a retried 429/503 can succeed later. Only a SHA-256 digest of the fingerprint
   * and the value's JSON text are kept, within `limits.idempotencyEntries`/`…Bytes`.
   */
  idempotent<T>(
    apiKey: string,
    key: string,
    fingerprint: string,
    command: () => Outcome<T>,
  ): Outcome<T> & { replayed: boolean } {
    const now = this.clock.now();
    const owner = apiKeyOwner(apiKey);
    const digest = fingerprintDigest(fingerprint); // hashed once, for the lookup and the store
    const found = this.#idempotency.lookup(owner, key, digest, now);
    if (found.kind === 'replay') return { ok: true, value: found.response as T, replayed: true };
    if (found.kind === 'conflict') return { ok: false, error: idempotencyConflict(key), replayed: false };
    const outcome = command();
    if (outcome.ok) {
      this.#idempotency.store({
        apiKey: owner,
        key,
        fingerprint: digest,
        response: outcome.value,
        storedAt: now,
      });
    }
    return { ...outcome, replayed: false };
  }

  /** The whole state as a JSON-serialisable snapshot (timers settled first). */
  exportState(): MockSnapshot {
    const now = this.#settle();
    const sandboxes = [...this.#store.all()].map((record) => {
      const entry: MockSnapshot['sandboxes'][number] = {
        ...toSandbox(record),
        owner: record.apiKey,
        bootEndsAt: toIso(record.bootEndsAt),
      };
      if (record.keyLabel !== undefined) entry.keyLabel = record.keyLabel;
      if (record.lastActivityAt !== undefined) entry.lastActivityAt = toIso(record.lastActivityAt);
      return entry;
    });
    return {
      version: SNAPSHOT_VERSION,
      now: toIso(now),
      sandboxes,
      idempotency: this.#idempotency.entries(now).map(({ apiKey, storedAt, ...entry }) => ({
        owner: apiKey,
        ...entry,
        storedAt: toIso(storedAt),
      })),
      createLog: this.#rateLimiter
        .entries(now)
        .map(({ apiKey, at }) => ({ owner: apiKey, at: at.map(toIso) })),
    };
  }

  /**
   * Replaces the whole state with a snapshot (validated first; nothing changes if it is
   * invalid), then settles timers against the clock. Returns the snapshot's `now`.
   * @throws {InvalidSnapshotError} when the snapshot breaks the contract.
   */
  importState(snapshot: unknown): number | undefined {
    const loaded = readSnapshot(snapshot);
    checkStoredResponses(loaded.idempotency);
    this.#load(loaded);
    return loaded.now;
  }

  /**
   * Every sandbox record as it is now (timers settled first), read-only: for views that
   * must not copy them all (the inspector), never to change them.
   * @internal
   */
  records(): IterableIterator<Readonly<SandboxRecord>> {
    this.#settle();
    return this.#store.all();
  }

  /**
   * Tells `observer` of every change to a sandbox (created, a state or activity change, a
   * timer fired), synchronously and in order, and when the whole state is replaced (reset,
   * import). Returns the function that stops it.
   *
   * @example
   * ```ts
   * const stop = machine.observe({ changed: (record) => console.log(record.id, record.state), replaced() {} });
   * stop();
   * ```
   * @internal
   */
  observe(observer: MachineObserver): () => void {
    this.#observers = [...this.#observers, observer];
    return () => {
      this.#observers = this.#observers.filter((o) => o !== observer);
    };
  }

  /**
   * Forgets every sandbox, stored response and rate-limit entry. The id sequence restarts
   * from the seed (the same ids again), unless `continueIds`: then it goes on, and no id
   * already handed out comes back.
   */
  reset(options: { continueIds?: boolean } = {}): void {
    this.#load({ now: undefined, sandboxes: [], idempotency: [], createLog: [] });
    if (!options.continueIds) this.#ids = new SeededRandom(this.#seed);
  }

  #load(loaded: LoadedSnapshot): void {
    for (const observer of this.#observers) observer.replaced();
    this.#store.clear();
    this.#heap.clear();
    this.#usedCpu = 0;
    const terminated: SandboxRecord[] = [];
    for (const record of loaded.sandboxes) {
      this.#store.add(record);
      if (record.state === 'creating' || record.state === 'running') this.#usedCpu += record.resources.cpu;
      if (record.state === 'terminated') terminated.push(record);
      else this.#schedule(record);
    }
    // Retention runs in termination order, as if they had ended in this process.
    terminated.sort((a, b) => (a.terminatedAt ?? 0) - (b.terminatedAt ?? 0));
    for (const record of terminated) this.#store.retire(record);
    this.#idempotency.load(loaded.idempotency);
    this.#rateLimiter.load(loaded.createLog);
  }

  /**
   * Settles every deadline up to now, in timestamp order, then forgets the terminated
   * sandboxes past their retention; returns now.
   */
  #settle(): number {
    const now = this.clock.now();
    for (let top = this.#heap.peek(); top !== undefined && top.at <= now; top = this.#heap.peek()) {
      this.#heap.pop();
      const sandbox = this.#store.byId(top.sandboxId);
      if (sandbox === undefined) continue;
      if (fireDeadline(sandbox, top.at).releasedCpu) this.#usedCpu -= sandbox.resources.cpu;
      this.#schedule(sandbox);
    }
    this.#store.evict(now);
    return now;
  }

  /** Moves the sandbox's deadline to its next one; a terminated sandbox starts its retention. */
  #schedule(sandbox: SandboxRecord): void {
    this.#heap.schedule(sandbox.id, nextDeadline(sandbox));
    if (sandbox.state === 'terminated') this.#store.retire(sandbox);
    // Every change of a sandbox passes here (create, commands, timers, load).
    for (const observer of this.#observers) observer.changed(sandbox);
  }

  #capacityRefusal(cpu: number): DomainError | undefined {
    const available = this.capacityCpu - this.#usedCpu;
    if (cpu <= available) return undefined;
    return resourceExhausted(cpu, Math.max(0, available), this.capacityCpu, CAPACITY_RETRY_AFTER_MS);
  }

  /** paused → running (resume or auto-resume): counts as activity. */
  #wake(sandbox: SandboxRecord, now: number): DomainError | undefined {
    const refused = this.#capacityRefusal(sandbox.resources.cpu);
    if (refused) return refused;
    sandbox.state = 'running';
    sandbox.resumedAt = now;
    sandbox.lastActivityAt = now;
    this.#usedCpu += sandbox.resources.cpu;
    this.#schedule(sandbox);
    return undefined;
  }
}
