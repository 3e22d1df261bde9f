// Driver: bundles worker.mjs for the browser/worker conditions with esbuild, serves it with
// workerd on a free 127.0.0.1 port (no nodejs_compat flag), requests it once, prints the
// result line and exits non-zero on failure.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { freePort, waitForHttp } from '../harness/net.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, 'dist');
mkdirSync(dist, { recursive: true });

const bundle = await build({
  entryPoints: [join(here, 'worker.mjs')],
  outfile: join(dist, 'worker.js'),
  bundle: true,
  format: 'esm',
  platform: 'browser',
  conditions: ['workerd', 'worker', 'browser'],
  // runra/mock's startMockServer imports node:http lazily (never called in a Worker): keep Node
  // built-ins external, as a Worker build must, and list any that the bundle still references.
  external: ['node:*', ...builtinModules],
  metafile: true,
  logLevel: 'warning',
});
const inputs = Object.keys(bundle.metafile.inputs);
if (!inputs.some((path) => path.endsWith('node_modules/runra/dist/index.js'))) {
  throw new Error('the worker bundle does not contain runra/dist/index.js (the ESM/browser build)');
}

const external = Object.values(bundle.metafile.outputs)
  .flatMap((output) => output.imports)
  .filter((entry) => entry.external)
  .map((entry) => `${entry.kind === 'dynamic-import' ? 'import()' : 'import'} ${entry.path}`);
if (external.length > 0)
  console.log(`worker bundle keeps external (not loaded unless called): ${external.join(', ')}`);

const port = await freePort();
writeFileSync(
  join(dist, 'config.capnp'),
  `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [(name = "main", worker = .smokeWorker)],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);
const smokeWorker :Workerd.Worker = (
  modules = [(name = "worker.js", esModule = embed "worker.js")],
  compatibilityDate = "2025-01-01",
);
`,
);

// The bin link works whether npm left the JS launcher or the native binary in place.
const workerdBin = join(here, 'node_modules', '.bin', 'workerd');
const child = spawn(workerdBin, ['serve', join(dist, 'config.capnp')], {
  stdio: ['ignore', 'inherit', 'inherit'],
});
try {
  await waitForHttp(`http://127.0.0.1:${port}/`, 30_000, () => child.exitCode !== null);
  const response = await fetch(`http://127.0.0.1:${port}/smoke`);
  const body = await response.text();
  console.log(body);
  if (response.status !== 200) process.exitCode = 1;
} finally {
  child.kill('SIGTERM');
}
