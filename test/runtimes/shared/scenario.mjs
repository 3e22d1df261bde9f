/**
 * The one smoke scenario every runtime fixture runs against the INSTALLED `runra` tarball:
 * create, pause, resume, terminate, then a typed 404. Plain, runtime-neutral JavaScript
 * (no `node:*`, no `process`) so Node, Deno, Bun, workerd and Chromium load the same file.
 *
 * The caller loads the package its own way (ESM import, CJS require, a bundle) and passes
 * the module in, so the loading path is what each fixture tests.
 */

const SANDBOX_ID = /^sb_[a-z0-9]{17}$/;
const REQUEST_ID = /^req_[a-z0-9]{8}$/;
/** A well-formed id that no sandbox has. */
const MISSING_ID = 'sb_0000000000000nope';

/**
 * @param {boolean} condition
 * @param {string} message
 * @returns {asserts condition}
 */
function check(condition, message) {
  if (!condition) throw new Error(`smoke check failed: ${message}`);
}

/**
 * Runs the scenario and resolves to a short summary, or rejects with the first failed check.
 *
 * @param {{ Runra: new (options: object) => any, SandboxNotFoundError: Function }} runra
 *   the `runra` module as the fixture loaded it
 * @param {object} clientOptions extra `Runra` options: `{ fetch }` for the embedded mock,
 *   `{ baseURL }` for a mock over HTTP, `{}` when msw intercepts the default base URL
 * @returns {Promise<{ steps: string[], sandboxId: string }>}
 */
export async function runScenario(runra, clientOptions) {
  const { Runra, SandboxNotFoundError } = runra;
  check(typeof Runra === 'function', 'Runra is exported');
  check(typeof SandboxNotFoundError === 'function', 'SandboxNotFoundError is exported');
  const client = new Runra({ apiKey: 'sk_test_runtime_smoke', ...clientOptions });
  const steps = [];

  const created = await client.sandboxes.create({ image: 'node:22', metadata: { smoke: 'runtimes' } });
  check(SANDBOX_ID.test(created.id), `create returns a sandbox id (got ${created.id})`);
  check(created.state === 'running', `create answers running (got ${created.state})`);
  check(created.metadata.smoke === 'runtimes', 'create keeps metadata');
  steps.push('create');

  const paused = await client.sandboxes.pause(created.id);
  check(paused.id === created.id && paused.state === 'paused', `pause answers paused (got ${paused.state})`);
  check(typeof paused.runtimeDurationMs === 'number', 'pause reports runtimeDurationMs');
  steps.push('pause');

  const resumed = await client.sandboxes.resume(created.id);
  check(resumed.state === 'running', `resume answers running (got ${resumed.state})`);
  check(typeof resumed.pausedDurationMs === 'number', 'resume reports pausedDurationMs');
  steps.push('resume');

  const terminated = await client.sandboxes.terminate(created.id);
  check(terminated.state === 'terminated', `terminate answers terminated (got ${terminated.state})`);
  check(typeof terminated.totalRuntimeMs === 'number', 'terminate reports totalRuntimeMs');
  steps.push('terminate');

  const read = await client.sandboxes.get(created.id).withResponse();
  check(read.data.state === 'terminated', `get after terminate shows terminated (got ${read.data.state})`);
  check(REQUEST_ID.test(read.requestId ?? ''), `withResponse exposes X-Request-Id (got ${read.requestId})`);
  steps.push('get');

  let caught;
  try {
    await client.sandboxes.get(MISSING_ID);
  } catch (error) {
    caught = error;
  }
  check(caught !== undefined, 'get of a missing sandbox rejects');
  check(caught instanceof SandboxNotFoundError, `the 404 is a SandboxNotFoundError (got ${caught?.name})`);
  check(caught.code === 'SANDBOX_NOT_FOUND', `err.code is SANDBOX_NOT_FOUND (got ${caught.code})`);
  check(caught.status === 404, `err.status is 404 (got ${caught.status})`);
  check(REQUEST_ID.test(caught.requestId ?? ''), `the error carries a requestId (got ${caught.requestId})`);
  steps.push('typed-404');

  return { steps, sandboxId: created.id };
}

/** The marker a fixture prints before its JSON result line, so drivers can find it in noisy output. */
export const RESULT_MARKER = 'RUNRA_SMOKE_RESULT ';
