import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChromiumSession, launchChromium } from './chromium.js';

/**
 * The SDK's edges in a real browser page (issue 10): the browser rule, no User-Agent of
 * its own, and a redirect, which a browser reports as an opaque response (status 0, target
 * hidden) under `redirect: 'manual'`. The page loads the built package (dist/index.js).
 */

/** The page: loads the SDK as a module and puts `Runra` on `window` for the tests. */
const PAGE =
  '<!doctype html><title>runra</title><script type="module">import { Runra } from "/runra.js"; window.Runra = Runra;</script>';

/** The `Runra` class the page loaded (the tests run inside the page). */
type PageWindow = { Runra: typeof import('../../src/index.js').Runra };

const servers: Server[] = [];
let session: ChromiumSession;
let api: { url: string; seen: { url: string; headers: IncomingHttpHeaders }[] };
let elsewhere: { url: string; seen: { url: string; headers: IncomingHttpHeaders }[] };

async function serve(answer: (url: string) => [number, Record<string, string>, string]) {
  const seen: { url: string; headers: IncomingHttpHeaders }[] = [];
  const server = createServer((request, response) => {
    seen.push({ url: request.url ?? '', headers: request.headers });
    const [status, headers, body] = answer(request.url ?? '');
    response.writeHead(status, headers).end(body);
  });
  servers.push(server);
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

beforeAll(async () => {
  const bundle = await build({
    entryPoints: [fileURLToPath(new URL('../../dist/index.js', import.meta.url))],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  });
  const script = bundle.outputFiles[0]?.text ?? '';
  elsewhere = await serve(() => [200, { 'access-control-allow-origin': '*' }, '{}']);
  api = await serve((url) => {
    if (url === '/') return [200, { 'content-type': 'text/html' }, PAGE];
    if (url === '/runra.js') return [200, { 'content-type': 'text/javascript' }, script];
    if (url.startsWith('/v1/sandboxes/sb_moved')) return [307, { location: `${elsewhere.url}/steal` }, ''];
    return [200, { 'content-type': 'application/json' }, '{"id":"sb_1","state":"running"}'];
  });
  session = await launchChromium();
});

afterAll(async () => {
  await session?.close();
  await Promise.all(servers.map((server) => new Promise((done) => server.close(done))));
});

describe('runra in a browser page (Chromium)', () => {
  it('refuses the real API without dangerouslyAllowBrowser; a custom baseURL or the flag are fine; no runra User-Agent', async () => {
    const page = await session.context.newPage();
    await page.goto(api.url);
    await page.waitForFunction(() => 'Runra' in window);
    const outcome = await page.evaluate(async (baseURL) => {
      const { Runra } = window as unknown as PageWindow;
      let refused = '';
      try {
        new Runra({ apiKey: 'sk_test_browser' });
      } catch (error) {
        refused = (error as { code: string }).code;
      }
      new Runra({ apiKey: 'sk_test_browser', dangerouslyAllowBrowser: true });
      const sandbox = await new Runra({ apiKey: 'sk_test_browser', baseURL }).sandboxes.get('sb_1');
      return { refused, id: sandbox.id };
    }, api.url);
    expect(outcome).toEqual({ refused: 'BROWSER_NOT_ALLOWED', id: 'sb_1' });
    const get = api.seen.find((request) => request.url === '/v1/sandboxes/sb_1');
    expect(get?.headers['user-agent']).not.toMatch(/runra-js/);
    expect(get?.headers.authorization).toBe('Bearer sk_test_browser');
    await page.close();
  });

  it('a redirect is an opaque response: an APIError, not followed, nothing sent to the target', async () => {
    const page = await session.context.newPage();
    await page.goto(api.url);
    await page.waitForFunction(() => 'Runra' in window);
    const error = await page.evaluate(async (baseURL) => {
      const { Runra } = window as unknown as PageWindow;
      const runra = new Runra({ apiKey: 'sk_test_browser', baseURL, maxRetries: 2 });
      return runra.sandboxes.get('sb_moved').then(
        () => undefined,
        (reason: unknown) => {
          const e = reason as { name: string; code: string; status?: number; message: string };
          return { name: e.name, code: e.code, status: e.status ?? null, message: e.message };
        },
      );
    }, api.url);
    expect(error).toMatchObject({ name: 'APIError', code: 'UNEXPECTED_REDIRECT', status: null });
    expect(error?.message).toContain('redirect');
    expect(api.seen.filter((request) => request.url.startsWith('/v1/sandboxes/sb_moved'))).toHaveLength(1);
    expect(elsewhere.seen).toHaveLength(0);
    await page.close();
  });
});
