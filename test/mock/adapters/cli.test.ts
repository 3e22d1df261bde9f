import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMockApi } from '../../../mock-server/api.js';
import { routesOf } from '../../../mock-server/http/handler.js';
import packageJson from '../../../package.json' with { type: 'json' };
import { type CliProcess, spawnCli } from './cli-process.js';

const KEY = 'sk_test_cli_000001';
const AUTH = { authorization: `Bearer ${KEY}` };

let dir: string;
const running: CliProcess[] = [];
const cli = (...args: string[]) => cliWithEnv({}, ...args);
const cliWithEnv = (env: Record<string, string>, ...args: string[]) => {
  const process_ = spawnCli(args, env);
  running.push(process_);
  return process_;
};

/** The status of a GET sent with a given `Host` header (fetch cannot set one). */
function statusFor(url: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers: { host } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}
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

  it('--state-file: saved atomically on SIGINT, mode 0600, no API key in it, and loaded on the next start', async () => {
    const stateFile = join(dir, 'state.json');
    const first = cli('--port', '0', '--quiet', '--seed', '7', '--state-file', stateFile);
    const firstUrl = await first.line(0);
    const id = await create(firstUrl, 'python:3.12');
    first.child.kill('SIGINT');
    expect((await first.exited).code).toBe(0);
    expect(first.lines).toEqual([firstUrl]); // --quiet: the URL only
    const saved = await readFile(stateFile, 'utf8');
    expect(JSON.parse(saved)).toMatchObject({ version: 2 });
    expect(saved).not.toContain(KEY);
    expect((await stat(stateFile)).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual(['state.json']); // no temporary file left behind

    const second = cli('--port', '0', '--quiet', '--state-file', stateFile);
    const secondUrl = await second.line(0);
    const got = await fetch(`${secondUrl}/v1/sandboxes/${id}`, { headers: AUTH });
    expect(got.status).toBe(200);
    expect(await got.json()).toMatchObject({ id, image: 'python:3.12' });
    second.child.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
  });

  it('--state-file is checked at start: a folder, a missing folder, not JSON, not a snapshot: a clear message, exit 2, nothing served', async () => {
    const folder = join(dir, 'a-folder');
    await mkdir(folder);
    const broken = join(dir, 'broken.json');
    await writeFile(broken, '{ not json');
    const invalid = join(dir, 'invalid.json');
    await writeFile(invalid, JSON.stringify({ version: 2, sandboxes: [{ id: 'nope' }] }));
    const cases: [string, string][] = [
      [folder, `--state-file ${folder}: is a folder`],
      [
        join(dir, 'missing', 'state.json'),
        `--state-file ${join(dir, 'missing', 'state.json')}: its folder ${join(dir, 'missing')} does not exist`,
      ],
      [broken, `--state-file ${broken}: is not valid JSON`],
      [invalid, `--state-file ${invalid}: Invalid snapshot: sandboxes.0.`],
    ];
    const started = cases.map(([path]) => cli('--port', '0', '--state-file', path));
    for (const [index, mock] of started.entries()) {
      expect((await mock.exited).code, cases[index]?.[0]).toBe(2);
      expect(mock.stderr()).toContain(`runra-mock: ${cases[index]?.[1]}`);
      expect(mock.lines).toEqual([]);
    }
  });

  it('--api-key, --api-keys-file and RUNRA_MOCK_API_KEYS: only those keys get in, others 401; no key is ever printed', async () => {
    const keysFile = join(dir, 'keys.txt');
    await writeFile(keysFile, '# keys for the mock\nsk_test_from_file_01\n\n');
    const mock = cliWithEnv(
      { RUNRA_MOCK_API_KEYS: 'sk_test_from_env_01 sk_test_from_env_02' },
      '--port',
      '0',
      '--api-key',
      'sk_test_from_flag_01',
      '--api-keys-file',
      keysFile,
    );
    const url = await mock.line(0);
    for (const key of [
      'sk_test_from_flag_01',
      'sk_test_from_file_01',
      'sk_test_from_env_01',
      'sk_test_from_env_02',
    ]) {
      const answer = await fetch(`${url}/v1/sandboxes`, { headers: { authorization: `Bearer ${key}` } });
      expect(answer.status, key).toBe(200);
    }
    const refused = await fetch(`${url}/v1/sandboxes`, { headers: AUTH });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toBe('Bearer realm="runra"');
    mock.child.kill('SIGTERM');
    await mock.exited;
    const printed = `${mock.lines.join('\n')}\n${mock.stderr()}`;
    expect(printed).not.toMatch(/sk_test_from/);
    expect(mock.stderr()).toContain('--api-key show in the process list');

    const bad = cliWithEnv({ RUNRA_MOCK_API_KEYS: 'sk_ok sk_bad\u0001key' }, '--port', '0');
    expect((await bad.exited).code).toBe(2);
    expect(bad.stderr()).toContain('key number 2 of RUNRA_MOCK_API_KEYS is not a well-formed API key');
    expect(bad.stderr()).not.toContain('sk_bad');
  });

  it('--host 0.0.0.0 warns that the control plane is open to the network; --allow-host names a compose service', async () => {
    const mock = cli('--port', '0', '--host', '0.0.0.0', '--allow-host', 'mock');
    const url = await mock.line(0);
    const port = new URL(url).port;
    expect(await statusFor(`${url}/_mock/clock`, `mock:${port}`)).toBe(200);
    expect(await statusFor(`${url}/_mock/clock`, `rebound.example:${port}`)).toBe(403);
    mock.child.kill('SIGTERM');
    await mock.exited;
    expect(mock.stderr()).toContain('runra-mock: warning: listening on 0.0.0.0, not only on this machine');
    const loopback = cli('--port', '0');
    await loopback.line(0);
    loopback.child.kill('SIGTERM');
    await loopback.exited;
    expect(loopback.stderr()).not.toContain('warning');
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

  it('--help prints the usage with every flag and every control route, --version the package version; both exit 0', async () => {
    const help = cli('--help');
    const version = cli('--version');
    expect((await help.exited).code).toBe(0);
    expect((await version.exited).code).toBe(0);
    const text = help.lines.join('\n');
    for (const flag of [
      '--port',
      '--host',
      '--allow-host',
      '--api-key',
      '--api-keys-file',
      'RUNRA_MOCK_API_KEYS',
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
    // Every control route the mock serves, each method on its own line.
    const routes = routesOf(createMockApi().fetch) ?? [];
    const control = routes.filter(
      (route) => route.path.startsWith('/_mock/') || route.path === '/openapi.json',
    );
    expect(control.length).toBeGreaterThan(8);
    for (const { path, methods } of control) {
      for (const method of methods.filter((m) => m !== 'HEAD' && m !== 'OPTIONS')) {
        expect(text).toContain(`${method} ${path} `);
      }
    }
    expect(text).toContain('npx -p runra runra-mock');
    expect(text).not.toMatch(/0\.0\.0\.0 for all/);
    expect(version.lines).toEqual([packageJson.version]);
  });
});
