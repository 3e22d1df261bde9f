import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { MockSnapshot } from '../api.js';

/**
 * Reads a state file written by {@link saveStateFile}; `undefined` when there is none yet.
 *
 * @throws {Error} when the file exists but is not JSON (the message names the file).
 * @example
 * ```ts
 * const state = await loadStateFile('./mock-state.json');
 * ```
 */
export async function loadStateFile(path: string): Promise<MockSnapshot | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    return JSON.parse(text) as MockSnapshot;
  } catch (error) {
    throw new Error(`state file ${path} is not valid JSON`, { cause: error });
  }
}

/**
 * Writes the state atomically: to a temporary file beside `path`, then renamed over it, so
 * a crash mid-write never leaves a truncated state file.
 *
 * @example
 * ```ts
 * await saveStateFile('./mock-state.json', server.api.exportState());
 * ```
 */
export async function saveStateFile(path: string, state: MockSnapshot): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    await writeFile(temporary, `${JSON.stringify(state, null, 2)}\n`, 'utf8');
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
