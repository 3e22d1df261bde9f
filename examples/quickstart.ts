/**
 * Quickstart: create, pause, resume and terminate a sandbox against the embedded mock.
 * Run: `npx tsx examples/quickstart.ts`. In your project import from `runra` and `runra/mock`.
 */
import { createMockApi } from '../mock-server/index.js';
import { Runra } from '../src/index.js';

const api = createMockApi(); // drop this and the `fetch` option to use the real API
const runra = new Runra({ apiKey: 'sk_test_quickstart', fetch: api.fetch });

const sandbox = await runra.sandboxes.create({ image: 'node:22', metadata: { userId: 'user_123' } });
console.log(`created ${sandbox.id}: ${sandbox.state}, ${sandbox.resources.cpu} vCPU`);

const paused = await runra.sandboxes.pause(sandbox.id);
const resumed = await runra.sandboxes.resume(sandbox.id);
const ended = await runra.sandboxes.terminate(sandbox.id);
console.log(`${paused.state} → ${resumed.state} → ${ended.state} after ${ended.totalRuntimeMs} ms`);
