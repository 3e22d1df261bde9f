import { describe, expect, it } from 'vitest';
import { LIMITS, SandboxPageSchema } from '../../../src/schemas/index.js';
import { KEY, OTHER_KEY, refusal, setup, value } from './helpers.js';

describe('machine list', () => {
  it('orders newest first, then id descending for the same createdAt', () => {
    const { clock, machine, create } = setup();
    const sameTime = [create(), create(), create()].map((s) => s.id);
    clock.advance(1);
    const newest = create().id;
    const ids = value(machine.list(KEY)).data.map((s) => s.id);
    expect(ids).toEqual([newest, ...[...sameTime].sort().reverse()]);
  });

  it('items are summaries without env, and satisfy SandboxPageSchema', () => {
    const { machine, create } = setup();
    create({ image: 'node:22', env: { SECRET: 's' } });
    const page = value(machine.list(KEY));
    expect(SandboxPageSchema.safeParse(page).success).toBe(true);
    expect(page.data[0]).not.toHaveProperty('env');
    expect(page.data[0]).not.toHaveProperty('workdir');
  });

  it('filters by state, image and metadata (ANDed), and keeps terminated sandboxes', () => {
    const { machine, create } = setup();
    const a = create({ image: 'node:22', metadata: { team: 'x', env: 'prod' } });
    create({ image: 'node:22', metadata: { team: 'x' } });
    const c = create({ image: 'python:3.12', metadata: { team: 'x', env: 'prod' } });
    value(machine.terminate(KEY, c.id));
    const ids = (params: Parameters<typeof machine.list>[1]) =>
      value(machine.list(KEY, params)).data.map((s) => s.id);
    expect(ids({ metadata: { team: 'x', env: 'prod' } })).toEqual([c.id, a.id]);
    expect(ids({ metadata: { team: 'x', env: 'prod' }, image: 'node:22' })).toEqual([a.id]);
    expect(ids({ state: 'terminated' })).toEqual([c.id]);
    expect(ids({ state: 'paused' })).toEqual([]);
  });

  it('pages with limit/offset: total counts every match, hasMore = offset + data.length < total', () => {
    const { clock, machine, create } = setup();
    const ids = Array.from({ length: 5 }, () => {
      clock.advance(1);
      return create().id;
    }).reverse();
    expect(value(machine.list(KEY, { limit: 2, offset: 0 }))).toMatchObject({
      pagination: { total: 5, limit: 2, offset: 0, hasMore: true },
    });
    const last = value(machine.list(KEY, { limit: 2, offset: 4 }));
    expect(last.data.map((s) => s.id)).toEqual([ids[4]]);
    expect(last.pagination.hasMore).toBe(false);
    expect(value(machine.list(KEY, { offset: 10 })).data).toEqual([]);
    expect(value(machine.list(KEY, { state: 'running', limit: 2, offset: 2 })).data.map((s) => s.id)).toEqual(
      ids.slice(2, 4),
    );
    expect(value(machine.list(KEY)).pagination.limit).toBe(LIMITS.list.limit.default);
  });

  it('refuses a bad limit or state with INVALID_REQUEST', () => {
    const { machine } = setup();
    expect(refusal(machine.list(KEY, { limit: LIMITS.list.limit.max + 1 })).code).toBe('INVALID_REQUEST');
    expect(refusal(machine.list(KEY, { limit: 0 })).code).toBe('INVALID_REQUEST');
    expect(refusal(machine.list(KEY, { state: 'sleeping' as 'running' })).code).toBe('INVALID_REQUEST');
  });

  it("never shows another key's sandboxes", () => {
    const { machine, create } = setup();
    create({ image: 'node:22' }, OTHER_KEY);
    const mine = create();
    expect(value(machine.list(KEY)).data.map((s) => s.id)).toEqual([mine.id]);
  });
});
