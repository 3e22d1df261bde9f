import { randomBytes } from 'node:crypto';
import { type FileHandle, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { MockSnapshot } from '../api.js';

/**
 * A `--state-file` that cannot be used: `runra-mock` prints the message and exits with
 * status 2 before listening, rather than losing the session when it tries to save.
 *
 * @example
 * ```ts
 * try { await openStateFile(path); } catch (error) {
 *   if (error instanceof StateFileError) console.error(error.message);
 * }
 * ```
 */
export class StateFileError extends Error {
  override readonly name = 'StateFileError';
}

const codeOf = (error: unknown): string | undefined => (error as NodeJS.ErrnoException | undefined)?.code;

/**
 * A temporary path beside `path` that nobody can guess (so nobody can plant a symbolic link
 * there beforehand), e.g. `.state.json.3f9a…e1.tmp`.
 */
const temporaryPath = (path: string): string =>
  join(dirname(path), `.${basename(path)}.${randomBytes(12).toString('hex')}.tmp`);

/**
 * Creates `path` for writing, readable by its owner only. `wx` fails if anything, a
 * symbolic link included, is already there: it never follows one.
 */
const createPrivate = (path: string): Promise<FileHandle> => open(path, 'wx', 0o600);

/**
 * Checks a state file before the server starts, and reads it when it exists: the path is
 * not a folder, its folder exists and a file can be created in it (tried for real, so a
 * read-only disk or a missing permission shows now). `undefined` when there is no file yet.
 *
 * @throws {StateFileError} naming the file and what is wrong with it (not JSON included).
 * @example
 * ```ts
 * const state = await openStateFile('./mock-state.json');
 * ```
 */
export async function openStateFile(path: string): Promise<MockSnapshot | undefined> {
  const folder = dirname(resolve(path));
  const problem = (reason: string, cause?: unknown) =>
    new StateFileError(`--state-file ${path}: ${reason}`, cause === undefined ? undefined : { cause });
  const found = await stat(path).catch((error: unknown) => {
    if (codeOf(error) === 'ENOENT') return undefined;
    throw problem(`cannot be read (${codeOf(error) ?? String(error)})`, error);
  });
  if (found?.isDirectory()) throw problem('is a folder; give the path of a file in it');
  if (found !== undefined && !found.isFile()) throw problem('is not a regular file');
  const parent = await stat(folder).catch(() => undefined);
  if (parent === undefined) throw problem(`its folder ${folder} does not exist`);
  if (!parent.isDirectory()) throw problem(`${folder} is not a folder`);
  const probe = temporaryPath(path);
  try {
    await (await createPrivate(probe)).close();
    await rm(probe, { force: true });
  } catch (error) {
    throw problem(`cannot write in its folder ${folder} (${codeOf(error) ?? String(error)})`, error);
  }
  if (found === undefined) return undefined;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw problem(`cannot be read (${codeOf(error) ?? String(error)})`, error);
  }
  try {
    return JSON.parse(text) as MockSnapshot;
  } catch (error) {
    throw problem('is not valid JSON', error);
  }
}

/**
 * Writes the state atomically and privately: to a new file beside `path` with an
 * unpredictable name and mode 0600 (created exclusively, so a symbolic link there is never
 * followed), then renamed over `path` (which replaces a link rather than writing through
 * it). A crash mid-write never leaves a truncated state file.
 *
 * @example
 * ```ts
 * await saveStateFile('./mock-state.json', server.api.exportState());
 * ```
 */
export async function saveStateFile(path: string, state: MockSnapshot): Promise<void> {
  const temporary = temporaryPath(path);
  let handle: FileHandle | undefined;
  try {
    handle = await createPrivate(temporary);
  } catch (error) {
    throw new StateFileError(`cannot create ${temporary} (${codeOf(error) ?? String(error)})`, {
      cause: error,
    });
  }
  try {
    await handle.writeFile(`${JSON.stringify(state, null, 2)}\n`, 'utf8');
    await handle.close();
    handle = undefined;
    await rename(temporary, path);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await rm(temporary, { force: true });
    throw error;
  }
}
