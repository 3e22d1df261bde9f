import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import packageJson from '../../../package.json' with { type: 'json' };
import { type CliProcess, spawnCli } from './cli-process.js';

const AUTH = { authorization: 'Bearer sk_test_cli_000001' };

let dir: string;
const running: CliProcess[] = [];
const cli = (...args: string[]) => {
  const process_ = spawnCli(args);
  running.push(process_);
  return process_;
};
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'runra-mock-cli-'));
});
afterEach(() => {
  for (const p of running.splice(0)) if (p.child.exitCode === null) p.child.kill('SIGKILL');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function create(url: string, image: string): Promise<string> {
  const response = await fetch(`${url}/v1/sandboxes`, {
    method: 'POST',
    headers: { ...AUTH, 'content-type': 'application/json' },
    body: JSON.stringify({ image }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

describe('cli: runra-mock as a process', () => {
  it('prints its URL first, then one line per request; SIGTERM exits 0', async () => {
    const mock = cli('--port', '0', '--manual-clock');
    const url = await mock.line(0);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await create(url, 'node:22');
    expect((await fetch(`${url}/v1/sandboxes/sb_nothere`, { headers: AUTH })).status).toBe(404);
    expect(await mock.line(1)).toMatch(/^POST \/v1\/sandboxes 201 \d+\.\dms$/);
    expect(await mock.line(2)).toMatch(/^GET \/v1\/sandboxes\/sb_nothere 404 \d+\.\dms$/);
    // The manual clock moves only when told: advancing works through the control plane.
    const advanced = await fetch(`${url}/_mock/clock/advance`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ms: 1000 }),
    });
    expect(advanced.ok).toBe(true);
    mock.child.kill('SIGTERM');
    expect(await mock.exited).toEqual({ code: 0, signal: null });
  });

  it('--state-file: saved atomically on SIGINT and loaded on the next start', async () => {
    const stateFile = join(dir, 'state.json');
    const first = cli('--port', '0', '--quiet', '--seed', '7', '--state-file', stateFile);
    const firstUrl = await first.line(0);
    const id = await create(firstUrl, 'python:3.12');
    first.child.kill('SIGINT');
    expect((await first.exited).code).toBe(0);
    expect(first.lines).toEqual([firstUrl]); // --quiet: the URL only
    expect(JSON.parse(await readFile(stateFile, 'utf8'))).toBeTypeOf('object');
    expect(await readdir(dir)).toEqual(['state.json']); // no temporary file left behind

    const second = cli('--port', '0', '--quiet', '--state-file', stateFile);
    const secondUrl = await second.line(0);
    const got = await fetch(`${secondUrl}/v1/sandboxes/${id}`, { headers: AUTH });
    expect(got.status).toBe(200);
    expect(await got.json()).toMatchObject({ id, image: 'python:3.12' });
    second.child.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
  });

  it('a state file that is not JSON: a clear message and exit status 1', async () => {
    const stateFile = join(dir, 'broken.json');
    await writeFile(stateFile, '{ not json');
    const mock = cli('--port', '0', '--state-file', stateFile);
    expect((await mock.exited).code).toBe(1);
    expect(mock.stderr()).toContain(`state file ${stateFile} is not valid JSON`);
    expect(mock.lines).toEqual([]);
  });

  it('an unknown flag or a bad value: a message on stderr and exit status 2', async () => {
    const unknown = cli('--prot', '4010');
    const bad = cli('--create-rate-limit', 'ten');
    expect((await unknown.exited).code).toBe(2);
    expect((await bad.exited).code).toBe(2);
    expect(unknown.stderr()).toMatch(/^runra-mock: .*--prot/);
    expect(bad.stderr()).toContain('--create-rate-limit must be COUNT/WINDOW');
    expect([...unknown.lines, ...bad.lines]).toEqual([]);
  });

  it('--help prints the usage with every flag, --version the package version; both exit 0', async () => {
    const help = cli('--help');
    const version = cli('--version');
    expect((await help.exited).code).toBe(0);
    expect((await version.exited).code).toBe(0);
    const text = help.lines.join('\n');
    for (const flag of [
      '--port',
      '--host',
      '--manual-clock',
      '--boot-ms',
      '--capacity-cpu',
      '--create-rate-limit',
      '--seed',
      '--state-file',
      '--quiet',
    ]) {
      expect(text).toContain(flag);
    }
    expect(version.lines).toEqual([packageJson.version]);
  });
});
