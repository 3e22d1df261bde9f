import { describe, expect, it } from 'vitest';
import { LIMITS, SandboxSchema } from '../../../src/schemas/index.js';
import { KEY, refusal, setup, value } from './helpers.js';

describe('machine create', () => {
  it('applies every default from LIMITS', () => {
    const { create } = setup();
    expect(create({ image: 'python:3.12' })).toMatchObject({
      image: 'python:3.12',
      resources: {
        cpu: LIMITS.resources.cpu.default,
        memoryMb: LIMITS.resources.memoryMb.default,
        diskMb: LIMITS.resources.diskMb.default,
      },
      env: {},
      workdir: LIMITS.workdir.default,
      timeoutMs: LIMITS.timeoutMs.default,
      idleTimeoutMs: LIMITS.idleTimeoutMs.default,
      metadata: {},
      network: { egress: { default: 'allow' } },
    });
  });

  it('keeps the page example request as given', () => {
    const { create } = setup();
    const body = {
      image: 'node:22',
      resources: { cpu: 4, memoryMb: 8192, diskMb: 20480 },
      env: { NODE_ENV: 'production', CI: 'true' },
      workdir: '/srv',
      timeoutMs: 600_000,
      idleTimeoutMs: 60_000,
      metadata: { userId: 'user_123', projectId: 'proj_456' },
      network: { egress: { allow: ['github.com', '*.npmjs.org'], default: 'deny' } },
    };
    const sandbox = create(body);
    expect(SandboxSchema.safeParse(sandbox).success).toBe(true);
    expect(sandbox).toMatchObject(body);
  });

  it.each([
    [{ image: 'node:22', resources: { cpu: 3 } }, 'resources.cpu', 'must be one of 2, 4, 8, got 3'],
    [{}, 'image', undefined],
    [{ image: 'node 22' }, 'image', undefined],
    [{ image: 'x'.repeat(LIMITS.image.maxLength + 1) }, 'image', undefined],
    [
      { image: 'node:22', resources: { memoryMb: LIMITS.resources.memoryMb.min - 1 } },
      'resources.memoryMb',
      undefined,
    ],
    [
      { image: 'node:22', resources: { diskMb: LIMITS.resources.diskMb.max + 1 } },
      'resources.diskMb',
      undefined,
    ],
    [{ image: 'node:22', env: { '1BAD': 'x' } }, 'env.1BAD', undefined],
    [{ image: 'node:22', workdir: 'relative' }, 'workdir', undefined],
    [{ image: 'node:22', timeoutMs: 0 }, 'timeoutMs', undefined],
    [{ image: 'node:22', idleTimeoutMs: LIMITS.idleTimeoutMs.max + 1 }, 'idleTimeoutMs', undefined],
    [{ image: 'node:22', memoryMB: 4096 }, 'memoryMB', 'unknown field'],
    [{ image: 'node:22', network: { egress: { default: 'maybe' } } }, 'network.egress.default', undefined],
  ])('refuses %j with INVALID_CONFIG naming %s', (body, field, reason) => {
    const { machine } = setup();
    const error = refusal(machine.create(KEY, body));
    expect(error.code).toBe('INVALID_CONFIG');
    expect(error.details).toMatchObject({ field });
    if (reason) expect(error.details).toMatchObject({ reason });
    expect(value(machine.list(KEY)).pagination.total).toBe(0);
  });

  it('refuses more than the metadata key limit', () => {
    const { machine } = setup();
    const metadata = Object.fromEntries(
      Array.from({ length: LIMITS.metadata.maxKeys + 1 }, (_, i) => [`k${i}`, 'v']),
    );
    expect(refusal(machine.create(KEY, { image: 'node:22', metadata })).code).toBe('INVALID_CONFIG');
  });

  it('keeps __proto__ and constructor keys of metadata and env as plain data', () => {
    const { machine } = setup();
    const body = JSON.parse(
      '{"image":"node:22","metadata":{"__proto__":"a","constructor":"b"},"env":{"__proto__":"c"}}',
    );
    const sandbox = value(machine.create(KEY, body));
    expect(Object.hasOwn(sandbox.metadata, '__proto__')).toBe(true);
    expect(Object.getOwnPropertyDescriptor(sandbox.metadata, '__proto__')?.value).toBe('a');
    expect(sandbox.metadata.constructor).toBe('b');
    expect(Object.getPrototypeOf(sandbox.metadata)).toBe(Object.prototype);
    expect(JSON.parse(JSON.stringify(sandbox)).env).toEqual(JSON.parse('{"__proto__":"c"}'));
    const filtered = value(machine.list(KEY, { metadata: JSON.parse('{"__proto__":"a"}') }));
    expect(filtered.data.map((s) => s.id)).toEqual([sandbox.id]);
  });

  it('ids are seeded: the same seed gives the same ids', () => {
    const a = setup({ seed: 99 });
    const b = setup({ seed: 99 });
    const first = a.create().id;
    expect([first, a.create().id]).toEqual([b.create().id, b.create().id]);
    expect(setup({ seed: 100 }).create().id).not.toBe(first);
  });
});
