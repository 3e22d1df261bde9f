/**
 * Testing your own code against the mock with msw: the SDK is configured as in production
 * (no `fetch` option, default base URL) and msw answers its requests from the mock.
 * In your project: `import { createHandlers } from 'runra/msw'`.
 */
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMockApi } from '../../mock-server/index.js';
import { createHandlers } from '../../mock-server/msw.js';
import { Runra } from '../../src/index.js';
import { openWorkspace } from './workspaces.js';

const handlers = createHandlers({ api: createMockApi({ clock: 'manual' }) });
const server = setupServer(...handlers);
// No `fetch` option, as in production: msw intercepts the global fetch.
const runra = new Runra({ apiKey: 'sk_test_workspaces', maxRetries: 0 });

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => handlers.api.reset());
afterAll(() => server.close());

describe('openWorkspace', () => {
  it('creates a workspace for a new user', async () => {
    const workspace = await openWorkspace(runra, 'u1');
    expect(workspace.state).toBe('running');
    expect(workspace.metadata).toEqual({ userId: 'u1', role: 'workspace' });
  });

  it('reuses the running workspace instead of creating another', async () => {
    const first = await openWorkspace(runra, 'u1');
    const second = await openWorkspace(runra, 'u1');
    expect(second.id).toBe(first.id);
    expect((await runra.sandboxes.list()).pagination.total).toBe(1);
  });

  it('resumes a workspace the idle timer paused', async () => {
    const first = await openWorkspace(runra, 'u1');
    handlers.api.clock.advance(first.idleTimeoutMs);
    expect((await runra.sandboxes.get(first.id)).state).toBe('paused');

    const again = await openWorkspace(runra, 'u1');
    expect(again.id).toBe(first.id);
    expect(again.state).toBe('running');
  });

  it('keeps users apart', async () => {
    const a = await openWorkspace(runra, 'u1');
    const b = await openWorkspace(runra, 'u2');
    expect(b.id).not.toBe(a.id);
  });
});
