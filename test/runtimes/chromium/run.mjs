// Driver: bundles page/app.mjs for the browser, serves the page from one 127.0.0.1 origin,
// starts the tarball's `runra-mock` bin on another port, and has Debian's Chromium (driven by
// playwright-core) run the scenario in the page. Fails unless the scenario passes AND the mock
// saw CORS preflights (OPTIONS), i.e. the cross-origin path was really exercised.
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { freePort, serveStatic } from '../harness/net.mjs';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../harness/tools.mjs';
import { RESULT_MARKER } from '../shared/scenario.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, 'dist');

/** Starts the tarball's `runra-mock` bin and resolves once it printed its URL (first line). */
async function startMockCli() {
  const port = await freePort();
  const bin = join(here, 'node_modules', '.bin', 'runra-mock');
  const child = spawn(bin, ['--port', String(port), '--host', '127.0.0.1'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = [];
  const url = await new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`runra-mock exited early with code ${code}`)));
    const timer = setTimeout(
      () => reject(new Error('runra-mock printed no URL within 15 s')),
      15_000,
    ).unref();
    child.once('error', reject);
    createInterface({ input: child.stdout }).on('line', (line) => {
      lines.push(line);
      const found = /https?:\/\/[^\s]+/.exec(line);
      if (lines.length === 1 && found) {
        clearTimeout(timer);
        resolve(found[0].replace(/\/$/, ''));
      } else if (lines.length === 1) {
        reject(new Error(`runra-mock's first line is not its URL: ${line}`));
      }
    });
  }).catch((error) => {
    child.kill('SIGTERM');
    throw error;
  });
  return { url, lines, child };
}

mkdirSync(dist, { recursive: true });
await build({
  entryPoints: [join(here, 'page', 'app.mjs')],
  outfile: join(dist, 'app.js'),
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  logLevel: 'warning',
});
copyFileSync(join(here, 'page', 'index.html'), join(dist, 'index.html'));

/** Loads the page in a fresh Chromium profile and checks the scenario result and the preflights. */
async function runPage(site, mock) {
  const userDataDir = mkdtempSync(join(tmpdir(), 'runra-chromium-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
    });
    const page = await context.newPage();
    page.on('console', (message) => {
      const text = message.text();
      console.log(text.startsWith(RESULT_MARKER) ? text : `[page] ${text}`);
    });
    page.on('pageerror', (error) => console.log(`[page error] ${error.message}`));
    await page.goto(`${site.origin}/index.html?api=${encodeURIComponent(mock.url)}`);
    let timer;
    const result = await Promise.race([
      page.evaluate(() => /** @type {{ runraSmoke: Promise<{ ok: boolean }> }} */ (window).runraSmoke),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('the page did not finish in 60 s')), 60_000);
      }),
    ]).finally(() => clearTimeout(timer));
    const preflights = mock.lines.filter((line) => /\bOPTIONS\b/.test(line)).length;
    console.log(
      `browser ${context.browser()?.version() ?? 'unknown'}, page ${site.origin}, mock ${mock.url}`,
    );
    console.log(`runra-mock saw ${mock.lines.length - 1} requests, ${preflights} of them CORS preflights`);
    if (!result?.ok) process.exitCode = 1;
    if (preflights === 0) {
      console.log('FAIL: no OPTIONS preflight reached runra-mock: the cross-origin path was not exercised');
      process.exitCode = 1;
    }
  } finally {
    await context?.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
}

const site = await serveStatic(dist);
try {
  const mock = await startMockCli();
  try {
    await runPage(site, mock);
  } finally {
    mock.child.kill('SIGTERM');
  }
} finally {
  await site.close();
}
