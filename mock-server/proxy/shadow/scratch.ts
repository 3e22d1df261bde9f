import { LIMITS } from '../../../src/schemas/index.js';
import { createMockApi, type MockApi, type MockApiOptions } from '../../api.js';
import { toIso } from '../../machine/clock.js';
import type { MockSnapshot, SnapshotSandbox } from '../../machine/snapshot.js';

/**
 * The circumstances the reference is asked under. The upstream's boot time, capacity and
 * rate limit are its own; each is a configuration of the reference mock:
 * - `plain`: no boot time, unlimited capacity and rate (as the contract suite's mock);
 * - `booting`: a create answers `creating` (its boot end is learnt later);
 * - `noCapacity`: no vCPU free (`RESOURCE_EXHAUSTED`);
 * - `rateLimited`: the key has just used up its creation budget (`RATE_LIMITED`).
 */
export type World = 'plain' | 'booting' | 'noCapacity' | 'rateLimited';

const WORLD_OPTIONS: Record<World, MockApiOptions> = {
  plain: {},
  // The longest lifetime: the boot never ends before the sandbox's lifetime does.
  booting: { bootMs: LIMITS.timeoutMs.max },
  noCapacity: { capacityCpu: 0 },
  // One create per millisecond, and one is logged at the instant asked about.
  rateLimited: { createRateLimit: { limit: 1, windowMs: 1 } },
};

/** Something that happened to one sandbox between its last observation and the answer. */
export type Step =
  /** An execution request (unseen by the proxy): resets the idle timer, or auto-resumes. */
  | { kind: 'activity'; at: number; sandboxId: string }
  /** A fact the upstream revealed about the sandbox, written into its entry at `at`. */
  | {
      kind: 'edit';
      at: number;
      sandboxId: string;
      edit: (entry: SnapshotSandbox) => SnapshotSandbox;
      /** What the fact is: the end of a boot, or activity that kept the sandbox running. */
      because: 'boot-time' | 'unseen-activity';
    };

/** One question to the reference: a state, what happened since, the request and its instant. */
export interface Plan {
  world: World;
  /** The tenant the request authenticates as (owner of the tenant's entries). */
  tenant: string | undefined;
  sandboxes: SnapshotSandbox[];
  idempotency?: NonNullable<MockSnapshot['idempotency']>;
  /** The instant the state is loaded at. */
  start: number;
  /** In time order, each at or after `start` and at or before `at`. */
  steps: readonly Step[];
  /** The instant the request is answered at. */
  at: number;
  /** Builds the request (a fresh one per run: bodies are read once). */
  request: () => Request;
}

/** What the reference answered, and its state right after. */
export interface Answer {
  status: number;
  headers: Headers;
  /** The parsed JSON body (`undefined` for none). */
  body: unknown;
  /** The reference replayed a stored first response (`Idempotent-Replayed: true`). */
  replayed: boolean;
  after: MockSnapshot;
}

/**
 * The reference: the mock itself (`createMockApi`: its routes, checks and machine) on a
 * manual clock, one per {@link World}, asked one question at a time. A question loads a
 * state with `importState`, plays the steps with the machine's own commands (`activity`)
 * and moves the clock, then sends the request through the mock's fetch handler.
 *
 * @example
 * ```ts
 * const answer = await new Reference().ask({
 *   world: 'plain', tenant: 't_5d1f…', sandboxes: [entry], start: seenAt, steps: [], at: seenAt,
 *   request: () => new Request(`http://reference.invalid/v1/sandboxes/${entry.id}/pause`, { method: 'POST', headers }),
 * });
 * answer?.status; // 200, or 409 if the entry was not running
 * ```
 */
export class Reference {
  readonly #apis = new Map<World, MockApi>();

  #api(world: World): MockApi {
    let api = this.#apis.get(world);
    if (api === undefined) {
      api = createMockApi({ clock: 'manual', seed: 1, ...WORLD_OPTIONS[world] });
      this.#apis.set(world, api);
    }
    return api;
  }

  /** Runs a plan; `undefined` when its steps cannot happen (an activity the machine refuses). */
  async ask(plan: Plan): Promise<Answer | undefined> {
    const api = this.#api(plan.world);
    const createLog =
      plan.world === 'rateLimited' && plan.tenant !== undefined
        ? [{ apiKey: plan.tenant, at: [toIso(plan.at)] }]
        : [];
    api.importState({
      version: 1,
      now: toIso(plan.start),
      sandboxes: plan.sandboxes,
      idempotency: plan.idempotency ?? [],
      createLog,
    });
    for (const step of plan.steps) {
      moveTo(api, step.at);
      if (step.kind === 'activity') {
        if (plan.tenant === undefined || !api.activity(plan.tenant, step.sandboxId).ok) return undefined;
      } else {
        const snapshot = api.exportState();
        snapshot.sandboxes = snapshot.sandboxes.map((entry) =>
          entry.id === step.sandboxId ? step.edit(entry) : entry,
        );
        api.importState(snapshot);
      }
    }
    moveTo(api, plan.at);
    const response = await api.fetch(plan.request());
    const text = await response.text();
    api.journal.clear();
    return {
      status: response.status,
      headers: response.headers,
      body: text === '' ? undefined : (JSON.parse(text) as unknown),
      replayed: response.headers.get('idempotent-replayed') === 'true',
      after: api.exportState(),
    };
  }
}

function moveTo(api: MockApi, instant: number): void {
  const now = api.clock.now();
  if (instant > now) api.clock.advance(instant - now);
}
