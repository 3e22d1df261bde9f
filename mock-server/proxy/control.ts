import { Hono } from 'hono';
import type { MockApp, Scope } from '../http/context.js';
import { guardControl } from '../http/control-guard.js';
import { empty, fail, json } from '../http/responses.js';
import { mount } from '../http/route-table.js';
import type { Verifier } from './verifier.js';

/** The control routes of the proxy, as its 404 lists them. */
const ROUTES = 'GET|DELETE /_mock/requests, POST /_mock/reset, GET /_mock/report';

/**
 * The proxy's own control plane under `/_mock/` (never forwarded), as a fetch handler built
 * from the mock's HTTP pieces: the journal (`GET|DELETE /_mock/requests`, the same shape as
 * the mock's, each entry with its `findings`), `POST /_mock/reset` (the upstream was reset:
 * forget the mirror and the journal; the report keeps counting) and `GET /_mock/report`.
 * Each waits for the checks in progress first. Other `/_mock/` paths answer 404: the
 * upstream's own control plane is reached at its own URL.
 *
 * @example
 * ```ts
 * const control = createProxyControl(verifier);
 * await control(new Request('http://proxy/_mock/report'));
 * ```
 */
export function createProxyControl(verifier: Verifier): (request: Request) => Promise<Response> {
  const app: MockApp = new Hono<{ Bindings: Scope }>();
  mount(app, '/_mock/requests', {
    GET: async (c) => {
      await verifier.settled();
      return json(c.env, 200, { data: verifier.journal.entries() });
    },
    DELETE: async (c) => {
      await verifier.settled();
      verifier.journal.clear();
      return empty(c.env);
    },
  });
  mount(app, '/_mock/reset', {
    POST: async (c) => {
      await verifier.reset();
      return empty(c.env);
    },
  });
  mount(app, '/_mock/report', {
    GET: async (c) => {
      await verifier.settled();
      return json(c.env, 200, verifier.report());
    },
  });
  app.notFound((c) =>
    fail(
      c.env,
      'NOT_FOUND',
      `No proxy control route ${c.req.method} ${c.req.path}: the proxy has ${ROUTES}; the upstream's own are at its URL`,
      { path: c.req.path },
    ),
  );
  return async (request) => {
    const scope = { requestId: verifier.newRequestId(), control: true };
    // The mock's guard: no page on another origin may read the journal or the report, nor reset.
    const refused = guardControl(request, scope);
    if (refused) return refused;
    const response = await app.fetch(request, scope);
    return response;
  };
}
