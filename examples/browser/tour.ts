/**
 * What the browser page does, free of the DOM so it also runs (and is checked) in Node:
 * create, list, pause, resume, a typed error, terminate, one readable line each.
 */
import { InvalidStateError, type Runra } from '../../src/index.js';

/**
 * Drives one sandbox through its lifecycle, reporting each step through `log`.
 * @throws {RunraError} any error other than the one the tour provokes on purpose.
 */
export async function runTour(runra: Runra, log: (line: string) => void): Promise<void> {
  const sandbox = await runra.sandboxes.create({ image: 'node:22', metadata: { from: 'browser' } });
  log(`create → ${sandbox.id} ${sandbox.state} (${sandbox.resources.cpu} vCPU)`);

  const page = await runra.sandboxes.list({ metadata: { from: 'browser' } });
  log(`list({ metadata: { from: 'browser' } }) → ${page.pagination.total} sandbox(es)`);

  const paused = await runra.sandboxes.pause(sandbox.id);
  log(`pause → ${paused.state}, ran ${paused.runtimeDurationMs} ms`);
  try {
    await runra.sandboxes.pause(sandbox.id);
  } catch (err) {
    if (!(err instanceof InvalidStateError)) throw err;
    log(`pause again → ${err.name} (${err.code}): ${err.message}`);
  }

  const resumed = await runra.sandboxes.resume(sandbox.id);
  log(`resume → ${resumed.state}, was paused ${resumed.pausedDurationMs} ms`);

  const ended = await runra.sandboxes.terminate(sandbox.id);
  log(`terminate → ${ended.state}, total ${ended.totalRuntimeMs} ms`);
}
