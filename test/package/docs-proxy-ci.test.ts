/**
 * The proxy guide's CI step runs as written (decision 0620): its `run:` script, with the
 * reader's staging URL, port and tests filled in, starts the verifying proxy, sends traffic
 * through it, stops it, and the job gets the report and the proxy's exit status.
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { type MockServer, startMockServer } from '../../mock-server/index.js';
// @ts-expect-error a JavaScript helper of the runtime matrix, without types
import { freePort } from '../runtimes/harness/net.mjs';
import { codeBlocks, ROOT } from './doc-blocks.js';

const GUIDE = 'docs/checking-against-live-api.md';

/** The lines under `run: |` of the guide's workflow excerpt, dedented. */
function runScript(): string {
  const block = codeBlocks(GUIDE).find(
    (candidate) => candidate.lang === 'yaml' && candidate.code.includes('run: |'),
  );
  if (!block) throw new Error(`${GUIDE} has no workflow step with run: |`);
  const lines = block.code.split('\n');
  const at = lines.findIndex((line) => line.trim() === 'run: |');
  const outer = lines[at]?.search(/\S/) ?? 0;
  const body: string[] = [];
  for (const line of lines.slice(at + 1)) {
    if (line.trim() !== '' && line.search(/\S/) <= outer) break;
    body.push(line);
  }
  const indent = Math.min(...body.filter((line) => line.trim()).map((line) => line.search(/\S/)));
  return body.map((line) => line.slice(indent)).join('\n');
}

/** A folder laid out like a project with runra installed: its bin runs this repository's CLI. */
function project(): string {
  const folder = mkdtempSync(join(tmpdir(), 'runra-proxy-ci-'));
  mkdirSync(join(folder, 'node_modules', '.bin'), { recursive: true });
  const loader = pathToFileURL(join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
  const bin = join(folder, 'node_modules', '.bin', 'runra-mock');
  writeFileSync(
    bin,
    `#!/bin/sh\nexec "${process.execPath}" --import "${loader}" "${join(ROOT, 'mock-server', 'cli', 'main.ts')}" "$@"\n`,
  );
  chmodSync(bin, 0o755);
  return folder;
}

/** Runs the step as GitHub Actions does (`bash -e`), the reader's tests being one create. */
async function runStep(
  upstream: MockServer,
  folder: string,
): Promise<{ code: number | null; output: string }> {
  const port = String(await freePort());
  const script = runScript()
    .replaceAll('4011', port)
    .replace(
      'npm run test:staging',
      `curl -s -o /dev/null -X POST "$RUNRA_BASE_URL/v1/sandboxes" -H "authorization: Bearer $RUNRA_API_KEY" -H 'content-type: application/json' -d '{"image":"node:22"}'`,
    );
  const env = {
    ...process.env,
    STAGING_URL: upstream.url,
    RUNRA_BASE_URL: `http://127.0.0.1:${port}`,
    RUNRA_API_KEY: 'sk_test_proxy_ci',
  };
  const child = spawn('bash', ['-e', '-c', script], { cwd: folder, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, output };
}

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

describe("docs: the proxy guide's CI step", () => {
  it('uses the test command the page says, and the port it says the proxy prints', () => {
    const script = runScript();
    expect(script).toContain('npm run test:staging');
    expect(script).toContain('--report proxy-report.json --fail-on-finding &');
    expect(script).toMatch(/kill -TERM "\$PROXY"\s+wait "\$PROXY"/);
  });

  it('faithful traffic: the job passes and the report is written, with no finding', async () => {
    const upstream = await startMockServer({ port: 0 });
    const folder = project();
    folders.push(folder);
    try {
      const { code, output } = await runStep(upstream, folder);
      expect(code, output).toBe(0);
      const report = JSON.parse(readFileSync(join(folder, 'proxy-report.json'), 'utf8'));
      expect(report.exchanges).toBe(1);
      expect(report.findings.total).toBe(0);
    } finally {
      await upstream.close();
    }
  }, 60_000);

  it('an upstream that breaks the contract: the report names it and the job fails with the proxy status 3', async () => {
    const upstream = await startMockServer({ port: 0 });
    upstream.api.faults.add({
      method: 'POST',
      path: '/v1/sandboxes',
      error: { code: 'TEAPOT', status: 418 },
    });
    const folder = project();
    folders.push(folder);
    try {
      const { code, output } = await runStep(upstream, folder);
      expect(code, output).toBe(3);
      expect(existsSync(join(folder, 'proxy-report.json'))).toBe(true);
      const report = JSON.parse(readFileSync(join(folder, 'proxy-report.json'), 'utf8'));
      expect(report.findings.total).toBeGreaterThan(0);
    } finally {
      await upstream.close();
    }
  }, 60_000);
});
