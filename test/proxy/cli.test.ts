import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CliUsageError, parseCliArgs } from '../../mock-server/cli/args.js';
import { FINDINGS_EXIT_STATUS } from '../../mock-server/cli/proxy-args.js';
import { startMockServer } from '../../mock-server/index.js';
import { type CliProcess, spawnCli } from '../mock/adapters/cli-process.js';
import { KEY_A } from './caller.js';
import { startFakeUpstream } from './fake-upstream.js';
import { closedPort } from './net.js';

const run = (...argv: string[]) => {
  const command = parseCliArgs(argv);
  if (command.kind !== 'run') throw new Error(`expected a run command, got ${command.kind}`);
  return command.options;
};

describe('cli args: --proxy, --report, --fail-on-finding', () => {
  it('reads the proxy flags; without --proxy nothing changes', () => {
    expect(
      run('--proxy', 'https://staging.example.com/api', '--report', 'r.json', '--fail-on-finding', '-p', '0'),
    ).toEqual({
      port: 0,
      host: '127.0.0.1',
      allowHosts: [],
      manualClock: false,
      quiet: false,
      proxy: { upstream: 'https://staging.example.com/api', report: 'r.json', failOnFinding: true },
    });
    expect(run('--proxy', 'http://127.0.0.1:4010').proxy).toEqual({
      upstream: 'http://127.0.0.1:4010',
      failOnFinding: false,
    });
    expect(run()).not.toHaveProperty('proxy');
  });

  it.each([
    [['--report', 'r.json'], '--report applies only with --proxy'],
    [['--fail-on-finding'], '--fail-on-finding applies only with --proxy'],
    [['--proxy', 'http://x', '--manual-clock'], '--manual-clock does not apply with --proxy'],
    [['--proxy', 'http://x', '--api-key', 'sk_test_1'], '--api-key does not apply with --proxy'],
    [['--proxy', 'http://x', '--state-file', 's.json'], '--state-file does not apply with --proxy'],
    [['--proxy', 'ftp://x'], 'must use http: or https:'],
    [['--proxy', 'not a url'], 'absolute http(s) URL'],
    [['--proxy', 'https://user:secret@x'], 'must not carry credentials'],
    [['--proxy', 'https://x/?q=1'], 'must not have a query'],
    [['--proxy', 'http://x', '--report', ''], '--report must not be empty'],
  ])('refuses %j: %s', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(CliUsageError);
    expect(() => parseCliArgs(argv)).toThrow(message);
  });
});

let dir: string;
const running: CliProcess[] = [];
const cli = (...args: string[]) => {
  const process_ = spawnCli(args);
  running.push(process_);
  return process_;
};
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'runra-mock-proxy-'));
});
afterEach(() => {
  for (const p of running.splice(0)) if (p.child.exitCode === null) p.child.kill('SIGKILL');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const auth = { authorization: `Bearer ${KEY_A}` };

describe('cli: runra-mock --proxy as a process', () => {
  it('forwards, prints a line per request with its findings, writes the report at SIGTERM, and --fail-on-finding exits 3', async () => {
    // An upstream that drops `workdir` from every get.
    const upstream = await startFakeUpstream({
      response: (seen, wire) => {
        if (seen.method !== 'GET' || wire.status !== 200 || !/sb_/.test(seen.path)) return undefined;
        const { workdir: _dropped, ...body } = wire.body as Record<string, unknown>;
        return { ...wire, body };
      },
    });
    try {
      const report = join(dir, 'report.json');
      const proxy = cli('--proxy', upstream.url, '--port', '0', '--report', report, '--fail-on-finding');
      const url = await proxy.line(0);
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const created = await fetch(`${url}/v1/sandboxes`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ image: 'node:22' }),
      });
      expect(created.status).toBe(201);
      const { id } = (await created.json()) as { id: string };
      const got = await fetch(`${url}/v1/sandboxes/${id}`, { headers: auth });
      expect(await got.json()).not.toHaveProperty('workdir'); // the upstream's answer, unchanged
      expect(await proxy.line(1)).toMatch(/^POST \/v1\/sandboxes 201 \d+\.\dms$/);
      expect(await proxy.line(2)).toMatch(
        new RegExp(`^GET /v1/sandboxes/${id} 200 \\d+\\.\\dms  FINDINGS 1: \\[shape\\] body\\.workdir: `),
      );
      proxy.child.kill('SIGTERM');
      expect(await proxy.exited).toEqual({ code: FINDINGS_EXIT_STATUS, signal: null });
      const written = JSON.parse(await readFile(report, 'utf8'));
      expect(written).toMatchObject({
        version: 1,
        upstream: upstream.url,
        exchanges: 2,
        findings: { total: 1, shape: 1, behaviour: 0, exchanges: 1 },
      });
      expect(written.exchangesWithFindings[0]).toMatchObject({
        method: 'GET',
        path: `/v1/sandboxes/${id}`,
        apiKey: 'sk_…0001',
        findings: [{ kind: 'shape', path: 'body.workdir' }],
      });
      expect(await readdir(dir)).toEqual(['report.json']); // no temporary file left behind
      const everything = `${proxy.lines.join('\n')}\n${proxy.stderr()}\n${await readFile(report, 'utf8')}`;
      expect(everything).not.toContain(KEY_A);
      expect(everything.toLowerCase()).not.toContain('bearer');
    } finally {
      await upstream.close();
    }
  });

  it('no finding: exit status 0 even with --fail-on-finding', async () => {
    const upstream = await startMockServer({ port: 0, clock: 'manual' });
    try {
      const proxy = cli('--proxy', upstream.url, '--port', '0', '--quiet', '--fail-on-finding');
      const url = await proxy.line(0);
      expect((await fetch(`${url}/v1/sandboxes`, { headers: auth })).status).toBe(200);
      proxy.child.kill('SIGINT');
      expect(await proxy.exited).toEqual({ code: 0, signal: null });
      expect(proxy.lines).toEqual([url]);
    } finally {
      await upstream.close();
    }
  });

  it('an upstream that refuses connections: the caller gets a 502 envelope, the line says 502', async () => {
    const port = await closedPort();
    const proxy = cli('--proxy', `http://127.0.0.1:${port}`, '--port', '0');
    const url = await proxy.line(0);
    const response = await fetch(`${url}/v1/sandboxes`, { headers: auth });
    expect(response.status).toBe(502);
    const body = (await response.json()) as { error: { code: string; requestId: string; details: unknown } };
    expect(body.error.code).toBe('UPSTREAM_UNREACHABLE');
    expect(body.error.requestId).toBe(response.headers.get('x-request-id'));
    expect(body.error.details).toEqual({
      upstream: `http://127.0.0.1:${port}`,
      reason: 'connection refused',
    });
    expect(await proxy.line(1)).toMatch(/^GET \/v1\/sandboxes 502 \d+\.\dms$/);
    proxy.child.kill('SIGTERM');
    expect((await proxy.exited).code).toBe(0);
  });

  it('a bad --proxy URL: a usage message and exit status 2', async () => {
    const proxy = cli('--proxy', 'https://user:pw@example.com');
    expect(await proxy.exited).toEqual({ code: 2, signal: null });
    expect(proxy.stderr()).toContain('--proxy: the upstream URL must not carry credentials');
    expect(proxy.stderr()).not.toContain('pw@');
  });
});
