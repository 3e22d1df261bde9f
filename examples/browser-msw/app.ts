/**
 * The app: a small page that manages one sandbox. It is ordinary application code — it
 * builds its client with NO `fetch` option, so every call goes through the page's own
 * `fetch` to the real API's URL. In development and in end-to-end tests, msw's service worker
 * answers those requests from runra's mock (see `mocks.ts`); nothing here knows about it.
 */
import { Runra, RunraError, type Sandbox } from '../../src/index.js'; // in your app: from 'runra'

/** Wires the page's buttons to the SDK and shows the sandbox and a log of calls. */
export function mountApp(document: Document): void {
  // This app calls the API straight from the page, so the SDK asks it to say so: whoever opens
  // the page can read the key. In production prefer your own server (point `baseURL` at it:
  // no flag needed); see docs/security.md. Here the key is a test key that only the mock sees.
  const runra = new Runra({ apiKey: 'sk_test_browser', dangerouslyAllowBrowser: true });
  let sandbox: Pick<Sandbox, 'id'> | undefined;

  const field = (id: string) => document.querySelector<HTMLElement>(`#${id}`)!;
  const log = (line: string) => {
    const item = document.createElement('li');
    item.textContent = line;
    field('log').append(item);
  };
  const show = (fresh: Sandbox) => {
    sandbox = fresh;
    field('id').textContent = fresh.id;
    field('state').textContent = fresh.state;
    field('pausedAt').textContent = fresh.pausedAt ?? '—';
    field('terminatedAt').textContent = fresh.terminatedAt ?? '—';
  };

  /** Runs one call for a button: shows its outcome, and a typed error by its class and code. */
  const action = (id: string, call: (sandboxId: string) => Promise<string>) => {
    field(id).addEventListener('click', async () => {
      document.body.dataset.busy = 'true';
      try {
        log(await call(sandbox?.id ?? ''));
        if (sandbox) show(await runra.sandboxes.get(sandbox.id));
      } catch (error) {
        if (!(error instanceof RunraError)) throw error;
        log(`${error.name} (${error.code}): ${error.message}`);
      } finally {
        delete document.body.dataset.busy;
      }
    });
  };

  action('create', async () => {
    const created = await runra.sandboxes.create({ image: 'node:22', metadata: { app: 'browser-msw' } });
    show(created);
    return `create → ${created.id} ${created.state}`;
  });
  action('refresh', async (id) => `get → ${(await runra.sandboxes.get(id)).state}`);
  action('pause', async (id) => {
    const { state, runtimeDurationMs } = await runra.sandboxes.pause(id);
    return `pause → ${state}, runtimeDurationMs ${runtimeDurationMs}`;
  });
  action('resume', async (id) => {
    const { state, pausedDurationMs } = await runra.sandboxes.resume(id);
    return `resume → ${state}, pausedDurationMs ${pausedDurationMs}`;
  });
  action('terminate', async (id) => {
    const { state, totalRuntimeMs } = await runra.sandboxes.terminate(id);
    return `terminate → ${state}, totalRuntimeMs ${totalRuntimeMs}`;
  });
}
