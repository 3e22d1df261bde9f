import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../../mock-server/http/journal.js';
import { keyLabel } from '../../../mock-server/inspector/key-label.js';
import { requestSummary } from '../../../mock-server/inspector/views.js';

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
        { kind: 'shape', path: 'state', message: 'not a known state' },
        { kind: 'behaviour', message: 'paused twice' },
      ],
    };
    expect(requestSummary(withFindings).findings).toBe(2);
    expect(requestSummary({ ...entry, findings: [] } as JournalEntry).findings).toBeUndefined();
    expect(
      requestSummary({ ...entry, findings: 'garbage' } as unknown as JournalEntry).findings,
    ).toBeUndefined();
  });

  it('a key becomes its masked label, never itself', () => {
    expect(keyLabel('sk_test_0123456789a1b2')).toBe('sk_…a1b2');
    expect(keyLabel('sk_short')).toBe('sk_…');
  });
});
