import type { Page, Response } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type MswExample, startMswExample } from '../../examples/browser-msw/serve.js';
import { type ChromiumSession, launchChromium } from './chromium.js';

const API = 'https://api.box.runra.dev/';

/** The app bundled from the example's source, and from the built package as an app gets it. */
const BUILDS = ['source', 'package'] as const;

let session: ChromiumSession;
let page: Page;
/** Every answer the page got for the API's URL, this test. */
let apiResponses: Response[] = [];

/** Clicks a button of the app and waits until its call (and the refresh after it) is done. */
async function click(button: string): Promise<void> {
  await page.click(`#${button}`);
  await page.waitForFunction(() => document.body.dataset.busy === undefined);
}

const text = async (id: string) => (await page.textContent(`#${id}`))?.trim();
const lastLog = async () => (await page.locator('#log li').last().textContent())?.trim();

beforeAll(async () => {
  session = await launchChromium();
  page = await session.context.newPage();
  page.on('response', (response) => {
    if (response.url().startsWith(API)) apiResponses.push(response);
  });
});

afterAll(async () => {
  await session?.close();
});

describe.each(BUILDS)(
  "runra/msw in Chromium, through msw's service worker (examples/browser-msw, from %s)",
  (from) => {
    let example: MswExample;

    beforeAll(async () => {
      example = await startMswExample({ from });
    });

    afterAll(async () => {
      await example?.close();
    });

    beforeEach(async () => {
      apiResponses = [];
      // A fresh page is a fresh mock: the worker stays registered, the handlers are new.
      await page.goto(example.url);
      await page.waitForSelector('body[data-ready="true"]');
    });

    it('app code calling the SDK with no fetch option meets the mock through the service worker', async () => {
      const controller = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL);
      expect(controller).toBe(`${example.url}mockServiceWorker.js`);
      // The worker, not a patched fetch (msw's fallback when service workers are unavailable).
      expect(await page.evaluate(() => Function.prototype.toString.call(window.fetch))).toContain(
        '[native code]',
      );

      await click('create');

      expect(await text('id')).toMatch(/^sb_[a-z0-9]{17}$/);
      expect(await text('state')).toBe('running');
      expect(
        apiResponses.map((r) => `${r.request().method()} ${new URL(r.url()).pathname} ${r.status()}`),
      ).toEqual(['POST /v1/sandboxes 201', `GET /v1/sandboxes/${await text('id')} 200`]);
      expect(apiResponses.every((response) => response.fromServiceWorker())).toBe(true);
      const journal = await page.evaluate(() =>
        window.runraMock?.journal.entries().map((e) => `${e.method} ${e.status}`),
      );
      expect(journal).toEqual(['POST 201', 'GET 200']);
    });

    it('timers move through handlers.api: two idle minutes pause the sandbox, the app sees it on its next read', async () => {
      await click('create');
      await page.evaluate(() => window.runraMock?.clock.advance(119_999));
      await click('refresh');
      expect(await text('state')).toBe('running');

      await page.evaluate(() => window.runraMock?.clock.advance(1));
      await click('refresh');
      expect(await text('state')).toBe('paused');
      expect(await text('pausedAt')).toBe('2026-06-15T10:32:00.000Z');

      await click('resume');
      expect(await lastLog()).toBe('resume → running, pausedDurationMs 0');
      await page.evaluate(() => window.runraMock?.clock.advance(60_000));
      await click('terminate');
      expect(await lastLog()).toBe('terminate → terminated, totalRuntimeMs 180000');
      expect(await text('terminatedAt')).toBe('2026-06-15T10:33:00.000Z');
    });

    it("an error answer reaches the app as the SDK's typed error", async () => {
      await click('create');
      await click('terminate');
      await click('pause');
      expect(await lastLog()).toMatch(/^InvalidStateError \(INVALID_STATE\): .*terminated/);
      expect(apiResponses.at(-1)?.status()).toBe(409);
      expect(apiResponses.at(-1)?.fromServiceWorker()).toBe(true);
    });
  },
);
