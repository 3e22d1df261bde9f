/**
 * The idempotency store's bounds (decision 0216): a digest instead of the request, expiry on
 * the mock's clock, a count and a size. Manual clock only.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { IDEMPOTENCY_TTL_MS } from '../../../mock-server/machine/idempotency.js';
import { DEFAULT_MACHINE_LIMITS } from '../../../mock-server/machine/limits.js';
import type { Machine } from '../../../mock-server/machine/machine.js';
import { sha256Hex } from '../../../mock-server/machine/sha256.js';
import { KEY, OTHER_KEY, setup, value } from './helpers.js';

const ENV = { BIG: 'x'.repeat(2048) };
const FINGERPRINT = `POST /v1/sandboxes\n${JSON.stringify({ env: ENV, image: 'node:22' })}`;

describe('idempotency store: what an entry holds', () => {
  it('keeps a SHA-256 digest of the fingerprint, never the request body itself', () => {
    const { machine } = setup();
    value(
      machine.idempotent(KEY, 'k1', FINGERPRINT, () => machine.create(KEY, { image: 'node:22', env: ENV })),
    );
    const [entry] = machine.exportState().idempotency ?? [];
    const digest = createHash('sha256').update(JSON.stringify(FINGERPRINT)).digest('hex');
    expect(entry?.fingerprint).toBe(`sha256:${digest}`);
    expect(JSON.stringify(entry)).not.toContain('POST /v1/sandboxes');
  });

  it('the digest is SHA-256 of the UTF-8 text, lone surrogates and all (checked against node:crypto)', () => {
    for (const text of [
      '',
      'abc',
      'a'.repeat(55),
      'a'.repeat(56),
      'a'.repeat(64),
      'é😀\u202e\u0000',
      '\ud800x',
    ]) {
      expect(sha256Hex(text), JSON.stringify(text)).toBe(createHash('sha256').update(text).digest('hex'));
    }
  });

  it('fingerprints that differ only in lone surrogates still conflict (no two share a digest)', () => {
    const { machine } = setup();
    value(
      machine.idempotent(KEY, 'k', 'POST /v1/sandboxes\n"\ud800"', () =>
        machine.create(KEY, { image: 'node:22' }),
      ),
    );
    const other = machine.idempotent(KEY, 'k', 'POST /v1/sandboxes\n"\udbff"', () =>
      machine.create(KEY, { image: 'node:22' }),
    );
    expect(other.ok ? 'replayed' : other.error.code).toBe('IDEMPOTENCY_CONFLICT');
  });

  it('a snapshot written with the full fingerprint text still replays (the text is digested on load)', () => {
    const { machine } = setup();
    const created = value(machine.create(KEY, { image: 'node:22' }));
    const snapshot = machine.exportState();
    machine.importState({
      ...snapshot,
      idempotency: [
        {
          apiKey: KEY,
          key: 'old',
          fingerprint: 'POST /v1/sandboxes\n{"image":"node:22"}',
          response: created,
          storedAt: snapshot.now!,
        },
      ],
    });
    const again = machine.idempotent(KEY, 'old', 'POST /v1/sandboxes\n{"image":"node:22"}', () =>
      machine.create(KEY, { image: 'node:22' }),
    );
    expect(again.replayed).toBe(true);
    expect(value(again)).toEqual(created);
    expect(machine.exportState().idempotency?.[0]?.fingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('a snapshot whose stored response is not JSON is refused before anything changes', () => {
    const { machine, create } = setup();
    const kept = create();
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const snapshot = {
      version: 1,
      sandboxes: [],
      idempotency: [
        { apiKey: KEY, key: 'k', fingerprint: 'f', response: cyclic, storedAt: '2026-06-15T10:30:00.000Z' },
      ],
    };
    expect(() => machine.importState(snapshot)).toThrow(
      /idempotency\.0\.response: must be JSON-serialisable/,
    );
    expect(value(machine.get(KEY, kept.id)).id).toBe(kept.id);
  });
});

describe('idempotency store: how long and how many', () => {
  it('an entry is replayed until 24 h of mock time after it was stored, then forgotten', () => {
    const { clock, machine } = setup({ limits: { terminatedRetentionMs: Number.POSITIVE_INFINITY } });
    const run = () => machine.create(KEY, { image: 'node:22' });
    value(machine.idempotent(KEY, 'k', 'f', run));
    clock.advance(IDEMPOTENCY_TTL_MS - 1);
    expect(machine.storeSizes().idempotencyEntries).toBe(1);
    expect(machine.idempotent(KEY, 'k', 'f', run).replayed).toBe(true);
    clock.advance(1);
    expect(machine.storeSizes().idempotencyEntries).toBe(0);
  });

  it('beyond limits.idempotencyEntries the oldest entry is forgotten first (a retry of it acts again)', () => {
    const { machine } = setup({ limits: { idempotencyEntries: 3 } });
    const ids = ['k1', 'k2', 'k3', 'k4'].map(
      (key) => value(machine.idempotent(KEY, key, 'f', () => machine.create(KEY, { image: 'node:22' }))).id,
    );
    expect(machine.storeSizes().idempotencyEntries).toBe(3);
    const k2 = machine.idempotent(KEY, 'k2', 'f', () => machine.create(KEY, { image: 'node:22' }));
    expect([k2.replayed, value(k2).id]).toEqual([true, ids[1]]);
    const k1 = machine.idempotent(KEY, 'k1', 'f', () => machine.create(KEY, { image: 'node:22' }));
    expect(k1.replayed).toBe(false);
    expect(value(k1).id).not.toBe(ids[0]);
  });

  it('beyond limits.idempotencyBytes the oldest entries are forgotten until the rest fits', () => {
    const store = (machine: Machine, i: number) =>
      value(
        machine.idempotent(KEY, `k${i}`, `f${i}`, () => machine.create(KEY, { image: 'node:22', env: ENV })),
      );
    // One entry's estimated size (a response of ~2.4 kB), then a budget for three and a half.
    const probe = setup().machine;
    store(probe, 0);
    const perEntry = probe.storeSizes().idempotencyBytes;
    const budget = Math.floor(perEntry * 3.5);
    const { machine } = setup({ limits: { idempotencyBytes: budget } });
    for (let i = 0; i < 10; i++) store(machine, i);
    const sizes = machine.storeSizes();
    expect(sizes.idempotencyBytes).toBeLessThanOrEqual(budget);
    expect(sizes.idempotencyEntries).toBe(3);
    expect(
      machine.idempotent(KEY, 'k9', 'f9', () => machine.create(KEY, { image: 'node:22' })).replayed,
    ).toBe(true);
  });

  it('the count is shared by every API key, and entries of a key that never returns still expire', () => {
    const { clock, machine } = setup({ limits: { idempotencyEntries: 2 } });
    value(machine.idempotent(KEY, 'a', 'f', () => machine.create(KEY, { image: 'node:22' })));
    value(machine.idempotent(OTHER_KEY, 'a', 'f', () => machine.create(OTHER_KEY, { image: 'node:22' })));
    value(machine.idempotent(OTHER_KEY, 'b', 'f', () => machine.create(OTHER_KEY, { image: 'node:22' })));
    expect(machine.idempotent(KEY, 'a', 'f', () => machine.create(KEY, { image: 'node:22' })).replayed).toBe(
      false,
    );
    clock.advance(IDEMPOTENCY_TTL_MS);
    value(machine.idempotent(OTHER_KEY, 'c', 'f', () => machine.create(OTHER_KEY, { image: 'node:22' })));
    expect(machine.storeSizes().idempotencyEntries).toBe(1);
  });

  it('defaults: 10,000 entries and 32 MiB', () => {
    expect(DEFAULT_MACHINE_LIMITS).toMatchObject({
      idempotencyEntries: 10_000,
      idempotencyBytes: 32 * 2 ** 20,
    });
    expect(setup().machine.limits.idempotencyEntries).toBe(10_000);
  });
});
