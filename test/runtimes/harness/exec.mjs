// Runs one child process for the package test: output captured (and kept in a log file),
// a hard timeout, and the `RUNRA_SMOKE_RESULT` line parsed out of the output.
import { spawn } from 'node:child_process';
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { RESULT_MARKER } from '../shared/scenario.mjs';

/** Environment for every child: no real credentials or base URL can leak into a smoke run. */
export function childEnv(extra = {}) {
  const env = { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', ...extra };
  delete env.RUNRA_API_KEY;
  delete env.RUNRA_BASE_URL;
  return env;
}

/** Process groups of children still running: killed if the driver exits or is interrupted. */
const live = new Set();
process.once('exit', () => {
  for (const pid of live) killGroup(pid);
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    for (const pid of live) killGroup(pid);
    process.exit(130);
  });
}

/**
 * @typedef {{ code: number | null, output: string, ms: number, timedOut: boolean,
 *   result: Record<string, any> | undefined }} Outcome
 */

/**
 * Spawns `command args` in `cwd`, resolves when it exits (never rejects).
 *
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd: string, timeoutMs?: number, logFile?: string, env?: Record<string, string> }} options
 * @returns {Promise<Outcome>}
 */
export function exec(command, args, options) {
  const started = performance.now();
  const timeoutMs = options.timeoutMs ?? 180_000;
  return new Promise((resolve) => {
    const chunks = [];
    let timedOut = false;
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? childEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    if (child.pid !== undefined) live.add(child.pid);
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid);
    }, timeoutMs);
    child.stdout.on('data', (chunk) => chunks.push(chunk));
    child.stderr.on('data', (chunk) => chunks.push(chunk));
    const finish = (code, extra = '') => {
      clearTimeout(timer);
      live.delete(child.pid);
      const output = Buffer.concat(chunks).toString('utf8') + extra;
      if (options.logFile) writeLog(options.logFile, `$ ${command} ${args.join(' ')}\n${output}`);
      resolve({
        code: timedOut ? null : code,
        output,
        ms: performance.now() - started,
        timedOut,
        result: parseResult(output),
      });
    };
    child.once('error', (error) => finish(127, `\n${error.message}`));
    child.once('close', (code) => finish(code));
  });
}

/** Kills a detached child's whole process group (the child and what it started). */
function killGroup(pid) {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

function writeLog(file, text) {
  mkdirSync(join(file, '..'), { recursive: true });
  appendFileSync(file, `${text}\n`);
}

/** @returns {Record<string, any> | undefined} the last result line's JSON, if any */
export function parseResult(output) {
  const line = output
    .split('\n')
    .reverse()
    .find((l) => l.startsWith(RESULT_MARKER));
  if (!line) return undefined;
  try {
    return JSON.parse(line.slice(RESULT_MARKER.length));
  } catch {
    return undefined;
  }
}

/** The last `lines` lines of `output`, indented, for a failure report. */
export function tail(output, lines = 60) {
  return output
    .trimEnd()
    .split('\n')
    .slice(-lines)
    .map((line) => `    ${line}`)
    .join('\n');
}

/**
 * Runs `tasks` (functions returning promises) with at most `limit` in flight; keeps order.
 *
 * @template T
 * @param {Array<() => Promise<T>>} tasks
 * @param {number} limit
 * @returns {Promise<T[]>}
 */
export async function pool(tasks, limit) {
  const results = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}
