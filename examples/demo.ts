/**
 * `npm run demo`: the runra SDK drives the Sandboxes API through a whole lifecycle.
 *
 * By default it talks to the mock embedded in this process (no key, no network), with a
 * manual clock so the timers can be shown in an instant. With `RUNRA_API_KEY` set (and
 * optionally `RUNRA_BASE_URL`, e.g. a `runra-mock` server) it runs against that API instead.
 */
import { type CreateSandboxParams, InvalidConfigError, InvalidStateError, RunraError } from '../src/index.js';
import { clockTime, duration, egress, resources, section, step } from './demo/format.js';
import { chooseTarget } from './demo/target.js';

/** The create request of the API reference, verbatim. */
const FULL_EXAMPLE = {
  image: 'node:22',
  resources: { cpu: 2, memoryMb: 4096, diskMb: 10240 },
  env: { NODE_ENV: 'production', CI: 'true' },
  workdir: '/workspace',
  timeoutMs: 300000,
  idleTimeoutMs: 120000,
  metadata: { userId: 'user_123', projectId: 'proj_456' },
  network: { egress: { allow: ['github.com', 'registry.npmjs.org'], default: 'deny' } },
} satisfies CreateSandboxParams;

const { runra, mock, description } = chooseTarget();
/** Tags every sandbox of this run, so listing and cleanup touch nothing else. */
const run = `demo-${Date.now().toString(36)}`;
const created: string[] = [];

console.log(`runra demo: the SDK against ${description}`);
if (mock) console.log('Set RUNRA_API_KEY (and optionally RUNRA_BASE_URL) to run it against a real API.');

try {
  section('1. Create');
  const minimal = await runra.sandboxes.create({ image: 'node:22', metadata: { run } });
  created.push(minimal.id);
  step(`minimal = create({ image: 'node:22' }) → ${minimal.id} ${minimal.state}`);
  step(`  defaults applied: ${resources(minimal)}, workdir ${minimal.workdir},`);
  step(`  lifetime ${duration(minimal.timeoutMs)}, idle auto-pause ${duration(minimal.idleTimeoutMs)}`);
  const full = await runra.sandboxes.create({ ...FULL_EXAMPLE, metadata: { ...FULL_EXAMPLE.metadata, run } });
  created.push(full.id);
  step(
    `full    = create({ image, resources, env, workdir, timeoutMs, idleTimeoutMs, metadata, network }) → ${full.id} ${full.state}`,
  );
  step(
    `  env ${Object.keys(full.env).join(', ')}; egress ${egress(full)}; tags ${Object.keys(full.metadata).join(', ')}`,
  );
  step('  (every sandbox of this run is also tagged `run`, so the demo lists and cleans up only its own)');

  section('2. List: a filter, one page, then every page with for await');
  for (const image of ['python:3.12', 'python:3.12', 'python:3.12', 'ubuntu:24.04']) {
    created.push((await runra.sandboxes.create({ image, metadata: { run } })).id);
  }
  step(`created 4 more: 3 × python:3.12, 1 × ubuntu:24.04; all 6 tagged metadata.run=${run}`);
  const filter = { metadata: { run }, limit: 2 };
  const page = await runra.sandboxes.list(filter);
  const { total, hasMore } = page.pagination;
  step(
    `await list({ metadata: { run }, limit: 2 })     → ${page.data.length} of ${total}, hasMore ${hasMore}`,
  );
  const seen: string[] = [];
  for await (const sandbox of runra.sandboxes.list(filter)) seen.push(sandbox.image);
  step(`for await (… of list({ metadata: { run }, limit: 2 })) → ${seen.length} items, fetched 2 per page`);
  const python = await runra.sandboxes.list({ image: 'python:3.12', metadata: { run } });
  step(`await list({ image: 'python:3.12', metadata: { run } }) → ${python.pagination.total} sandboxes`);

  section('3. Pause and resume');
  mock?.clock.advance(30_000);
  const paused = await runra.sandboxes.pause(full.id);
  step(
    `pause(full)  → ${paused.state} at ${clockTime(paused.pausedAt)}, runtimeDurationMs ${paused.runtimeDurationMs} (${duration(paused.runtimeDurationMs)})`,
  );
  mock?.clock.advance(60_000);
  const resumed = await runra.sandboxes.resume(full.id);
  step(
    `resume(full) → ${resumed.state} at ${clockTime(resumed.resumedAt)}, pausedDurationMs ${resumed.pausedDurationMs} (${duration(resumed.pausedDurationMs)})`,
  );

  section('4. Timers: move the mock clock instead of waiting');
  if (mock) {
    mock.clock.advance(30_000);
    const idle = await runra.sandboxes.get(minimal.id);
    step(
      `clock at ${clockTime(new Date(mock.clock.now()).toISOString())}, minimal untouched since its creation → get(minimal).state is ${idle.state} (idle auto-pause)`,
    );
    step(
      `  pausedAt ${clockTime(idle.pausedAt)} = createdAt ${clockTime(idle.createdAt)} + idle ${duration(idle.idleTimeoutMs)}`,
    );
  } else {
    step('skipped: only the mock’s clock can be moved');
  }

  section('5. Typed errors, caught');
  try {
    await runra.sandboxes.pause(full.id);
    await runra.sandboxes.pause(full.id);
  } catch (err) {
    if (!(err instanceof InvalidStateError)) throw err;
    step(`pause(full) twice → ${err.name}, ${err.status} ${err.code}`);
    step(`  "${err.message}"; details ${JSON.stringify(err.details)}; requestId ${err.requestId}`);
  }
  try {
    // @ts-expect-error cpu must be 2, 4 or 8: the types catch it at compile time too
    await runra.sandboxes.create({ image: 'node:22', resources: { cpu: 3 } });
  } catch (err) {
    if (!(err instanceof InvalidConfigError)) throw err;
    step(`create({ …, resources: { cpu: 3 } }) → ${err.name}, ${err.code}, caught before any request`);
    for (const issue of err.details.issues) step(`  ${issue.path}: ${issue.message}`);
  }

  section('6. Terminate');
  mock?.clock.advance(60_000);
  const ended = await runra.sandboxes.terminate(full.id);
  step(
    `terminate(full)       → ${ended.state} at ${clockTime(ended.terminatedAt)}, totalRuntimeMs ${ended.totalRuntimeMs} (${duration(ended.totalRuntimeMs)})`,
  );
  const again = await runra.sandboxes.terminate(full.id);
  step(
    `terminate(full) again → ${again.state}, same terminatedAt ${clockTime(again.terminatedAt)} (idempotent)`,
  );
  if (mock) {
    mock.clock.advance(120_000);
    const expired = await runra.sandboxes.get(minimal.id);
    step(
      `clock at ${clockTime(new Date(mock.clock.now()).toISOString())} → get(minimal).state is ${expired.state} at ${clockTime(expired.terminatedAt)} (its lifetime of ${duration(expired.timeoutMs)}, timeoutMs, ended)`,
    );
  }
} finally {
  for (const id of created) {
    await runra.sandboxes.terminate(id).catch((err: unknown) => {
      if (!(err instanceof RunraError)) throw err;
    });
  }
}
console.log(`\nDone: ${created.length} sandboxes created and terminated.`);
console.log('Next: docs/getting-started.md puts runra in a project of your own;');
console.log('      docs/testing-with-the-mock.md tests your code against this mock.');
