/**
 * The sandbox store's bounds (decision 0217): terminated sandboxes are kept for a retention
 * period, a count and a size, then answer 404; live ones are never forgotten but capped; the
 * deadline heap holds one entry per live sandbox; the rate limiter keeps nothing for a key
 * that stopped creating. Manual clock only.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_MACHINE_LIMITS } from '../../../mock-server/machine/limits.js';
import { CreateRateLimiter } from '../../../mock-server/machine/rate-limit.js';
import { LIMITS } from '../../../src/schemas/index.js';
import { iso, KEY, OTHER_KEY, refusal, setup, T0, value } from './helpers.js';

const DAY = 86_400_000;

describe('terminated sandboxes: retention on the mock clock', () => {
  it('stay readable, listed and re-terminable for 24 h by default, then answer 404 and leave the list', () => {
    const { clock, machine, create } = setup();
    const { id } = create();
    clock.advance(1000);
    const ended = value(machine.terminate(KEY, id));
    clock.advance(DAY - 1);
    expect(value(machine.get(KEY, id)).state).toBe('terminated');
    expect(value(machine.list(KEY, { state: 'terminated' })).pagination.total).toBe(1);
    expect(value(machine.terminate(KEY, id))).toEqual(ended);
    clock.advance(1);
    expect(refusal(machine.get(KEY, id))).toMatchObject({
      code: 'SANDBOX_NOT_FOUND',
      details: { sandboxId: id },
    });
    expect(refusal(machine.terminate(KEY, id)).code).toBe('SANDBOX_NOT_FOUND');
    expect(value(machine.list(KEY)).pagination.total).toBe(0);
    expect(machine.exportState().sandboxes).toEqual([]);
  });

  it('a timer-terminated sandbox is kept from its terminatedAt (the lifetime end), not from when it is read', () => {
    const { clock, machine, create } = setup({ limits: { terminatedRetentionMs: 60_000 } });
    const { id } = create({ image: 'node:22', timeoutMs: 10_000 });
    clock.advance(10_000 + 59_999);
    expect(value(machine.get(KEY, id))).toMatchObject({
      state: 'terminated',
      terminatedAt: iso(T0 + 10_000),
    });
    clock.advance(1);
    expect(refusal(machine.get(KEY, id)).code).toBe('SANDBOX_NOT_FOUND');
  });

  it('limits.terminatedRetentionMs: 0 forgets a sandbox as soon as terminate has answered', () => {
    const { machine, create } = setup({ limits: { terminatedRetentionMs: 0 } });
    const { id } = create();
    expect(value(machine.terminate(KEY, id)).state).toBe('terminated');
    expect(refusal(machine.get(KEY, id)).code).toBe('SANDBOX_NOT_FOUND');
  });
});

describe('terminated sandboxes: count and size', () => {
  it('beyond limits.terminatedSandboxes the earliest terminated is forgotten first; live ones are kept', () => {
    const { clock, machine, create } = setup({ limits: { terminatedSandboxes: 2 } });
    const live = create();
    const [a, b, c] = [create(), create(), create()];
    for (const sandbox of [b!, a!, c!]) {
      clock.advance(1);
      value(machine.terminate(KEY, sandbox.id));
    }
    expect(refusal(machine.get(KEY, b!.id)).code).toBe('SANDBOX_NOT_FOUND');
    expect(value(machine.get(KEY, a!.id)).state).toBe('terminated');
    expect(value(machine.get(KEY, c!.id)).state).toBe('terminated');
    expect(value(machine.get(KEY, live.id)).state).toBe('running');
    expect(machine.storeSizes()).toMatchObject({ liveSandboxes: 1, terminatedSandboxes: 2 });
  });

  it('the count is shared by every API key (a bound on memory, not a quota)', () => {
    const { machine, create } = setup({ limits: { terminatedSandboxes: 1 } });
    const mine = create();
    const theirs = create({ image: 'node:22' }, OTHER_KEY);
    value(machine.terminate(KEY, mine.id));
    value(machine.terminate(OTHER_KEY, theirs.id));
    expect(refusal(machine.get(KEY, mine.id)).code).toBe('SANDBOX_NOT_FOUND');
    expect(value(machine.get(OTHER_KEY, theirs.id)).state).toBe('terminated');
  });

  it('beyond limits.terminatedBytes (their configuration size) the earliest terminated go first', () => {
    const { machine, create } = setup({ limits: { terminatedBytes: 10_000 } });
    const env = { BIG: 'x'.repeat(3000) };
    const ids = Array.from({ length: 5 }, () => create({ image: 'node:22', env }).id);
    for (const id of ids) value(machine.terminate(KEY, id));
    const sizes = machine.storeSizes();
    expect(sizes.terminatedBytes).toBeLessThanOrEqual(10_000);
    expect(sizes.terminatedSandboxes).toBe(2);
    expect(value(machine.get(KEY, ids[4]!)).state).toBe('terminated');
    expect(refusal(machine.get(KEY, ids[0]!)).code).toBe('SANDBOX_NOT_FOUND');
  });

  it('a snapshot holding more terminated sandboxes than the count keeps the latest terminated', () => {
    const source = setup({ limits: { terminatedSandboxes: Number.POSITIVE_INFINITY } });
    const ids = Array.from({ length: 4 }, () => source.create().id);
    for (const id of [...ids].reverse()) {
      source.clock.advance(1);
      value(source.machine.terminate(KEY, id));
    }
    const target = setup({ limits: { terminatedSandboxes: 2 } });
    target.machine.importState(source.machine.exportState());
    expect(value(target.machine.list(KEY)).pagination.total).toBe(2);
    expect(target.machine.storeSizes().terminatedSandboxes).toBe(2);
    expect(value(target.machine.get(KEY, ids[0]!)).state).toBe('terminated');
    expect(value(target.machine.get(KEY, ids[1]!)).state).toBe('terminated');
    expect(refusal(target.machine.get(KEY, ids[3]!)).code).toBe('SANDBOX_NOT_FOUND');
  });

  it('defaults: 24 h, 10,000 sandboxes and 64 MiB; 100,000 live sandboxes', () => {
    expect(DEFAULT_MACHINE_LIMITS).toMatchObject({
      terminatedRetentionMs: LIMITS.idempotency.ttlMs,
      terminatedSandboxes: 10_000,
      terminatedBytes: 64 * 2 ** 20,
      liveSandboxes: 100_000,
    });
  });

  it('a limit that is not an integer >= 0 nor Infinity is refused with its name', () => {
    expect(() => setup({ limits: { terminatedRetentionMs: -1 } })).toThrow(
      /limits\.terminatedRetentionMs must be an integer >= 0 or Infinity, got -1/,
    );
    expect(() => setup({ limits: { idempotencyEntries: 1.5 } })).toThrow(RangeError);
  });
});

describe('live sandboxes: never forgotten, capped', () => {
  it('a create beyond limits.liveSandboxes answers 503 RESOURCE_EXHAUSTED; terminating one makes room', () => {
    const { machine, create } = setup({ limits: { liveSandboxes: 2 } });
    const first = create();
    create();
    expect(refusal(machine.create(KEY, { image: 'node:22' }))).toMatchObject({
      code: 'RESOURCE_EXHAUSTED',
      details: { liveSandboxes: 2 },
      retryAfterMs: 1000,
    });
    value(machine.terminate(KEY, first.id));
    expect(value(machine.create(KEY, { image: 'node:22' })).state).toBe('running');
  });
});

describe('deadline heap: no stale entries', () => {
  it('holds one entry per live sandbox however often its deadline moves, and none once terminated', () => {
    const { clock, machine, create } = setup();
    const { id } = create();
    for (let i = 0; i < 1000; i++) {
      clock.advance(10);
      value(machine.activity(KEY, id));
    }
    value(machine.pause(KEY, id));
    value(machine.resume(KEY, id));
    expect(machine.storeSizes().deadlines).toBe(1);
    value(machine.terminate(KEY, id));
    expect(machine.storeSizes().deadlines).toBe(0);
  });

  it('a moved deadline fires at its new time, never at the old one', () => {
    const { clock, machine, create } = setup();
    const a = create({ image: 'node:22', idleTimeoutMs: 1000, timeoutMs: DAY });
    const b = create({ image: 'node:22', idleTimeoutMs: 2000, timeoutMs: DAY });
    clock.advance(999);
    value(machine.activity(KEY, a.id)); // a's idle deadline moves from T0 + 1000 to T0 + 1999
    clock.advance(1);
    expect(value(machine.get(KEY, a.id)).state).toBe('running');
    clock.advance(1000);
    expect(value(machine.get(KEY, a.id))).toMatchObject({ state: 'paused', pausedAt: iso(T0 + 1999) });
    expect(value(machine.get(KEY, b.id))).toMatchObject({ state: 'paused', pausedAt: iso(T0 + 2000) });
  });
});

describe('rate limiter: no empty windows', () => {
  it('a key that stopped creating leaves nothing once its window has passed', () => {
    const { clock, machine } = setup({ createRateLimit: { limit: 2, windowMs: 60_000 } });
    for (let i = 0; i < 50; i++) value(machine.create(`sk_test_rotating_${i}`, { image: 'node:22' }));
    expect(machine.storeSizes()).toMatchObject({ rateLogKeys: 50, rateLogEntries: 50 });
    clock.advance(60_000);
    value(machine.create(KEY, { image: 'node:22' }));
    expect(machine.storeSizes()).toMatchObject({ rateLogKeys: 1, rateLogEntries: 1 });
  });

  it('without a rule nothing is logged at all', () => {
    const { machine, create } = setup();
    for (let i = 0; i < 10; i++) create();
    expect(machine.storeSizes()).toMatchObject({ rateLogKeys: 0, rateLogEntries: 0 });
  });

  it('beyond its capacity the oldest logged create is forgotten first (only letting its key create sooner)', () => {
    const limiter = new CreateRateLimiter({ limit: 1, windowMs: 60_000 }, 3);
    for (const key of ['a', 'b', 'c', 'd']) limiter.record(key, T0);
    expect([limiter.size, limiter.keyCount]).toEqual([3, 3]);
    expect(limiter.waitMs('a', T0)).toBe(0);
    expect(limiter.waitMs('d', T0)).toBe(60_000);
  });
});
