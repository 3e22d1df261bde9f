import { describe, expect, it } from 'vitest';
import {
  PauseResultSchema,
  ResumeResultSchema,
  SandboxSchema,
  TerminateResultSchema,
} from '../../../src/schemas/index.js';
import { iso, KEY, refusal, setup, T0, value } from './helpers.js';

const MIN = 60_000;

describe('machine lifecycle', () => {
  it('create: without boot time answers running with startedAt = createdAt', () => {
    const { create } = setup();
    const sandbox = create();
    expect(SandboxSchema.safeParse(sandbox).success).toBe(true);
    expect(sandbox).toMatchObject({ state: 'running', createdAt: iso(T0), startedAt: iso(T0) });
    expect(sandbox.id).toMatch(/^sb_[a-z0-9]{17}$/);
  });

  it('durations match the page example: paused 11:00, resumed 11:30, terminated 12:00', () => {
    const { clock, machine, create } = setup();
    const { id } = create({ image: 'node:22', timeoutMs: 86_400_000, idleTimeoutMs: 0 });
    clock.advance(30 * MIN);
    const paused = value(machine.pause(KEY, id));
    expect(PauseResultSchema.safeParse(paused).success).toBe(true);
    expect(paused).toEqual({
      id,
      state: 'paused',
      pausedAt: '2026-06-15T11:00:00.000Z',
      runtimeDurationMs: 1_800_000,
    });
    clock.advance(30 * MIN);
    const resumed = value(machine.resume(KEY, id));
    expect(ResumeResultSchema.safeParse(resumed).success).toBe(true);
    expect(resumed).toEqual({
      id,
      state: 'running',
      resumedAt: '2026-06-15T11:30:00.000Z',
      pausedDurationMs: 1_800_000,
    });
    clock.advance(30 * MIN);
    const ended = value(machine.terminate(KEY, id));
    expect(TerminateResultSchema.safeParse(ended).success).toBe(true);
    expect(ended).toEqual({
      id,
      state: 'terminated',
      terminatedAt: '2026-06-15T12:00:00.000Z',
      totalRuntimeMs: 5_400_000,
    });
    expect(value(machine.get(KEY, id))).toMatchObject({
      state: 'terminated',
      pausedAt: '2026-06-15T11:00:00.000Z',
      resumedAt: '2026-06-15T11:30:00.000Z',
      terminatedAt: '2026-06-15T12:00:00.000Z',
    });
  });

  it('pause: a paused sandbox answers 409 INVALID_STATE with sandboxId and currentState', () => {
    const { machine, create } = setup();
    const { id } = create();
    value(machine.pause(KEY, id));
    expect(refusal(machine.pause(KEY, id))).toEqual({
      code: 'INVALID_STATE',
      message: `Cannot pause sandbox ${id}: it is paused`,
      details: { sandboxId: id, currentState: 'paused' },
    });
  });

  it('pause: a creating sandbox answers 409 INVALID_STATE', () => {
    const { machine, create } = setup({ bootMs: 5000 });
    const { id } = create();
    expect(refusal(machine.pause(KEY, id)).details).toEqual({ sandboxId: id, currentState: 'creating' });
  });

  it('resume: a running sandbox answers 409 INVALID_STATE', () => {
    const { machine, create } = setup();
    const { id } = create();
    expect(refusal(machine.resume(KEY, id)).details).toEqual({ sandboxId: id, currentState: 'running' });
  });

  it('resume and pause: a terminated sandbox can never run again', () => {
    const { machine, create } = setup();
    const { id } = create();
    value(machine.terminate(KEY, id));
    expect(refusal(machine.resume(KEY, id)).code).toBe('INVALID_STATE');
    expect(refusal(machine.pause(KEY, id)).code).toBe('INVALID_STATE');
    expect(refusal(machine.activity(KEY, id)).code).toBe('INVALID_STATE');
  });

  it('terminate: works from creating, running and paused', () => {
    const { machine, create } = setup({ bootMs: 5000 });
    const creating = create();
    expect(value(machine.terminate(KEY, creating.id)).state).toBe('terminated');
    expect(value(machine.get(KEY, creating.id)).startedAt).toBeUndefined();
  });

  it('terminate: repeating it answers the original terminatedAt and totalRuntimeMs', () => {
    const { clock, machine, create } = setup();
    const { id } = create();
    clock.advance(1000);
    const first = value(machine.terminate(KEY, id));
    clock.advance(50_000);
    expect(value(machine.terminate(KEY, id))).toEqual(first);
    expect(first.totalRuntimeMs).toBe(1000);
  });

  it('get/pause/resume/terminate: an unknown id answers 404 SANDBOX_NOT_FOUND with the page message', () => {
    const { machine } = setup();
    const id = 'sb_x7k2m9p4q1w3v5b8n';
    for (const outcome of [
      machine.get(KEY, id),
      machine.pause(KEY, id),
      machine.resume(KEY, id),
      machine.terminate(KEY, id),
      machine.activity(KEY, id),
    ]) {
      expect(refusal(outcome)).toEqual({
        code: 'SANDBOX_NOT_FOUND',
        message: `Sandbox ${id} not found`,
        details: { sandboxId: id },
      });
    }
  });

  it('resume keeps env, timeoutMs and idleTimeoutMs', () => {
    const { machine, create } = setup();
    const { id } = create({ image: 'node:22', env: { A: '1' }, timeoutMs: 600_000, idleTimeoutMs: 30_000 });
    value(machine.pause(KEY, id));
    value(machine.resume(KEY, id));
    expect(value(machine.get(KEY, id))).toMatchObject({
      env: { A: '1' },
      timeoutMs: 600_000,
      idleTimeoutMs: 30_000,
    });
  });

  it('activity: auto-resumes a paused sandbox and resets the idle timer of a running one', () => {
    const { clock, machine, create } = setup();
    const { id } = create({ image: 'node:22', idleTimeoutMs: 10_000 });
    clock.advance(9_000);
    value(machine.activity(KEY, id));
    clock.advance(9_999);
    expect(value(machine.get(KEY, id)).state).toBe('running');
    clock.advance(1);
    expect(value(machine.get(KEY, id))).toMatchObject({ state: 'paused', pausedAt: iso(T0 + 19_000) });
    clock.advance(5_000);
    expect(value(machine.activity(KEY, id))).toMatchObject({ state: 'running', resumedAt: iso(T0 + 24_000) });
  });

  it('activity: a creating sandbox cannot execute yet (409 INVALID_STATE)', () => {
    const { machine, create } = setup({ bootMs: 1000 });
    const { id } = create();
    expect(refusal(machine.activity(KEY, id)).details).toEqual({ sandboxId: id, currentState: 'creating' });
  });
});
