import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { apiKeyOwner } from '../../mock-server/index.js';
import { type ChromiumSession, launchChromium } from './chromium.js';
import type { PageReport } from './control-plane/page.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The built binary, as users run it (`npm run test:browser` builds it when missing); `RUNRA_MOCK_CLI` names another. */
const CLI = resolve(ROOT, process.env.RUNRA_MOCK_CLI ?? join('dist', 'cli.js'));
const PAGE_KEY = 'sk_test_browser_page_01';
/** A name Chromium resolves to 127.0.0.1 (what a rebinding DNS server answers the second time). */
const REBOUND = 'rebind.test';
/**
 * Chromium for the rebinding test: `rebind.test` resolves to 127.0.0.1, and Chromium's own
 * Private Network Access checks are off, as in browsers that have none (Firefox, Safari): the
 * mock must hold without them.
 */
const REBINDING_ARGS = [
  `--host-resolver-rules=MAP ${REBOUND} 127.0.0.1`,
  '--disable-features=BlockInsecurePrivateNetworkRequests,PrivateNetworkAccessSendPreflights,PrivateNetworkAccessRespectPreflightResults,LocalNetworkAccessChecks',
];

interface CliRun {
  url: string;
  port: number;
  /** Every request line printed so far. */
  lines: string[];
  child: ChildProcess;
}

const children: ChildProcess[] = [];
const servers: Server[] = [];

/** Starts `node dist/cli.js --port 0 ...args` and resolves with the URL it prints first. */
function startCli(...args: string[]): Promise<CliRun> {
  const child = spawn(process.execPath, [CLI, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const lines: string[] = [];
  return new Promise((resolvePromise, reject) => {
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once('exit', (code) => reject(new Error(`runra-mock exited with ${code}: ${stderr}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (lines.length === 0 && !line.startsWith('http')) reject(new Error(`unexpected first line: ${line}`));
      lines.push(line);
      if (lines.length === 1) {
        const url = line.trim();
        resolvePromise({ url, port: Number(new URL(url).port), lines, child });
      }
    });
  });
}

/** Serves the page (HTML and its bundled script) on 127.0.0.1, another port: another origin. */
function servePage(script: string): Promise<string> {
  const html =
    '<!doctype html><meta charset="utf-8"><title>a page</title><script type="module" src="/page.js"></script>';
  const server = createServer((request, response) => {
    if (request.url === '/page.js')
      response.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    else response.writeHead(200, { 'content-type': 'text/html' }).end(html);
  });
  servers.push(server);
  return new Promise((resolvePromise) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolvePromise(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
    });
  });
}

/** The request lines about the control plane, as `METHOD PATH STATUS`. */
const controlLines = (run: CliRun): string[] =>
  run.lines
    .slice(1)
    .filter((line) => line.split(' ')[1]?.startsWith('/_mock'))
    .map((line) => line.split(' ').slice(0, 3).join(' '));

let session: ChromiumSession;
let script: string;
let page: Page;

beforeAll(async () => {
  const bundled = await build({
    entryPoints: [join(ROOT, 'test', 'browser', 'control-plane', 'page.ts')],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    logLevel: 'warning',
  });
  script = bundled.outputFiles[0]?.text ?? '';
  session = await launchChromium();
});
afterEach(async () => {
  await page?.close();
  for (const child of children.splice(0)) child.kill('SIGKILL');
  for (const server of servers) server.closeAllConnections(); // Chromium keeps its sockets alive
  await Promise.all(servers.splice(0).map((server) => new Promise((done) => server.close(done))));
});
afterAll(async () => {
  await session?.close();
});

describe('control plane in Chromium: a web page the developer visits', () => {
  it('a page on another origin can neither read nor change anything under /_mock/, and still drives the API through the SDK', async () => {
    const mock = await startCli('--manual-clock');
    const site = await servePage(script);
    page = await session.context.newPage();
    await page.goto(`${site}/`);
    await page.waitForFunction(() => typeof window.controlPlanePage === 'function');
    const report: PageReport = await page.evaluate((url) => window.controlPlanePage(url), mock.url);

    // Nothing the page tried gave it an answer it could read.
    expect(report.probes.filter((probe) => probe.outcome === 'read')).toEqual([]);
    expect(report.probes).toHaveLength(17);
    // The SDK, on the same page, works through CORS as before.
    expect(report.sdk).toEqual({
      ok: true,
      states: ['running', 'paused', 'running', 'running', 'terminated'],
      listed: 1,
    });

    // Every attempt reached the mock and was refused by it (not merely blocked by the browser):
    // simple requests answered 403, the others' preflights answered 403, so they were never sent.
    const refused = controlLines(mock);
    expect(refused.filter((line) => !line.endsWith(' 403'))).toEqual([]);
    for (const expected of [
      'GET /_mock/state 403',
      'GET /_mock/requests 403',
      'GET /_mock/faults 403',
      'GET /_mock/clock 403',
      'GET /_mock/ui 403',
      'GET /_mock/events 403',
      'POST /_mock/reset 403',
      'POST /_mock/faults 403',
      'OPTIONS /_mock/faults 403',
      'POST /_mock/clock/advance 403',
      'OPTIONS /_mock/clock/advance 403',
      'OPTIONS /_mock/state 403',
      'OPTIONS /_mock/requests 403',
    ]) {
      expect(refused).toContain(expected);
    }
    expect(refused.some((line) => /^OPTIONS \/_mock\/sandboxes\/sb_\w+\/activity 403$/.test(line))).toBe(
      true,
    );
    expect(refused.filter((line) => line === 'POST /_mock/reset 403')).toHaveLength(3); // fetch, no-cors, form
    // The API's own preflights were granted.
    expect(mock.lines.some((line) => /^OPTIONS \/v1\/sandboxes 204 /.test(line))).toBe(true);

    // And nothing changed: the sandbox is there, no fault, the clock has not moved, the journal kept.
    const state = (await (await fetch(`${mock.url}/_mock/state`)).json()) as {
      now: string;
      sandboxes: { owner: string; state: string }[];
    };
    expect(state.sandboxes).toHaveLength(1);
    expect(state.sandboxes[0]).toMatchObject({ owner: apiKeyOwner(PAGE_KEY), state: 'terminated' });
    expect(state.now).toBe('2026-06-15T10:30:00.000Z');
    expect(await (await fetch(`${mock.url}/_mock/faults`)).json()).toEqual({ data: [] });
    const journal = (await (await fetch(`${mock.url}/_mock/requests`)).json()) as { data: unknown[] };
    expect(journal.data.length).toBeGreaterThanOrEqual(5);
  });

  it('a page whose name is rebound to 127.0.0.1 (DNS rebinding) is refused by the Host check; with the check off it reads every tenant', async () => {
    const rebinding = await launchChromium({ args: REBINDING_ARGS });
    try {
      const guarded = await startCli();
      const victim = await createVictim(guarded);
      const refused = await readAsRebindingPage(rebinding, guarded);
      expect(refused.state).toBe(403);
      expect(JSON.parse(refused.body).error).toMatchObject({
        code: 'FORBIDDEN',
        details: { reason: 'host', host: `${REBOUND}:${guarded.port}` },
      });
      expect(refused.body).not.toContain(victim);
      expect(refused.api).toBe(403);
      expect(controlLines(guarded)).toContain('GET /_mock/state 403'); // the mock saw it and refused it

      // The same page against a mock with the check off: the attack is real, the check is what stops it.
      const open = await startCli('--allow-host', '*');
      const openVictim = await createVictim(open);
      const leaked = await readAsRebindingPage(rebinding, open);
      expect(leaked.state).toBe(200);
      expect(leaked.body).toContain(openVictim);
      expect(leaked.body).toContain('hunter2');
      expect(leaked.body).not.toContain(VICTIM_KEY); // and even then, no key: only its owner id
    } finally {
      await rebinding.close();
    }
  });
});

const VICTIM_KEY = 'sk_live_victim_0123456789abcdef';

/** Another tenant's sandbox, with a secret in its env; resolves with its id. */
async function createVictim(mock: CliRun): Promise<string> {
  const response = await fetch(`${mock.url}/v1/sandboxes`, {
    method: 'POST',
    headers: { authorization: `Bearer ${VICTIM_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ image: 'node:22', env: { DATABASE_PASSWORD: 'hunter2' } }),
  });
  return ((await response.json()) as { id: string }).id;
}

/**
 * A page served as `http://rebind.test:<mock port>/` (the attacker's server, the first DNS
 * answer) that then reads the mock same-origin, once the name points to 127.0.0.1.
 */
async function readAsRebindingPage(
  browser: ChromiumSession,
  mock: CliRun,
): Promise<{ state: number; body: string; api: number }> {
  page = await browser.context.newPage();
  const origin = `http://${REBOUND}:${mock.port}`;
  await page.route(`${origin}/`, (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>cats</title>' }),
  );
  await page.goto(`${origin}/`);
  return page.evaluate(async () => {
    const state = await fetch('/_mock/state');
    const api = await fetch('/v1/sandboxes', { headers: { authorization: 'Bearer sk_test_attacker_01' } });
    return { state: state.status, body: await state.text(), api: api.status };
  });
}
