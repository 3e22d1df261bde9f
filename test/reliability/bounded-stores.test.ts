/**
 * The bounds of the HTTP layer's stores (decisions 0218, 0221) and how a user sets the
 * machine's (0215): the journal by entries and by size (also when entries carry bodies),
 * faults by count and size, `createMockApi({ limits })`. Manual clock, in process.
 */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_JOURNAL_LIMITS,
  entrySize,
  Journal,
  type JournalEntry,
} from '../../mock-server/http/journal.js';
import { createMockApi, FAULT_LIMITS, InvalidFaultError } from '../../mock-server/index.js';

const KEY = 'sk_test_bounded_0001';
const AUTH = { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' };
const base = 'http://mock.test';

const entry = (n: number, extra: Record<string, unknown> = {}): JournalEntry =>
  ({
    requestId: `req_${String(n).padStart(8, '0')}`,
    time: '2026-06-15T10:30:00.000Z',
    method: 'GET',
    path: '/v1/sandboxes',
    status: 200,
    apiKey: 'sk_…0001',
    durationMs: 0.1,
    ...extra,
  }) as JournalEntry;

describe('journal: bounded by entries and by size', () => {
  it('keeps the latest limits.journalEntries entries over HTTP, oldest first', async () => {
    const api = createMockApi({ clock: 'manual', limits: { journalEntries: 5 } });
    for (let i = 0; i < 12; i++) {
      await api.fetch(new Request(`${base}/v1/sandboxes?limit=${i + 1}`, { headers: AUTH }));
    }
    expect(api.journal.entries().map((e) => e.path)).toEqual(
      [8, 9, 10, 11, 12].map((limit) => `/v1/sandboxes?limit=${limit}`),
    );
  });

  it('holds at most 1,000 entries by default (not up to twice that between trims)', () => {
    const journal = new Journal();
    for (let i = 0; i < 1999; i++) journal.record(entry(i));
    expect(journal.size).toBe(DEFAULT_JOURNAL_LIMITS.journalEntries);
    expect(journal.entries()[0]?.requestId).toBe(entry(999).requestId);
  });

  it('entries carrying bodies are bounded by size: the oldest go first, the newest is always kept', () => {
    const journal = new Journal({ journalBytes: 1_000_000 });
    const body = 'x'.repeat(300_000);
    for (let i = 0; i < 10; i++)
      journal.record(entry(i, { requestBody: body, responseBody: { echo: body } }));
    expect(journal.bytes).toBeLessThanOrEqual(1_000_000);
    expect(journal.entries().map((e) => e.requestId)).toEqual([entry(9).requestId]);
    journal.record(entry(10, { findings: [{ rule: 'r', detail: 'y'.repeat(2_000_000) }] }));
    expect(journal.entries().map((e) => e.requestId)).toEqual([entry(10).requestId]);
  });

  it('the size of an entry counts nested values without recursion, cycles once', () => {
    let nested: Record<string, unknown> = { leaf: 'abc' };
    for (let i = 0; i < 100_000; i++) nested = { n: nested };
    expect(entrySize(entry(0, { body: nested }))).toBeGreaterThan(100_000);
    const cyclic: Record<string, unknown> = { text: 'x'.repeat(1000) };
    cyclic.self = cyclic;
    expect(entrySize(entry(0, { body: cyclic }))).toBeLessThan(entrySize(entry(0)) + 1100);
  });

  it('journalEntries: 0 keeps nothing; a bad limit is refused with its name', () => {
    const journal = new Journal({ journalEntries: 0 });
    journal.record(entry(1));
    expect(journal.entries()).toEqual([]);
    expect(() => createMockApi({ limits: { journalBytes: -5 } })).toThrow(
      /limits\.journalBytes must be an integer >= 0/,
    );
  });
});

describe('faults: bounded by count and size', () => {
  it(`at most ${FAULT_LIMITS.maxFaults} registered: the next one is InvalidFaultError in JS, 400 over HTTP`, async () => {
    const api = createMockApi({ clock: 'manual' });
    for (let i = 0; i < FAULT_LIMITS.maxFaults; i++) api.faults.add({ path: `/never/${i}`, latencyMs: 1 });
    expect(() => api.faults.add({ path: '/one/more', latencyMs: 1 })).toThrow(InvalidFaultError);
    const response = await api.fetch(
      new Request(`${base}/_mock/faults`, {
        method: 'POST',
        headers: AUTH,
        body: JSON.stringify({ path: '/one/more', latencyMs: 1 }),
      }),
    );
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(
      /1000 faults are registered already.*remove some first/,
    );
    api.faults.clear();
    expect(api.faults.add({ path: '/again', latencyMs: 1 }).id).toBe('fault_1');
  });

  it(`their JSON totals at most ${FAULT_LIMITS.maxBytes} characters; removing one frees its share`, () => {
    const api = createMockApi({ clock: 'manual' });
    const details = 'd'.repeat(FAULT_LIMITS.maxBytes / 2);
    const first = api.faults.add({ error: { code: 'INTERNAL_ERROR', details } });
    expect(() => api.faults.add({ error: { code: 'INTERNAL_ERROR', details } })).toThrow(/more than 4194304/);
    first.remove();
    expect(api.faults.add({ error: { code: 'INTERNAL_ERROR', details } }).id).toBe('fault_2');
  });

  it('a rule that is not JSON (a cycle) is InvalidFaultError, not a 500 when the faults are listed', () => {
    const api = createMockApi({ clock: 'manual' });
    const details: Record<string, unknown> = {};
    details.self = details;
    expect(() => api.faults.add({ error: { code: 'INTERNAL_ERROR', details } })).toThrow(/JSON-serialisable/);
  });
});

describe('createMockApi({ limits })', () => {
  it('reaches the machine: terminated sandboxes answer 404 after the retention given', async () => {
    const api = createMockApi({ clock: 'manual', limits: { terminatedRetentionMs: 60_000 } });
    const created = await api.fetch(
      new Request(`${base}/v1/sandboxes`, { method: 'POST', headers: AUTH, body: '{"image":"node:22"}' }),
    );
    const { id } = (await created.json()) as { id: string };
    await api.fetch(new Request(`${base}/v1/sandboxes/${id}`, { method: 'DELETE', headers: AUTH }));
    api.clock.advance(60_000);
    const gone = await api.fetch(new Request(`${base}/v1/sandboxes/${id}`, { headers: AUTH }));
    expect(gone.status).toBe(404);
    expect(api.machine.limits.terminatedRetentionMs).toBe(60_000);
  });

  it('an unknown limit is refused, naming the known ones', () => {
    expect(() => createMockApi({ limits: { terminatedRetention: 1 } as never })).toThrow(
      /limits\.terminatedRetention is not a limit; known: idempotencyEntries/,
    );
  });
});

describe("issue 11's traffic: create + terminate pairs on a clock that never moves", () => {
  it('every store stays within its bound however many pairs are made', async () => {
    const limits = { idempotencyEntries: 50, terminatedSandboxes: 40, journalEntries: 30 };
    const api = createMockApi({
      clock: 'manual',
      seed: 3,
      limits,
      createRateLimit: { limit: 10_000, windowMs: 1000 },
    });
    const env = Object.fromEntries(Array.from({ length: 32 }, (_, i) => [`VAR_${i}`, 'x'.repeat(56)]));
    const body = JSON.stringify({ image: 'node:22', env });
    for (let i = 0; i < 1000; i++) {
      const headers = { ...AUTH, 'idempotency-key': `pair-${i}` };
      const created = await api.fetch(new Request(`${base}/v1/sandboxes`, { method: 'POST', headers, body }));
      expect(created.status).toBe(201);
      const { id } = (await created.json()) as { id: string };
      const ended = await api.fetch(
        new Request(`${base}/v1/sandboxes/${id}`, { method: 'DELETE', headers: AUTH }),
      );
      expect(ended.status).toBe(200);
    }
    expect(api.machine.storeSizes()).toEqual({
      liveSandboxes: 0,
      terminatedSandboxes: 40,
      terminatedBytes: expect.any(Number),
      idempotencyEntries: 50,
      idempotencyBytes: expect.any(Number),
      deadlines: 0,
      rateLogEntries: 1000,
      rateLogKeys: 1,
    });
    expect(api.journal.entries()).toHaveLength(30);
    expect(api.exportState().sandboxes).toHaveLength(40);
  });
});
