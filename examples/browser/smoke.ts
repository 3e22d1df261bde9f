/**
 * Checks the browser example: the page's script bundles for the browser with no `node:*`
 * import; its tour runs (in Node) against the embedded mock; and, when Chromium and
 * playwright-core are installed, the real page runs in headless Chromium both against the
 * mock server on another origin (CORS) and with the mock inside the page.
 * Run: `npx tsx examples/browser/smoke.ts` (`--screenshot <file.png>` saves the page).
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createMockApi } from '../../mock-server/index.js';
import { Runra } from '../../src/index.js';
import { bundlePage, startBrowserExample } from './serve.js';
import { runTour } from './tour.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const screenshotAt = process.argv.indexOf('--screenshot');
const screenshot = screenshotAt > 0 ? process.argv[screenshotAt + 1] : undefined;

const { code, staticNodeImports, dynamicNodeImports } = await bundlePage();
assert.deepEqual(staticNodeImports, [], 'the page bundle must not load node:* modules');
console.log(`bundle: ${Math.round(code.length / 1024)} kB minified, loads no node:* module`);
if (dynamicNodeImports.length > 0) {
  console.log(`  note: never-run dynamic import() of ${dynamicNodeImports.join(', ')} left external`);
}

const lines: string[] = [];
await runTour(new Runra({ apiKey: 'sk_test_browser', fetch: createMockApi().fetch }), (l) => lines.push(l));
console.log(`tour in Node: ${lines.length} steps`);

const playwright = await import('playwright-core').catch(() => undefined);
if (!playwright || !existsSync(CHROMIUM)) {
  console.log(
    `Chromium run skipped: ${playwright ? `no browser at ${CHROMIUM}` : 'playwright-core not installed'}`,
  );
} else {
  const example = await startBrowserExample();
  const browser = await playwright.chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 900, height: 560 } });
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(String(err)));
    for (const url of [example.pageURL, example.inPageURL]) {
      await page.goto(url);
      await page.waitForSelector('body[data-status]', { timeout: 15_000 });
      const status = await page.getAttribute('body', 'data-status');
      const steps = await page.locator('#log li').count();
      console.log(`Chromium ${url}: ${status}, ${steps} steps`);
      assert.equal(status, 'done', errors.join('\n'));
      assert.equal(steps, lines.length);
      if (screenshot && url === example.pageURL) await page.screenshot({ path: screenshot, fullPage: true });
    }
  } finally {
    await browser.close();
    await example.close();
  }
}
