import { describe, expect, it } from 'vitest';
import { JOURNAL_BODY_MAX_CHARS, journalBody } from '../../../mock-server/http/journal-body.js';
import { KEY, setup } from '../http/helpers.js';

describe('journal: request and response bodies', () => {
  it('a create keeps the body sent and the body answered; no header, the key only masked', async () => {
    const { api, call } = setup();
    const created = await call('POST', '/v1/sandboxes', {
      body: { image: 'node:22', metadata: { team: 'ml' } },
    });
    const [entry] = api.journal.entries();
    expect(JSON.parse(entry?.requestBody?.text ?? '')).toEqual({
      image: 'node:22',
      metadata: { team: 'ml' },
    });
    expect(JSON.parse(entry?.responseBody?.text ?? '')).toEqual(created.json);
    expect(entry?.requestBody?.truncatedFrom).toBeUndefined();
    expect(JSON.stringify(api.journal.entries())).not.toContain(KEY);
    expect(entry).not.toHaveProperty('headers');
  });

  it('a GET has no request body; an error keeps its envelope', async () => {
    const { api, call } = setup();
    await call('GET', '/v1/sandboxes/sb_nothere');
    const [entry] = api.journal.entries();
    expect(entry?.requestBody).toBeUndefined();
    expect(JSON.parse(entry?.responseBody?.text ?? '')).toMatchObject({
      error: { code: 'SANDBOX_NOT_FOUND' },
    });
  });

  it('a body longer than the cap is cut to its head and marked with its whole length', async () => {
    const { api, call } = setup();
    for (let i = 0; i < 40; i++) await call('POST', '/v1/sandboxes', { body: { image: 'node:22' } });
    api.journal.clear();
    const listed = await call('GET', '/v1/sandboxes?limit=100');
    const whole = JSON.stringify(listed.json);
    expect(whole.length).toBeGreaterThan(JOURNAL_BODY_MAX_CHARS);
    const [entry] = api.journal.entries();
    expect(entry?.responseBody?.truncatedFrom).toBe(whole.length);
    expect(entry?.responseBody?.text).toBe(whole.slice(0, JOURNAL_BODY_MAX_CHARS));
  });

  it('an injected error keeps the request body its route never read, and the envelope answered', async () => {
    const { api, call } = setup();
    api.faults.add({ method: 'POST', path: '/v1/sandboxes', error: { code: 'RESOURCE_EXHAUSTED' } });
    await call('POST', '/v1/sandboxes', { body: { image: 'node:22' } });
    const [entry] = api.journal.entries();
    expect(entry?.requestBody?.text).toBe('{"image":"node:22"}');
    expect(JSON.parse(entry?.responseBody?.text ?? '')).toMatchObject({
      error: { code: 'RESOURCE_EXHAUSTED' },
    });
  });

  it('a body refused before it was read (over 1 MiB) is not kept', async () => {
    const { api, call } = setup();
    const answer = await call('POST', '/v1/sandboxes', { raw: 'x'.repeat(1024 * 1024 + 1) });
    expect(answer.status).toBe(413);
    expect(api.journal.entries()[0]?.requestBody).toBeUndefined();
  });

  it('a request a fault answers or drops before acting keeps the body it sent; a drop after keeps both', async () => {
    const { api, call } = setup();
    api.faults.add({ method: 'POST', path: '/v1/sandboxes', drop: 'before' });
    await expect(call('POST', '/v1/sandboxes', { body: { image: 'node:22' } })).rejects.toThrow(TypeError);
    api.faults.add({ method: 'POST', path: '/v1/sandboxes', drop: 'after' });
    await expect(call('POST', '/v1/sandboxes', { body: { image: 'node:22' } })).rejects.toThrow(TypeError);
    const [before, after] = api.journal.entries();
    expect(before?.responseBody).toBeUndefined();
    expect(before?.requestBody?.text).toBe('{"image":"node:22"}');
    expect(after?.requestBody?.text).toBe('{"image":"node:22"}');
    expect(JSON.parse(after?.responseBody?.text ?? '')).toMatchObject({ state: 'running' });
  });

  it('journalBody never cuts a surrogate pair in half, and copies the head it keeps', () => {
    const text = `${'a'.repeat(JOURNAL_BODY_MAX_CHARS - 1)}😀tail`;
    const kept = journalBody(text);
    expect(kept?.text).toBe('a'.repeat(JOURNAL_BODY_MAX_CHARS - 1));
    expect(kept?.truncatedFrom).toBe(text.length);
    expect(journalBody('')).toBeUndefined();
    expect(journalBody('{}')).toEqual({ text: '{}' });
  });
});
