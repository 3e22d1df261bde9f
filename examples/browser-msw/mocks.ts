/**
 * Development and test set-up: msw's service worker answers the API's URL from runra's mock.
 * The app (`app.ts`) is not changed for it. The worker script, `mockServiceWorker.js`, must be
 * served from the site's root: in your app, `npx msw init public` copies it there (this
 * example's `serve.ts` serves the one in `node_modules/msw`).
 */
import { setupWorker } from 'msw/browser';
import { createMockApi, type MockApi } from '../../mock-server/index.js'; // in your app: 'runra/mock'
import { createHandlers } from '../../mock-server/msw.js'; // in your app: 'runra/msw'

declare global {
  interface Window {
    /** The mock behind the handlers, for end-to-end tests: `page.evaluate(() => runraMock.clock.advance(…))`. */
    runraMock?: MockApi;
  }
}

/** One mock with a manual clock: time moves only when a test says so. */
export const handlers = createHandlers({ api: createMockApi({ clock: 'manual' }) });

/** Registers the worker and waits until it controls the page; then the app may call the API. */
export async function startMocks(): Promise<void> {
  await setupWorker(...handlers).start({ onUnhandledRequest: 'error', quiet: true });
  window.runraMock = handlers.api;
}
