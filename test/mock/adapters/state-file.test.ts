import { mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStateFile, StateFileError, saveStateFile } from '../../../mock-server/cli/state-file.js';
import { createMockApi } from '../../../mock-server/index.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'runra-state-file-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const snapshot = () => {
  const api = createMockApi({ clock: 'manual', seed: 1 });
  api.machine.create('sk_test_state_01', { image: 'node:22' });
  return api.exportState();
};

describe('state file: written privately, never through a planted link', () => {
  it('a symbolic link at the temporary name another process could predict is not followed', async () => {
    const path = join(dir, 'state.json');
    const victim = join(dir, 'victim.txt');
    await writeFile(victim, 'precious\n');
    // The name the first release used: anyone could plant a link there before the mock saved.
    await symlink(victim, join(dir, `.state.json.${process.pid}.tmp`));
    await saveStateFile(path, snapshot());
    expect(await readFile(victim, 'utf8')).toBe('precious\n');
    expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({ version: 2 });
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await readdir(dir)).sort()).toEqual([
      `.state.json.${process.pid}.tmp`,
      'state.json',
      'victim.txt',
    ]);
  });

  it('an existing, readable state file is replaced by a 0600 one; a link at the state path is replaced, not written through', async () => {
    const path = join(dir, 'state.json');
    await writeFile(path, '{}', { mode: 0o644 });
    await saveStateFile(path, snapshot());
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const victim = join(dir, 'victim.txt');
    await writeFile(victim, 'precious\n');
    const linked = join(dir, 'linked.json');
    await symlink(victim, linked);
    await saveStateFile(linked, snapshot());
    expect(await readFile(victim, 'utf8')).toBe('precious\n');
    expect((await stat(linked)).isFile()).toBe(true);
  });

  it('openStateFile: no file yet is fine; a folder or a missing folder is a StateFileError', async () => {
    expect(await openStateFile(join(dir, 'new.json'))).toBeUndefined();
    expect(await readdir(dir)).toEqual([]); // the write probe leaves nothing behind
    await expect(openStateFile(dir)).rejects.toThrow(StateFileError);
    await expect(openStateFile(join(dir, 'no', 'state.json'))).rejects.toThrow(/does not exist/);
  });
});
