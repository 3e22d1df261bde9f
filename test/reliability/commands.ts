import fc from 'fast-check';
import { expect } from 'vitest';
import { APIError, type Runra } from '../../src/index.js';
import { LIMITS } from '../../src/schemas/index.js';
import { type Expected, expectedView, iso, type ModelState, type SandboxModel } from './model.js';

/** The system under test: one SDK client per API key, against the HTTP mock. */
export interface Real {
  readonly keys: readonly string[];
  readonly clients: readonly Runra[];
  /** The mock's origin (for the activity control route). */
  readonly origin: string;
  advance(ms: number): void;
  /** Commands run, for the report's figures. */
  stats: { commands: number };
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: APIError };

async function settled<T>(call: PromiseLike<T>): Promise<Settled<T>> {
  try {
    return { ok: true, value: await call };
  } catch (error) {
    if (!(error instanceof APIError)) throw error;
    return { ok: false, error };
  }
}

/** Checks an answer against the model's expectation; returns the value when both agree it succeeded. */
function agree<T, V>(actual: Settled<T>, expected: Expected<V>, label: string): T | undefined {
  if (!expected.ok) {
    expect(actual.ok, `${label}: expected ${expected.code}`).toBe(false);
    if (actual.ok) return undefined;
    expect(actual.error.code, label).toBe(expected.code);
    expect(actual.error.requestId, label).toMatch(/^req_[a-z0-9]{8}$/);
    if (expected.currentState !== undefined) {
      expect(actual.error.details, label).toMatchObject({ currentState: expected.currentState });
    }
    return undefined;
  }
  if (!actual.ok)
    throw new Error(`${label}: expected success, got ${actual.error.code} ${actual.error.message}`);
  return actual.value;
}

/** A sandbox id to act on: one the model knows (any key's, to cross tenancy), or a missing one. */
const target = (model: SandboxModel, pick: number): string =>
  model.sandboxes.length === 0 || pick === 0
    ? 'sb_00000000000000000'
    : model.sandboxes[pick % model.sandboxes.length]!.id;

type Cmd = fc.AsyncCommand<SandboxModel, Real>;

class Create implements Cmd {
  constructor(
    readonly key: number,
    readonly cpu: number,
    readonly idleTimeoutMs: number,
    readonly timeoutMs: number,
    readonly image: string,
    readonly team: string | undefined,
  ) {}
  check = () => true;
  async run(model: SandboxModel, real: Real) {
    real.stats.commands++;
    const metadata: Record<string, string> = this.team === undefined ? {} : { team: this.team };
    const actual = await settled(
      real.clients[this.key]!.sandboxes.create({
        image: this.image,
        resources: { cpu: this.cpu as 2 },
        idleTimeoutMs: this.idleTimeoutMs,
        timeoutMs: this.timeoutMs,
        metadata,
      }),
    );
    const expected: Expected<null> = model.canCreate(this.cpu)
      ? { ok: true, value: null }
      : { ok: false, code: 'RESOURCE_EXHAUSTED' };
    const sandbox = agree(actual, expected, String(this));
    if (sandbox === undefined) return;
    expect(
      model.sandboxes.some((s) => s.id === sandbox.id),
      'a new id',
    ).toBe(false);
    const added = model.add({
      id: sandbox.id,
      key: real.keys[this.key]!,
      image: this.image,
      cpu: this.cpu,
      metadata,
      timeoutMs: this.timeoutMs,
      idleTimeoutMs: this.idleTimeoutMs,
    });
    expect(sandbox).toMatchObject(expectedView(added));
  }
  toString = () =>
    `create(key${this.key}, cpu ${this.cpu}, idle ${this.idleTimeoutMs}, life ${this.timeoutMs}, ${this.image}, team ${this.team})`;
}

class Get implements Cmd {
  constructor(
    readonly key: number,
    readonly pick: number,
  ) {}
  check = () => true;
  async run(model: SandboxModel, real: Real) {
    real.stats.commands++;
    const id = target(model, this.pick);
    const owned = model.owned(real.keys[this.key]!, id);
    const actual = await settled(real.clients[this.key]!.sandboxes.get(id));
    const sandbox = agree(
      actual,
      owned ? { ok: true, value: owned } : { ok: false, code: 'SANDBOX_NOT_FOUND' },
      `get ${id}`,
    );
    if (sandbox && owned) expect(sandbox).toMatchObject(expectedView(owned));
  }
  toString = () => `get(key${this.key}, #${this.pick})`;
}

class List implements Cmd {
  constructor(
    readonly key: number,
    readonly filter: { state?: ModelState; image?: string; team?: string; limit: number; offset: number },
  ) {}
  check = () => true;
  async run(model: SandboxModel, real: Real) {
    real.stats.commands++;
    const { team, ...rest } = this.filter;
    const page = await real.clients[this.key]!.sandboxes.list(
      team === undefined ? rest : { ...rest, metadata: { team } },
    );
    const expected = model.list(real.keys[this.key]!, this.filter);
    expect(
      page.data.map((item) => item.id),
      String(this),
    ).toEqual(expected.ids);
    expect(page.pagination).toEqual({
      total: expected.total,
      limit: this.filter.limit,
      offset: this.filter.offset,
      hasMore: expected.hasMore,
    });
    for (const item of page.data) {
      expect(item).toMatchObject(expectedView(model.sandboxes.find((s) => s.id === item.id)!));
    }
  }
  toString = () => `list(key${this.key}, ${JSON.stringify(this.filter)})`;
}

class Transition implements Cmd {
  constructor(
    readonly action: 'pause' | 'resume' | 'terminate',
    readonly key: number,
    readonly pick: number,
  ) {}
  check = () => true;
  async run(model: SandboxModel, real: Real) {
    real.stats.commands++;
    const id = target(model, this.pick);
    const key = real.keys[this.key]!;
    const sandboxes = real.clients[this.key]!.sandboxes;
    const label = `${this.action} ${id}`;
    if (this.action === 'pause') {
      const value = agree(await settled(sandboxes.pause(id)), model.pause(key, id), label);
      const view = model.owned(key, id);
      if (value && view) {
        expect(value).toEqual({
          id,
          state: 'paused',
          pausedAt: iso(view.pausedAt!),
          runtimeDurationMs: view.pausedAt! - view.createdAt,
        });
      }
    } else if (this.action === 'resume') {
      const expected = model.resume(key, id);
      const value = agree(await settled(sandboxes.resume(id)), expected, label);
      if (value && expected.ok) {
        expect(value).toEqual({
          id,
          state: 'running',
          resumedAt: iso(expected.value.resumedAt),
          pausedDurationMs: expected.value.pausedDurationMs,
        });
      }
    } else {
      const expected = model.terminate(key, id);
      const value = agree(await settled(sandboxes.terminate(id)), expected, label);
      if (value && expected.ok) {
        expect(value).toEqual({
          id,
          state: 'terminated',
          terminatedAt: iso(expected.value.terminatedAt),
          totalRuntimeMs: expected.value.totalRuntimeMs,
        });
      }
    }
  }
  toString = () => `${this.action}(key${this.key}, #${this.pick})`;
}

class Advance implements Cmd {
  constructor(readonly ms: number) {}
  check = () => true;
  async run(model: SandboxModel, real: Real) {
    real.stats.commands++;
    real.advance(this.ms);
    model.advance(this.ms);
  }
  toString = () => `advance(${this.ms})`;
}

class Activity implements Cmd {
  constructor(
    readonly key: number,
    readonly pick: number,
  ) {}
  check = () => true;
  async run(model: SandboxModel, real: Real) {
    real.stats.commands++;
    const id = target(model, this.pick);
    const response = await fetch(`${real.origin}/_mock/sandboxes/${id}/activity`, {
      method: 'POST',
      headers: { authorization: `Bearer ${real.keys[this.key]}` },
    });
    const body = (await response.json()) as { error?: { code: string; details?: unknown }; state?: string };
    const expected = model.activity(real.keys[this.key]!, id);
    if (!expected.ok) {
      expect(body.error?.code, `activity ${id}`).toBe(expected.code);
      if (expected.currentState)
        expect(body.error?.details).toMatchObject({ currentState: expected.currentState });
      return;
    }
    expect(response.status, `activity ${id}: ${JSON.stringify(body)}`).toBe(200);
    expect(body).toMatchObject(expectedView(expected.value));
  }
  toString = () => `activity(key${this.key}, #${this.pick})`;
}

const key = fc.integer({ min: 0, max: 1 });
const pick = fc.nat({ max: 50 });

/** The command arbitraries: every endpoint, the clock and activity, over two API keys. */
export const commandArbitraries: fc.Arbitrary<Cmd>[] = [
  fc
    .tuple(
      key,
      fc.constantFrom(...LIMITS.resources.cpu.values),
      fc.constantFrom(0, 30_000, LIMITS.idleTimeoutMs.default),
      fc.constantFrom(60_000, LIMITS.timeoutMs.default, 900_000),
      fc.constantFrom('node:22', 'python:3.12'),
      fc.option(fc.constantFrom('a', 'b'), { nil: undefined }),
    )
    .map(([k, cpu, idle, life, image, team]) => new Create(k, cpu, idle, life, image, team)),
  fc.tuple(key, pick).map(([k, p]) => new Get(k, p)),
  fc
    .tuple(
      key,
      fc.option(fc.constantFrom<ModelState>('running', 'paused', 'terminated'), { nil: undefined }),
      fc.option(fc.constantFrom('node:22', 'python:3.12'), { nil: undefined }),
      fc.option(fc.constantFrom('a', 'b'), { nil: undefined }),
      fc.integer({ min: 1, max: 5 }),
      fc.integer({ min: 0, max: 6 }),
    )
    .map(([k, state, image, team, limit, offset]) => {
      const filter: { state?: ModelState; image?: string; team?: string; limit: number; offset: number } = {
        limit,
        offset,
      };
      if (state !== undefined) filter.state = state;
      if (image !== undefined) filter.image = image;
      if (team !== undefined) filter.team = team;
      return new List(k, filter);
    }),
  fc
    .tuple(fc.constantFrom('pause' as const, 'resume' as const, 'terminate' as const), key, pick)
    .map(([action, k, p]) => new Transition(action, k, p)),
  fc.constantFrom(1000, 29_999, 30_000, 60_000, 120_000, 300_000).map((ms) => new Advance(ms)),
  fc.tuple(key, pick).map(([k, p]) => new Activity(k, p)),
];
