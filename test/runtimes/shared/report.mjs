/**
 * Runs the shared scenario inside a fixture and prints one machine-readable result line
 * (`RUNRA_SMOKE_RESULT {...}`) that the driver (`scripts/test-package.mjs`) parses.
 * Runtime-neutral: detects Deno, Bun, workerd, browsers and Node without importing anything.
 */
import { RESULT_MARKER } from './scenario.mjs';

/** @returns {{ runtime: string, version: string }} the runtime this code is executing on */
export function describeRuntime() {
  const g = /** @type {Record<string, any>} */ (globalThis);
  if (g.Deno?.version?.deno) return { runtime: 'deno', version: g.Deno.version.deno };
  if (g.Bun?.version) return { runtime: 'bun', version: g.Bun.version };
  if (g.navigator?.userAgent === 'Cloudflare-Workers') return { runtime: 'workerd', version: 'n/a' };
  if (g.process?.versions?.node) return { runtime: 'node', version: g.process.version };
  if (g.navigator?.userAgent) return { runtime: 'browser', version: g.navigator.userAgent };
  return { runtime: 'unknown', version: 'unknown' };
}

/**
 * Awaits `scenario`, prints the result line and returns the result object; on failure the
 * line says `ok: false` with the error, and the error is rethrown so the process exits non-zero.
 *
 * @param {string} target fixture name, e.g. `node-esm`
 * @param {() => Promise<{ steps: string[] }>} scenario
 * @param {(line: string) => void} [print] where the line goes (default `console.log`)
 */
export async function runAndReport(target, scenario, print = console.log) {
  const result = { target, ...describeRuntime(), ok: false, steps: /** @type {string[]} */ ([]) };
  try {
    const { steps } = await scenario();
    Object.assign(result, { ok: true, steps });
    print(RESULT_MARKER + JSON.stringify(result));
    return result;
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    print(RESULT_MARKER + JSON.stringify({ ...result, error: message }));
    throw error;
  }
}
