// A TypeScript consumer with moduleResolution bundler (what Vite, esbuild and webpack users
// configure): types from the `import` condition, code bundled by esbuild.
import {
  APIError,
  type CreateSandboxParams,
  type ErrorCode,
  Runra,
  type Sandbox,
  SandboxNotFoundError,
  type SandboxState,
} from 'runra';
import { createMockApi } from 'runra/mock';

/** Never called: each line must type-check, each `@ts-expect-error` must be a real error. */
export function typeOnlyChecks(client: Runra): void {
  const params: CreateSandboxParams = { image: 'python:3.12', env: { DEBUG: '1' } };
  void client.sandboxes.create(params);
  // @ts-expect-error image must be a string
  void client.sandboxes.create({ image: ['node:22'] });
  // @ts-expect-error resume takes an id string
  void client.sandboxes.resume({ id: 'sb_x' });
  const code: ErrorCode = 'SANDBOX_NOT_FOUND';
  void code;
}

/** The smoke scenario, typed: create, pause, resume, terminate, a typed 404. */
export async function smoke(): Promise<{ steps: string[] }> {
  const api = createMockApi();
  const client = new Runra({ apiKey: 'sk_test_ts_bundler', fetch: api.fetch });
  const created: Sandbox = await client.sandboxes.create({ image: 'node:22' });
  const paused = await client.sandboxes.pause(created.id);
  const resumed = await client.sandboxes.resume(created.id);
  const terminated = await client.sandboxes.terminate(created.id);
  const states: SandboxState[] = [created.state, paused.state, resumed.state, terminated.state];
  if (states.join() !== 'running,paused,running,terminated') throw new Error(`states: ${states.join()}`);
  const missing: unknown = await client.sandboxes
    .get('sb_0000000000000nope')
    .catch((error: unknown) => error);
  if (!(missing instanceof SandboxNotFoundError && missing instanceof APIError)) {
    throw new Error(`expected a SandboxNotFoundError, got ${String(missing)}`);
  }
  if (missing.code !== 'SANDBOX_NOT_FOUND' || missing.status !== 404) {
    throw new Error(`unexpected 404: ${missing.code} ${missing.status}`);
  }
  return { steps: ['create', 'pause', 'resume', 'terminate', 'typed-404'] };
}
