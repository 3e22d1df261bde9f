// A TypeScript ESM consumer (module node16): types come from the `import` condition (dist/index.d.ts).
import {
  type PauseResult,
  Runra,
  RunraError,
  type Sandbox,
  SandboxNotFoundError,
  type SandboxState,
  type TerminateResult,
} from 'runra';
import { createMockApi } from 'runra/mock';

/** Never called: each line must type-check, each `@ts-expect-error` must be a real error. */
export function typeOnlyChecks(client: Runra): void {
  // @ts-expect-error image must be a string
  void client.sandboxes.create({ image: 42 });
  // @ts-expect-error image is required
  void client.sandboxes.create({});
  // @ts-expect-error pause takes an id string
  void client.sandboxes.pause(7);
  // @ts-expect-error apiKey must be a string
  void new Runra({ apiKey: 1 });
}

/** The smoke scenario, typed: create, pause, resume, terminate, a typed 404. */
export async function smoke(): Promise<{ steps: string[] }> {
  const api = createMockApi();
  const client = new Runra({ apiKey: 'sk_test_ts_node16', fetch: api.fetch });
  const created: Sandbox = await client.sandboxes.create({ image: 'node:22' });
  const state: SandboxState = created.state;
  const paused: PauseResult = await client.sandboxes.pause(created.id);
  await client.sandboxes.resume(created.id);
  const terminated: TerminateResult = await client.sandboxes.terminate(created.id);
  if (state !== 'running' || paused.state !== 'paused' || terminated.state !== 'terminated') {
    throw new Error(`unexpected states: ${state} ${paused.state} ${terminated.state}`);
  }
  try {
    await client.sandboxes.get('sb_0000000000000nope');
    throw new Error('get of a missing sandbox resolved');
  } catch (error) {
    if (!(error instanceof SandboxNotFoundError) || !(error instanceof RunraError)) throw error;
    const code: string = error.code;
    const status: number | undefined = error.status;
    if (code !== 'SANDBOX_NOT_FOUND' || status !== 404) throw new Error(`unexpected 404: ${code} ${status}`);
  }
  return { steps: ['create', 'pause', 'resume', 'terminate', 'typed-404'] };
}
