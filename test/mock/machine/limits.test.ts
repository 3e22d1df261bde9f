import { describe, expect, it } from 'vitest';
import { IDEMPOTENCY_TTL_MS } from '../../../mock-server/machine/idempotency.js';
import { KEY, OTHER_KEY, refusal, setup, value } from './helpers.js';

describe('machine tenancy', () => {
  it("another key's sandbox is indistinguishable from a missing one", () => {
    const { machine, create } = setup();
    const { id } = create();
    expect(refusal(machine.get(OTHER_KEY, id))).toEqual(refusal(machine.get(OTHER_KEY, id)));
    expect(refusal(machine.get(OTHER_KEY, id)).code).toBe('SANDBOX_NOT_FOUND');
    expect(refusal(machine.terminate(OTHER_KEY, id)).code).toBe('SANDBOX_NOT_FOUND');
    expect(value(machine.list(OTHER_KEY)).pagination.total).toBe(0);
    expect(value(machine.get(KEY, id)).state).toBe('running');
  });
});

describe('machine idempotency', () => {
  it('the same key and fingerprint replays the first value without acting again', () => {
    const { machine } = setup();
    const run = () => machine.create(KEY, { image: 'node:22' });
    const first = machine.idempotent(KEY, 'idem-1', 'POST /v1/sandboxes {"image":"node:22"}', run);
    const again = machine.idempotent(KEY, 'idem-1', 'POST /v1/sandboxes {"image":"node:22"}', run);
    expect(first.replayed).toBe(false);
    expect(again.replayed).toBe(true);
    expect(value(again)).toEqual(value(first));
    expect(value(machine.list(KEY)).pagination.total).toBe(1);
  });

  it('a different fingerprint answers 409 IDEMPOTENCY_CONFLICT', () => {
    const { machine } = setup();
    machine.idempotent(KEY, 'idem-1', 'a', () => machine.create(KEY, { image: 'node:22' }));
    expect(
      refusal(machine.idempotent(KEY, 'idem-1', 'b', () => machine.create(KEY, { image: 'node:20' }))),
    ).toMatchObject({
      code: 'IDEMPOTENCY_CONFLICT',
      details: { idempotencyKey: 'idem-1' },
    });
  });

  it('keys are scoped per API key, refusals are not stored, and entries expire after 24 h', () => {
    const { clock, machine } = setup({ capacityCpu: 2 });
    value(machine.idempotent(KEY, 'k', 'f', () => machine.create(KEY, { image: 'node:22' })));
    const refused = machine.idempotent(OTHER_KEY, 'k', 'f', () =>
      machine.create(OTHER_KEY, { image: 'node:22' }),
    );
    expect(refusal(refused).code).toBe('RESOURCE_EXHAUSTED');
    clock.advance(IDEMPOTENCY_TTL_MS - 1);
    // The idle pause freed capacity: the retried refusal now succeeds.
    expect(
      value(machine.idempotent(OTHER_KEY, 'k', 'f', () => machine.create(OTHER_KEY, { image: 'node:22' })))
        .id,
    ).toMatch(/^sb_/);
    expect(machine.idempotent(KEY, 'k', 'f', () => machine.create(KEY, { image: 'node:22' })).replayed).toBe(
      true,
    );
    clock.advance(1);
    expect(machine.idempotent(KEY, 'k', 'f', () => machine.create(KEY, { image: 'node:22' })).replayed).toBe(
      false,
    );
  });
});

describe('machine rate limit', () => {
  it('refuses the create over the limit with 429 RATE_LIMITED and the wait until the window frees', () => {
    const { clock, machine, create } = setup({ createRateLimit: { limit: 2, windowMs: 10_000 } });
    create();
    clock.advance(4000);
    create();
    const error = refusal(machine.create(KEY, { image: 'node:22' }));
    expect(error).toMatchObject({
      code: 'RATE_LIMITED',
      retryAfterMs: 6000,
      details: { retryAfterMs: 6000, limit: 2 },
    });
    expect(value(machine.list(KEY)).pagination.total).toBe(2);
    expect(machine.create(OTHER_KEY, { image: 'node:22' }).ok).toBe(true);
    clock.advance(5999);
    expect(refusal(machine.create(KEY, { image: 'node:22' })).retryAfterMs).toBe(1);
    clock.advance(1);
    expect(machine.create(KEY, { image: 'node:22' }).ok).toBe(true);
  });

  it('invalid creates do not use up the budget', () => {
    const { machine } = setup({ createRateLimit: { limit: 1, windowMs: 10_000 } });
    expect(refusal(machine.create(KEY, { image: '' })).code).toBe('INVALID_CONFIG');
    expect(machine.create(KEY, { image: 'node:22' }).ok).toBe(true);
  });
});

describe('machine capacity', () => {
  it('counts vCPUs of creating and running sandboxes; over capacity answers 503 RESOURCE_EXHAUSTED', () => {
    const { machine, create } = setup({ capacityCpu: 8, bootMs: 1000 });
    create({ image: 'node:22', resources: { cpu: 4 } });
    create({ image: 'node:22', resources: { cpu: 2 } }, 'sk_other_key_1');
    const error = refusal(machine.create(KEY, { image: 'node:22', resources: { cpu: 4 } }));
    expect(error).toMatchObject({
      code: 'RESOURCE_EXHAUSTED',
      details: { requestedCpu: 4, availableCpu: 2, capacityCpu: 8 },
    });
    expect(error.retryAfterMs).toBeGreaterThan(0);
    expect(machine.create(KEY, { image: 'node:22', resources: { cpu: 2 } }).ok).toBe(true);
  });

  it('a paused sandbox frees its vCPUs; resume is refused while they are taken', () => {
    const { machine, create } = setup({ capacityCpu: 4 });
    const first = create({ image: 'node:22', resources: { cpu: 4 } });
    value(machine.pause(KEY, first.id));
    expect(machine.usage().usedCpu).toBe(0);
    const second = create({ image: 'node:22', resources: { cpu: 2 } });
    expect(refusal(machine.resume(KEY, first.id)).code).toBe('RESOURCE_EXHAUSTED');
    expect(refusal(machine.activity(KEY, first.id)).code).toBe('RESOURCE_EXHAUSTED');
    expect(value(machine.get(KEY, first.id)).state).toBe('paused');
    value(machine.terminate(KEY, second.id));
    expect(value(machine.resume(KEY, first.id)).state).toBe('running');
    expect(machine.usage().usedCpu).toBe(4);
  });
});
