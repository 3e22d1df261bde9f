import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../../src/schemas/index.js';
import { iso, KEY, setup, T0, value } from './helpers.js';

describe('machine timers', () => {
  it('boot: creating until one ms before createdAt + bootMs, running exactly at it', () => {
    const { clock, machine, create } = setup({ bootMs: 5000 });
    const sandbox = create();
    expect(sandbox).toMatchObject({ state: 'creating', createdAt: iso(T0) });
    expect(sandbox.startedAt).toBeUndefined();
    clock.advance(4999);
    expect(value(machine.get(KEY, sandbox.id)).state).toBe('creating');
    clock.advance(1);
    expect(value(machine.get(KEY, sandbox.id))).toMatchObject({
      state: 'running',
      startedAt: iso(T0 + 5000),
    });
  });

  it('idle: the default idle timeout pauses at lastActivity + 120000, not one ms earlier', () => {
    const { clock, machine, create } = setup();
    const { id } = create();
    clock.advance(LIMITS.idleTimeoutMs.default - 1);
    expect(value(machine.get(KEY, id)).state).toBe('running');
    clock.advance(1);
    expect(value(machine.get(KEY, id))).toMatchObject({
      state: 'paused',
      pausedAt: iso(T0 + LIMITS.idleTimeoutMs.default),
    });
  });

  it('idle: a read long after the deadline shows the deadline timestamp', () => {
    const { clock, machine, create } = setup();
    const { id } = create({ image: 'node:22', idleTimeoutMs: 1000, timeoutMs: 86_400_000 });
    clock.advance(3_600_000);
    expect(value(machine.get(KEY, id))).toMatchObject({ state: 'paused', pausedAt: iso(T0 + 1000) });
  });

  it('idle: the idle timer starts at boot end, and 0 disables it', () => {
    const { clock, machine, create } = setup({ bootMs: 2000 });
    const booting = create({ image: 'node:22', idleTimeoutMs: 1000 });
    const never = create({ image: 'node:22', idleTimeoutMs: 0 });
    clock.advance(2999);
    expect(value(machine.get(KEY, booting.id)).state).toBe('running');
    clock.advance(1);
    expect(value(machine.get(KEY, booting.id))).toMatchObject({ state: 'paused', pausedAt: iso(T0 + 3000) });
    clock.advance(200_000);
    expect(value(machine.get(KEY, never.id)).state).toBe('running');
  });

  it('idle: after a resume the idle timer restarts from resumedAt', () => {
    const { clock, machine, create } = setup();
    const { id } = create({ image: 'node:22', idleTimeoutMs: 1000 });
    value(machine.pause(KEY, id));
    clock.advance(500);
    value(machine.resume(KEY, id));
    clock.advance(999);
    expect(value(machine.get(KEY, id)).state).toBe('running');
    clock.advance(1);
    expect(value(machine.get(KEY, id))).toMatchObject({ state: 'paused', pausedAt: iso(T0 + 1500) });
  });

  it('lifetime: terminated at createdAt + timeoutMs from running, not one ms earlier', () => {
    const { clock, machine, create } = setup();
    const { id } = create({ image: 'node:22', idleTimeoutMs: 0 });
    clock.advance(LIMITS.timeoutMs.default - 1);
    expect(value(machine.get(KEY, id)).state).toBe('running');
    clock.advance(1);
    expect(value(machine.get(KEY, id))).toMatchObject({
      state: 'terminated',
      terminatedAt: iso(T0 + LIMITS.timeoutMs.default),
    });
    expect(value(machine.terminate(KEY, id)).totalRuntimeMs).toBe(LIMITS.timeoutMs.default);
  });

  it('lifetime: ends a paused sandbox too, after its idle pause, in timestamp order', () => {
    const { clock, machine, create } = setup();
    const { id } = create({ image: 'node:22', idleTimeoutMs: 1000, timeoutMs: 5000 });
    clock.advance(10_000);
    expect(value(machine.get(KEY, id))).toMatchObject({
      state: 'terminated',
      pausedAt: iso(T0 + 1000),
      terminatedAt: iso(T0 + 5000),
    });
  });

  it('lifetime: ends a creating sandbox that never booted; it wins a tie with the idle deadline', () => {
    const { clock, machine, create } = setup({ bootMs: 10_000 });
    const booting = create({ image: 'node:22', timeoutMs: 5000 });
    const tie = create({ image: 'node:22', timeoutMs: 11_000, idleTimeoutMs: 1000 });
    clock.advance(20_000);
    const ended = value(machine.get(KEY, booting.id));
    expect(ended).toMatchObject({ state: 'terminated', terminatedAt: iso(T0 + 5000) });
    expect(ended.startedAt).toBeUndefined();
    const tied = value(machine.get(KEY, tie.id));
    expect(tied).toMatchObject({ state: 'terminated', terminatedAt: iso(T0 + 11_000) });
    expect(tied.pausedAt).toBeUndefined();
  });

  it('capacity is released at the deadline even when nobody reads the sandbox', () => {
    const { clock, machine, create } = setup({ capacityCpu: 2 });
    create({ image: 'node:22', idleTimeoutMs: 1000 });
    expect(machine.create(KEY, { image: 'node:22' }).ok).toBe(false);
    clock.advance(1000);
    expect(machine.usage().usedCpu).toBe(0);
    expect(machine.create(KEY, { image: 'node:22' }).ok).toBe(true);
  });
});
