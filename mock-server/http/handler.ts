import { Hono } from 'hono';
import type { ErrorCode } from '../../src/schemas/index.js';
import { toIso } from '../machine/clock.js';
import { redactAuthorization } from './auth.js';
import type { HandlerDeps, MockApp, Scope } from './context.js';
import { preflight } from './cors.js';
import { type FaultRule, MockConnectionDroppedError } from './faults.js';
import { errorResponse, fail } from './responses.js';
import { mountApiRoutes } from './routes-api.js';
import { mountControlRoutes } from './routes-control.js';

const CONTROL_PREFIX = '/_mock/';

/** The path of a URL string without parsing all of it (the origin can be anything). */
function pathOf(url: string): { pathname: string; pathAndQuery: string } {
  const start = url.indexOf('/', url.indexOf('//') + 2);
  if (start === -1) return { pathname: '/', pathAndQuery: '/' };
  const hash = url.indexOf('#', start);
  const pathAndQuery = hash === -1 ? url.slice(start) : url.slice(start, hash);
  const query = pathAndQuery.indexOf('?');
  return { pathname: query === -1 ? pathAndQuery : pathAndQuery.slice(0, query), pathAndQuery };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The Hono app with every route, the 404 and the 500 envelope. */
function buildApp(deps: HandlerDeps): MockApp {
  const app: MockApp = new Hono<{ Bindings: Scope }>();
  mountApiRoutes(app, deps);
  mountControlRoutes(app, deps);
  app.notFound((c) =>
    fail(c.env, 'NOT_FOUND', `No route for ${c.req.method} ${c.req.path}`, { path: c.req.path }),
  );
  app.onError((error, c) =>
    fail(c.env, 'INTERNAL_ERROR', 'Internal mock error', {
      reason: error instanceof Error ? error.message : String(error),
    }),
  );
  return app;
}

/**
 * Builds the mock's fetch handler (`Request → Promise<Response>`): faults, CORS, routing,
 * the journal, and `X-Request-Id` on every response. Routes by pathname only, so any
 * origin works (msw hands over `https://api.box.runra.dev/...`).
 *
 * @throws {MockConnectionDroppedError} (as a rejection) when a `drop` fault fires.
 */
export function createFetchHandler(deps: HandlerDeps): (request: Request) => Promise<Response> {
  const app = buildApp(deps);

  const respond = async (request: Request, scope: Scope, fault: FaultRule | undefined): Promise<Response> => {
    if (fault?.error) {
      const { code, status, message, details, retryAfterMs } = fault.error;
      const error = {
        code: code as ErrorCode,
        message: message ?? `Injected fault: ${code}`,
        details: details ?? {},
      };
      return errorResponse(scope, retryAfterMs === undefined ? error : { ...error, retryAfterMs }, status);
    }
    if (request.method === 'OPTIONS') return preflight(scope);
    try {
      return await app.fetch(request, scope);
    } catch (error) {
      return fail(scope, 'INTERNAL_ERROR', 'Internal mock error', { reason: String(error) });
    }
  };

  return async (request) => {
    const started = performance.now();
    const time = deps.machine.clock.now();
    const scope: Scope = { requestId: deps.nextRequestId() };
    const { pathname, pathAndQuery } = pathOf(request.url);
    const journaled = !pathname.startsWith(CONTROL_PREFIX);
    const fault = journaled ? deps.faults.take(request.method, pathname) : undefined;
    const record = (status: number | null, dropped?: 'before' | 'after') => {
      if (!journaled) return;
      deps.journal.record({
        requestId: scope.requestId,
        time: toIso(time),
        method: request.method,
        path: pathAndQuery,
        status,
        apiKey: redactAuthorization(request.headers.get('authorization')),
        durationMs: Math.round((performance.now() - started) * 1000) / 1000,
        ...(fault ? { fault: fault.id } : {}),
        ...(dropped ? { dropped } : {}),
      });
    };

    if (fault?.latencyMs) await sleep(fault.latencyMs);
    if (fault?.drop === 'before') {
      record(null, 'before');
      throw new MockConnectionDroppedError('before');
    }
    const response = await respond(request, scope, fault);
    if (!response.headers.has('x-request-id')) response.headers.set('x-request-id', scope.requestId);
    if (fault?.drop === 'after') {
      record(response.status, 'after');
      throw new MockConnectionDroppedError('after');
    }
    record(response.status);
    return response;
  };
}
