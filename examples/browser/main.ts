/**
 * The browser page's script. With `?api=<url>` it calls a mock (or real) server on another
 * origin, which exercises CORS; without it, the mock runs inside the page.
 */
import { createMockApi } from '../../mock-server/index.js';
import { Runra } from '../../src/index.js';
import { runTour } from './tour.js';

const apiKey = 'sk_test_browser';
const serverURL = new URLSearchParams(location.search).get('api');
const runra = serverURL
  ? new Runra({ apiKey, baseURL: serverURL })
  : new Runra({ apiKey, fetch: createMockApi().fetch });

const status = document.querySelector<HTMLElement>('#status')!;
const list = document.querySelector<HTMLOListElement>('#log')!;
document.querySelector('#target')!.textContent = serverURL
  ? `the mock server at ${serverURL} (cross-origin)`
  : 'the mock running inside this page';

function log(line: string): void {
  const item = document.createElement('li');
  item.textContent = line;
  list.append(item);
}

try {
  await runTour(runra, log);
  status.textContent = 'Done: every step succeeded.';
  document.body.dataset.status = 'done';
} catch (err) {
  status.textContent = `Failed: ${String(err)}`;
  document.body.dataset.status = 'failed';
  throw err;
}
