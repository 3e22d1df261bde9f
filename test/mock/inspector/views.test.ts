import { describe, expect, it } from 'vitest';
import { createMockApi } from '../../../mock-server/api.js';
import type { JournalEntry } from '../../../mock-server/http/journal.js';
import { keyLabel } from '../../../mock-server/inspector/key-label.js';
import { requestSummary } from '../../../mock-server/inspector/views.js';
import { apiKeyOwner } from '../../../mock-server/machine/owner.js';

const entry: JournalEntry = {
  requestId: 'req_abcdefgh',
  time: '2026-06-15T10:30:00.000Z',
  method: 'GET',
  path: '/v1/sandboxes/sb_x',
  status: 404,
  apiKey: 'sk_…a1b2',
  durationMs: 0.4,
  responseBody: { text: '{"error":{"code":"SANDBOX_NOT_FOUND","message":"Sandbox sb_x not found"}}' },
};

describe('inspector views', () => {
  it('a request summary: the error code read from the envelope answered, no bodies', () => {
    const summary = requestSummary(entry);
    expect(summary).toEqual({
      requestId: 'req_abcdefgh',
      time: '2026-06-15T10:30:00.000Z',
      method: 'GET',
      path: '/v1/sandboxes/sb_x',
      status: 404,
      code: 'SANDBOX_NOT_FOUND',
      durationMs: 0.4,
      key: 'sk_…a1b2',
    });
    // A 2xx body that happens to look like an envelope is not an error.
    expect(requestSummary({ ...entry, status: 200 }).code).toBeUndefined();
  });

  it("a verifying proxy's findings on an entry are counted, so the list can mark it", () => {
    const withFindings = {
      ...entry,
      findings: [
        { kind: 'shape' as const, path: 'state', message: 'not a known state' },
        { kind: 'behaviour' as const, message: 'paused twice' },
      ],
    };
    expect(requestSummary(withFindings).findings).toBe(2);
    expect(requestSummary({ ...entry, findings: [] } as JournalEntry).findings).toBeUndefined();
    expect(
      requestSummary({ ...entry, findings: 'garbage' } as unknown as JournalEntry).findings,
    ).toBeUndefined();
  });

  it('a key becomes its masked label, never itself; an owner whose key is unknown shows its id cut', () => {
    const api = createMockApi({ clock: 'manual' });
    const key = 'sk_test_0123456789a1b2';
    api.machine.create(key, { image: 'node:22' });
    api.machine.create('sk_short', { image: 'node:22' });
    const labels = [...api.machine.records()].map((record) => keyLabel(record));
    expect(labels.sort()).toEqual(['sk_…', 'sk_…a1b2']);
    const snapshot = JSON.stringify(api.exportState());
    expect(snapshot).not.toContain(key);
    expect(snapshot).toContain('"keyLabel":"sk_…a1b2"');
    const owner = apiKeyOwner(key);
    expect(keyLabel({ apiKey: owner })).toBe(`${owner.slice(0, 15)}…`);
  });

  it('a hand-written snapshot entry that gives the key keeps only its mask', () => {
    const api = createMockApi({ clock: 'manual' });
    const key = 'sk_test_handwritten_9z9z';
    api.importState({
      version: 2,
      sandboxes: [
        {
          apiKey: key,
          id: 'sb_x7k2m9p4q1w3v5b8n',
          state: 'running',
          image: 'node:22',
          createdAt: '2026-06-15T10:30:00.000Z',
          startedAt: '2026-06-15T10:30:00.000Z',
        } as never,
      ],
    });
    const [record] = [...api.machine.records()];
    expect(record && keyLabel(record)).toBe('sk_…9z9z');
    expect(JSON.stringify(api.exportState())).not.toContain(key);
  });
});
