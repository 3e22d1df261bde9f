/**
 * A Cloudflare Worker that hands out sandboxes: `POST /sandboxes` creates one for the
 * `?user=` given, `GET /sandboxes` lists that user's, `DELETE /sandboxes/:id` ends one.
 *
 * With the secret `RUNRA_API_KEY` set (`npx wrangler secret put RUNRA_API_KEY`) it calls the
 * real API; without it, the runra mock runs inside the Worker (`runra/mock` loads nothing
 * from `node:*`), so `npx wrangler dev` works offline. In your project import from `runra`
 * and `runra/mock`.
 */
import { createMockApi, type MockApi } from '../../mock-server/index.js';
import { APIError, Runra } from '../../src/index.js';

/** The Worker's bindings (see `wrangler.toml`). */
export interface Env {
  RUNRA_API_KEY?: string;
  RUNRA_BASE_URL?: string;
}

/** One mock per isolate, created on first use (Workers forbid I/O at import time). */
let mock: MockApi | undefined;

function client(env: Env): Runra {
  if (env.RUNRA_API_KEY) {
    return new Runra({
      apiKey: env.RUNRA_API_KEY,
      ...(env.RUNRA_BASE_URL ? { baseURL: env.RUNRA_BASE_URL } : {}),
    });
  }
  mock ??= createMockApi();
  return new Runra({ apiKey: 'sk_test_worker', fetch: mock.fetch });
}

async function route(request: Request, runra: Runra): Promise<Response> {
  const url = new URL(request.url);
  const user = url.searchParams.get('user') ?? 'anonymous';
  const [, collection, id] = url.pathname.split('/');
  if (collection !== 'sandboxes') return Response.json({ error: 'not found' }, { status: 404 });

  if (request.method === 'POST' && !id) {
    const sandbox = await runra.sandboxes.create({ image: 'node:22', metadata: { user } });
    return Response.json({ id: sandbox.id, state: sandbox.state }, { status: 201 });
  }
  if (request.method === 'GET' && !id) {
    const ids: string[] = [];
    for await (const sandbox of runra.sandboxes.list({ metadata: { user }, state: 'running' }))
      ids.push(sandbox.id);
    return Response.json({ user, running: ids });
  }
  if (request.method === 'DELETE' && id) {
    const { state, totalRuntimeMs } = await runra.sandboxes.terminate(id);
    return Response.json({ id, state, totalRuntimeMs });
  }
  return Response.json({ error: 'method not allowed' }, { status: 405 });
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    try {
      return await route(request, client(env));
    } catch (err) {
      // An API answer (404, 409, …) is passed on with its code; anything else is a bug.
      if (err instanceof APIError && err.status !== undefined) {
        return Response.json({ error: err.code, message: err.message }, { status: err.status });
      }
      throw err;
    }
  },
};
