/**
 * A user's own code, the thing under test: every user gets one workspace sandbox, reused
 * while it lives, resumed when it was paused, created when there is none.
 */
import type { Runra, Sandbox } from '../../src/index.js';

/**
 * Returns the user's workspace, running.
 * @throws {RunraError} whatever the API answers that is not handled here.
 */
export async function openWorkspace(runra: Runra, userId: string): Promise<Sandbox> {
  for await (const sandbox of runra.sandboxes.list({ metadata: { userId, role: 'workspace' } })) {
    if (sandbox.state === 'running') return runra.sandboxes.get(sandbox.id);
    if (sandbox.state === 'paused') {
      await runra.sandboxes.resume(sandbox.id);
      return runra.sandboxes.get(sandbox.id);
    }
  }
  return runra.sandboxes.create({ image: 'node:22', metadata: { userId, role: 'workspace' } });
}
