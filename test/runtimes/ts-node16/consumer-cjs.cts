// A TypeScript CommonJS consumer (.cts under node16): types come from the `require` condition
// (dist/index.d.cts) and the emitted file calls require('runra').
import { Runra, SandboxNotFoundError } from 'runra';
import { createMockApi } from 'runra/mock';

/** The smoke scenario through the CJS build: create, pause, resume, terminate, a typed 404. */
export async function smoke(): Promise<{ steps: string[] }> {
  const api = createMockApi();
  const client = new Runra({ apiKey: 'sk_test_ts_node16_cjs', fetch: api.fetch });
  const created = await client.sandboxes.create({ image: 'node:22' });
  await client.sandboxes.pause(created.id);
  await client.sandboxes.resume(created.id);
  const terminated = await client.sandboxes.terminate(created.id);
  if (terminated.state !== 'terminated') throw new Error(`terminate answered ${terminated.state}`);
  const missing = await client.sandboxes.get('sb_0000000000000nope').then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!(missing instanceof SandboxNotFoundError) || missing.code !== 'SANDBOX_NOT_FOUND') {
    throw new Error(`expected a SandboxNotFoundError, got ${String(missing)}`);
  }
  return { steps: ['create', 'pause', 'resume', 'terminate', 'typed-404'] };
}
