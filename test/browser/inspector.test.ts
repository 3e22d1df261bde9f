/**
 * The inspector end to end: the built `runra-mock` as a process on a manual clock, the page in
 * Debian's Chromium, the SDK driven from this process. Screenshots go to .tmp/inspector/ and
 * the 1280×800 one of the timeline to docs/images/inspector.png.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ResourceExhaustedError, Runra } from '../../src/index.js';
import { type CliProcess, spawnCli } from '../mock/adapters/cli-process.js';
import { type ChromiumSession, launchChromium } from './chromium.js';

const SHOTS = '.tmp/inspector';
const DOCS_SHOT = 'docs/images/inspector.png';
const ALICE = 'sk_test_alice_0000a1b2';
const BOB = 'sk_live_bob_00000c3d4';

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

let mock: CliProcess;
let url: string;
let session: ChromiumSession;
let page: Page;
const problems: string[] = [];
const foreignRequests: string[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  mkdirSync('docs/images', { recursive: true });
  process.env.RUNRA_MOCK_CLI = 'dist/cli.js';
  mock = spawnCli(['--manual-clock', '--port', '0', '--seed', '7', '--quiet']);
  url = await mock.line(0);
  session = await launchChromium({ viewport: { width: 1280, height: 800 } });
  page = await session.context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('request', (request) => {
    const target = request.url();
    if (!target.startsWith(`${url}/`) && !target.startsWith('data:')) foreignRequests.push(target);
  });
});

afterAll(async () => {
  await session?.close();
  mock?.child.kill('SIGTERM');
  await mock?.exited;
});

const sdk = (apiKey: string) => new Runra({ apiKey, baseURL: url, maxRetries: 0 });
const tab = (name: string) => page.getByRole('tab', { name: new RegExp(`^${name}`) }).click();
const lane = (id: string) => page.locator(`[data-lane="${id}"]`);
const row = (id: string) => page.locator(`[data-sandbox="${id}"]`);
const mark = (id: string, kind: string) => lane(id).locator(`.mark-${kind}:not(.ahead)`);

async function axe(label: string): Promise<void> {
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.evaluate(readFileSync('node_modules/axe-core/axe.min.js', 'utf8'));
  const violations = await page.evaluate(async () => {
    const run = (
      window as unknown as { axe: { run(context: Document): Promise<{ violations: AxeViolation[] }> } }
    ).axe.run;
    return (await run(document)).violations;
  });
  // Every finding, whatever its impact, kept for a person to read.
  writeFileSync(`${SHOTS}/axe-${label.replace(/\W+/g, '-')}.json`, JSON.stringify(violations, null, 2));
  const serious = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${label}: ${v.id} (${v.impact}) ${v.help}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
  expect(serious).toEqual([]);
}

describe('the inspector in Chromium', () => {
  const ids: Record<string, string> = {};

  it('opens from the mock itself, goes live, and lists sandboxes created through the SDK as rows and lanes', async () => {
    await page.goto(`${url}/_mock/ui`);
    await expect.poll(() => page.getByTestId('feed-status').textContent()).toBe('Live');
    await expect.poll(() => page.getByTestId('mock-now').textContent()).toBe('2026-06-15 10:30:00 UTC');
    const alice = sdk(ALICE);
    const bob = sdk(BOB);
    ids.web = (await alice.sandboxes.create({ image: 'node:22', metadata: { team: 'web' } })).id;
    ids.ml = (
      await alice.sandboxes.create({ image: 'python:3.12', idleTimeoutMs: 60_000, metadata: { team: 'ml' } })
    ).id;
    ids.batch = (await bob.sandboxes.create({ image: 'node:22', timeoutMs: 150_000, idleTimeoutMs: 0 })).id;
    for (const id of Object.values(ids)) await row(id).waitFor();
    await expect
      .poll(() =>
        row(ids.ml as string)
          .locator('.badge')
          .textContent(),
      )
      .toBe('running');
    // Keys are masked everywhere on the page.
    expect(await page.content()).not.toContain(ALICE);
    await expect.poll(() => row(ids.batch as string).textContent()).toContain('sk_…c3d4');
    await tab('Timeline');
    for (const id of Object.values(ids)) await lane(id).waitFor();
    await page.screenshot({ path: `${SHOTS}/timeline-start.png` });
  });

  it('moves the clock from the page: an idle auto-pause, then an expiry, drawn on their lanes', async () => {
    const alice = sdk(ALICE);
    const bob = sdk(BOB);
    await page.getByRole('button', { name: '+1 min' }).click();
    await expect.poll(() => page.getByTestId('mock-now').textContent()).toBe('2026-06-15 10:31:00 UTC');
    await mark(ids.ml as string, 'auto-paused').waitFor();
    expect((await alice.sandboxes.get(ids.ml as string)).state).toBe('paused');

    await alice.sandboxes.pause(ids.web as string);
    await page.getByLabel(/Custom amount/).fill('30s');
    await page.getByRole('button', { name: 'Advance' }).click();
    await expect.poll(() => page.getByTestId('mock-now').textContent()).toBe('2026-06-15 10:31:30 UTC');
    await alice.sandboxes.resume(ids.web as string);
    ids.big = (
      await bob.sandboxes.create({ image: 'ubuntu:24.04', resources: { cpu: 4, memoryMb: 8192 } })
    ).id;
    await lane(ids.big).waitFor();

    await page.getByRole('button', { name: '+1 min' }).click(); // 10:32:30: the batch sandbox's lifetime ends
    await mark(ids.batch as string, 'expired').waitFor();
    expect((await bob.sandboxes.get(ids.batch as string)).state).toBe('terminated');
    await bob.sandboxes.terminate(ids.big);
    await mark(ids.big, 'terminated').waitFor();

    await page.getByLabel(/Custom amount/).fill('1m30s'); // 10:34:00: the web sandbox idled at 10:33:30
    await page.getByRole('button', { name: 'Advance' }).click();
    await mark(ids.web as string, 'auto-paused').waitFor();
    expect(await mark(ids.web as string, 'paused').count()).toBe(1);
    expect(await mark(ids.web as string, 'resumed').count()).toBe(1);

    await lane(ids.web as string)
      .getByRole('button')
      .click();
    await page.getByTestId('sandbox-detail').getByText('auto-paused (idle timeout)').waitFor();
    await page.getByTestId('sandbox-detail').getByText('"workdir": "/workspace"').waitFor();
    await page.mouse.move(0, 0);
    await page.screenshot({ path: DOCS_SHOT });
    await page.screenshot({ path: `${SHOTS}/timeline.png` });
    await axe('timeline');
    await tab('Sandboxes');
    await expect.poll(() => row(ids.batch as string).textContent()).toContain('ended 10:32:30');
    await page.screenshot({ path: `${SHOTS}/sandboxes.png` });
    await axe('sandboxes');
  });

  it('adds a fault from the page, and the SDK meets it; the journal shows it with both bodies', async () => {
    await tab('Faults');
    await page.getByLabel('Method').selectOption('POST');
    await page.getByLabel('Route').fill('/v1/sandboxes');
    await page.getByLabel('Error code').fill('RESOURCE_EXHAUSTED');
    await page.getByLabel('Number of times').fill('1');
    await page.getByRole('button', { name: 'Add fault' }).click();
    await expect
      .poll(() => page.locator('[data-fault="fault_1"] [data-testid=fault-remaining]').textContent())
      .toBe('1');
    await page.screenshot({ path: `${SHOTS}/faults.png` });
    await axe('faults');

    const refused = await sdk(ALICE)
      .sandboxes.create({ image: 'node:22', metadata: { note: 'meets the fault' } })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ResourceExhaustedError);
    await page.getByText('No faults: every request is answered normally.').waitFor();

    await tab('Requests');
    const requestId = (refused as ResourceExhaustedError).requestId as string;
    const entry = page.locator(`[data-request="${requestId}"]`);
    await entry.waitFor();
    expect(await page.locator('[data-request]').first().getAttribute('data-request')).toBe(requestId);
    expect(await entry.textContent()).toContain('RESOURCE_EXHAUSTED');
    await entry.getByRole('button').click();
    const detail = page.getByTestId('request-detail');
    await detail.getByText('"note": "meets the fault"').waitFor();
    await detail.getByText('"code": "RESOURCE_EXHAUSTED"').waitFor();
    await page.screenshot({ path: `${SHOTS}/requests.png` });
    await axe('requests');
  });

  it('is usable from the keyboard: arrows move between tabs, Enter opens a sandbox', async () => {
    await page.getByRole('tab', { name: /^Requests/ }).focus();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    expect(await page.getByRole('tab', { selected: true }).textContent()).toMatch(/^Sandboxes/);
    await page.keyboard.press('Tab'); // into the panel: the filters come first
    const button = row(ids.ml as string).getByRole('button');
    await button.focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('sandbox-detail').waitFor();
    expect(await button.getAttribute('aria-pressed')).toBe('true');
  });

  it('is readable in a narrow window', async () => {
    await page.setViewportSize({ width: 480, height: 860 });
    await tab('Timeline');
    await page.screenshot({ path: `${SHOTS}/narrow-timeline.png` });
    await axe('narrow timeline');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await tab('Sandboxes');
    await page.screenshot({ path: `${SHOTS}/narrow-sandboxes.png` });
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('loads a snapshot and resets the mock from the State tab', async () => {
    await tab('State');
    const snapshot = {
      version: 1,
      now: '2026-06-15T11:00:00.000Z',
      sandboxes: [
        {
          apiKey: ALICE,
          id: 'sb_loadedfromafile01',
          state: 'running',
          image: 'node:22',
          createdAt: '2026-06-15T10:59:00.000Z',
          startedAt: '2026-06-15T10:59:00.000Z',
        },
      ],
    };
    await page.getByLabel(/Load a snapshot/).setInputFiles({
      name: 'scenario.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(snapshot)),
    });
    await page.getByRole('button', { name: 'Load', exact: true }).click();
    await page.getByText('Loaded scenario.json').waitFor();
    await expect.poll(() => page.getByTestId('mock-now').textContent()).toBe('2026-06-15 11:00:00 UTC');
    await page.screenshot({ path: `${SHOTS}/state.png` });
    await axe('state');
    await tab('Sandboxes');
    await row('sb_loadedfromafile01').waitFor();
    expect(await page.locator('[data-sandbox]').count()).toBe(1);

    await tab('State');
    await page.getByRole('button', { name: 'Reset…' }).click();
    await page.getByRole('button', { name: 'Yes, reset the mock' }).click();
    await tab('Sandboxes');
    await page.getByText('No sandboxes yet.').waitFor();
  });

  it('loaded nothing from another host and logged no error (no CSP violation)', () => {
    expect(foreignRequests).toEqual([]);
    expect(problems).toEqual([]);
  });
});
