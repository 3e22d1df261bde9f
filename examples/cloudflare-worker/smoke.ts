/**
 * Checks the Worker without Cloudflare's tooling: bundles it as Wrangler would (browser
 * platform, `workerd`/`worker`/`browser` conditions) and fails if anything from `node:*` is
 * reachable, then calls its `fetch` handler with real `Request`s.
 * Run: `npx tsx examples/cloudflare-worker/smoke.ts`.
 */
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import worker from './worker.js';

const entry = fileURLToPath(new URL('./worker.ts', import.meta.url));
const bundle = await build({
  entryPoints: [entry],
  bundle: true,
  format: 'esm',
  platform: 'browser',
  conditions: ['workerd', 'worker', 'browser'],
  minify: true,
  write: false,
  metafile: true,
  external: ['node:*'],
});
const nodeImports = Object.values(bundle.metafile.inputs)
  .flatMap((input) => input.imports)
  .filter((i) => i.path.startsWith('node:'));
const loaded = nodeImports.filter((i) => i.kind !== 'dynamic-import').map((i) => i.path);
assert.deepEqual(loaded, [], 'the Worker bundle must not load node:* modules');
console.log(
  `bundle: ${Math.round((bundle.outputFiles[0]?.contents.length ?? 0) / 1024)} kB, loads no node:* module`,
);
const deferred = nodeImports.filter((i) => i.kind === 'dynamic-import').map((i) => i.path);
if (deferred.length > 0)
  console.log(`  note: never-run dynamic import() of ${deferred.join(', ')} left external`);

const env = {};
const call = async (method: string, path: string) => {
  const response = await worker.fetch(new Request(`https://broker.example.com${path}`, { method }), env);
  const body = (await response.json()) as Record<string, unknown>;
  console.log(`${method} ${path} → ${response.status} ${JSON.stringify(body)}`);
  return { status: response.status, body };
};

const created = await call('POST', '/sandboxes?user=ada');
assert.equal(created.status, 201);
const listed = await call('GET', '/sandboxes?user=ada');
assert.deepEqual(listed.body.running, [created.body.id]);
const ended = await call('DELETE', `/sandboxes/${String(created.body.id)}`);
assert.equal(ended.body.state, 'terminated');
const missing = await call('DELETE', '/sandboxes/sb_0000000000000nope');
assert.equal(missing.status, 404);
assert.equal(missing.body.error, 'SANDBOX_NOT_FOUND');
