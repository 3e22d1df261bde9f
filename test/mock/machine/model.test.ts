/**
 * Model-based test: random command sequences over two API keys, the machine checked
 * against a small independent model after every command.
 *
 * Replay a failure with the seed and path fast-check prints:
 *   FC_SEED=<seed> FC_PATH=<path> npx vitest run test/mock/machine/model.test.ts
 * FC_RUNS overrides the number of sequences (default 1000).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../mock-server/machine/clock.js';
import { Machine } from '../../../mock-server/machine/machine.js';
import type { Outcome } from '../../../mock-server/machine/types.js';
import type { KnownSandboxState } from '../../../src/schemas/index.js';

const KEYS = ['sk_model_key_aaaa', 'sk_model_key_bbbb'] as const;
const T0 = Date.parse('2026-06-15T10:30:00.000Z');
const BOOT_MS = 1000;
const CAPACITY = 12;

interface ModelSandbox {
  id: string;
  apiKey: string;
  state: KnownSandboxState;
  image: string;
  cpu: number;
  idle: number;
  timeout: number;
  createdAt: number;
  lastActivity?: number;
  startedAt?: number;
  pausedAt?: number;
  resumedAt?: number;
  terminatedAt?: number;
}

/** The contract, written as plainly as possible: scans everything, settles each sandbox alone. */
class Model {
  now = T0;
  sandboxes: ModelSandbox[] = [];

  settle(): void {
    for (const s of this.sandboxes) {
      for (;;) {
        if (s.state === 'terminated') break;
        const end = s.createdAt + s.timeout;
        const boot = s.state === 'creating' ? s.createdAt + BOOT_MS : Number.POSITIVE_INFINITY;
        const idle =
          s.state === 'running' && s.idle > 0 && s.lastActivity !== undefined
            ? s.lastActivity + s.idle
            : Number.POSITIVE_INFINITY;
        const first = Math.min(end, boot, idle);
        if (first > this.now) break;
        if (end === first) {
          s.state = 'terminated';
          s.terminatedAt = end;
        } else if (boot === first) {
          s.state = 'running';
          s.startedAt = boot;
          s.lastActivity = boot;
        } else {
          s.state = 'paused';
          s.pausedAt = idle;
        }
      }
    }
  }

  used(): number {
    return this.sandboxes
      .filter((s) => s.state === 'creating' || s.state === 'running')
      .reduce((n, s) => n + s.cpu, 0);
  }

  find(apiKey: string, id: string): ModelSandbox | undefined {
    return this.sandboxes.find((s) => s.id === id && s.apiKey === apiKey);
  }
}

interface Real {
  machine: Machine;
  clock: ManualClock;
}

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());
const code = (outcome: Outcome<unknown>) => (outcome.ok ? 'ok' : outcome.error.code);

/** Every sandbox of the model, read back from the machine, plus both keys' full lists. */
function checkAll(model: Model, real: Real): void {
  model.settle();
  for (const s of model.sandboxes) {
    const got = real.machine.get(s.apiKey, s.id);
    if (!got.ok) throw new Error(`get ${s.id}: ${got.error.code}`);
    const { state, createdAt, startedAt, pausedAt, resumedAt, terminatedAt } = got.value;
    expect({ state, createdAt, startedAt, pausedAt, resumedAt, terminatedAt }).toEqual({
      state: s.state,
      createdAt: iso(s.createdAt),
      startedAt: iso(s.startedAt),
      pausedAt: iso(s.pausedAt),
      resumedAt: iso(s.resumedAt),
      terminatedAt: iso(s.terminatedAt),
    });
  }
  for (const apiKey of KEYS) {
    const listed = real.machine.list(apiKey, { limit: 100 });
    if (!listed.ok) throw new Error('list failed');
    const expected = model.sandboxes
      .filter((s) => s.apiKey === apiKey)
      .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1))
      .map((s) => s.id);
    expect(listed.value.data.map((s) => s.id)).toEqual(expected);
  }
  expect(real.machine.usage().usedCpu).toBe(model.used());
}

/** Picks a sandbox id by index across both keys (so tenancy is exercised), or a missing one. */
const pickId = (model: Model, pick: number) =>
  model.sandboxes[pick % (model.sandboxes.length + 1)]?.id ?? 'sb_00000000000000000';

class Create implements fc.Command<Model, Real> {
  constructor(
    readonly key: number,
    readonly cpu: number,
    readonly idle: number,
    readonly timeout: number,
    readonly image: string,
  ) {}
  check = () => true;
  run(model: Model, real: Real): void {
    model.settle();
    const apiKey = KEYS[this.key]!;
    const outcome = real.machine.create(apiKey, {
      image: this.image,
      resources: { cpu: this.cpu },
      idleTimeoutMs: this.idle,
      timeoutMs: this.timeout,
    });
    if (model.used() + this.cpu > CAPACITY) {
      expect(code(outcome)).toBe('RESOURCE_EXHAUSTED');
    } else {
      if (!outcome.ok) throw new Error(`create refused: ${outcome.error.code}`);
      expect(outcome.value.state).toBe('creating');
      model.sandboxes.push({
        id: outcome.value.id,
        apiKey,
        state: 'creating',
        image: this.image,
        cpu: this.cpu,
        idle: this.idle,
        timeout: this.timeout,
        createdAt: model.now,
      });
    }
    checkAll(model, real);
  }
  toString = () =>
    `create(${this.key}, cpu ${this.cpu}, idle ${this.idle}, timeout ${this.timeout}, ${this.image})`;
}

type Action = 'get' | 'pause' | 'resume' | 'terminate' | 'activity';

class Act implements fc.Command<Model, Real> {
  constructor(
    readonly action: Action,
    readonly key: number,
    readonly pick: number,
  ) {}
  check = () => true;
  run(model: Model, real: Real): void {
    model.settle();
    const apiKey = KEYS[this.key]!;
    const id = pickId(model, this.pick);
    const s = model.find(apiKey, id);
    const outcome = real.machine[this.action](apiKey, id);
    const now = model.now;
    let expected = 'ok';
    if (s === undefined) expected = 'SANDBOX_NOT_FOUND';
    else if (this.action === 'pause') {
      if (s.state !== 'running') expected = 'INVALID_STATE';
      else Object.assign(s, { state: 'paused', pausedAt: now });
    } else if (this.action === 'resume' || (this.action === 'activity' && s.state === 'paused')) {
      if (s.state !== 'paused') expected = 'INVALID_STATE';
      else if (model.used() + s.cpu > CAPACITY) expected = 'RESOURCE_EXHAUSTED';
      else Object.assign(s, { state: 'running', resumedAt: now, lastActivity: now });
    } else if (this.action === 'activity') {
      if (s.state !== 'running') expected = 'INVALID_STATE';
      else s.lastActivity = now;
    } else if (this.action === 'terminate' && s.state !== 'terminated') {
      Object.assign(s, { state: 'terminated', terminatedAt: now });
    }
    expect(code(outcome)).toBe(expected);
    if (this.action === 'terminate' && s !== undefined && outcome.ok) {
      expect(outcome.value).toMatchObject({
        terminatedAt: iso(s.terminatedAt),
        totalRuntimeMs: (s.terminatedAt ?? 0) - s.createdAt,
      });
    }
    checkAll(model, real);
  }
  toString = () => `${this.action}(${this.key}, #${this.pick})`;
}

class Advance implements fc.Command<Model, Real> {
  constructor(readonly ms: number) {}
  check = () => true;
  run(model: Model, real: Real): void {
    model.now += this.ms;
    real.clock.advance(this.ms);
    checkAll(model, real);
  }
  toString = () => `advance(${this.ms})`;
}

class List implements fc.Command<Model, Real> {
  constructor(
    readonly key: number,
    readonly state: KnownSandboxState | undefined,
    readonly image: string | undefined,
    readonly limit: number,
    readonly offset: number,
  ) {}
  check = () => true;
  run(model: Model, real: Real): void {
    model.settle();
    const apiKey = KEYS[this.key]!;
    const params = {
      limit: this.limit,
      offset: this.offset,
      ...(this.state ? { state: this.state } : {}),
      ...(this.image ? { image: this.image } : {}),
    };
    const outcome = real.machine.list(apiKey, params);
    if (!outcome.ok) throw new Error('list refused');
    const matches = model.sandboxes
      .filter(
        (s) =>
          s.apiKey === apiKey &&
          (!this.state || s.state === this.state) &&
          (!this.image || s.image === this.image),
      )
      .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1));
    const page = matches.slice(this.offset, this.offset + this.limit);
    expect(outcome.value.data.map((s) => [s.id, s.state])).toEqual(page.map((s) => [s.id, s.state]));
    expect(outcome.value.pagination).toEqual({
      total: matches.length,
      limit: this.limit,
      offset: this.offset,
      hasMore: this.offset + page.length < matches.length,
    });
  }
  toString = () => `list(${this.key}, ${this.state}, ${this.image}, ${this.limit}, ${this.offset})`;
}

const key = fc.integer({ min: 0, max: 1 });
const pick = fc.nat(20);
const commands = [
  fc
    .tuple(
      key,
      fc.constantFrom(2, 4, 8),
      fc.constantFrom(0, 1000, 2500),
      fc.constantFrom(1000, 4000, 300_000),
      fc.constantFrom('node:22', 'python:3.12'),
    )
    .map(([k, cpu, idle, timeout, image]) => new Create(k, cpu, idle, timeout, image)),
  fc
    .tuple(fc.constantFrom<Action>('get', 'pause', 'resume', 'terminate', 'activity'), key, pick)
    .map(([action, k, p]) => new Act(action, k, p)),
  fc.constantFrom(0, 1, 499, 500, 999, 1000, 1500, 2500, 4000).map((ms) => new Advance(ms)),
  fc
    .tuple(
      key,
      fc.option(fc.constantFrom<KnownSandboxState>('creating', 'running', 'paused', 'terminated'), {
        nil: undefined,
      }),
      fc.option(fc.constantFrom('node:22', 'python:3.12'), { nil: undefined }),
      fc.integer({ min: 1, max: 4 }),
      fc.nat(4),
    )
    .map(([k, state, image, limit, offset]) => new List(k, state, image, limit, offset)),
];

describe('machine model-based', () => {
  it('matches the independent model after every command (two API keys, timers, capacity)', () => {
    const seed = process.env.FC_SEED;
    const path = process.env.FC_PATH;
    fc.assert(
      fc.property(fc.commands(commands, { maxCommands: 40 }), (cmds) => {
        const clock = new ManualClock(T0);
        const real: Real = {
          clock,
          machine: new Machine({ clock, bootMs: BOOT_MS, capacityCpu: CAPACITY, seed: 3 }),
        };
        fc.modelRun(() => ({ model: new Model(), real }), cmds);
      }),
      {
        numRuns: Number(process.env.FC_RUNS ?? 1000),
        ...(seed ? { seed: Number(seed) } : {}),
        ...(path ? { path } : {}),
        verbose: 1,
      },
    );
  });
});
