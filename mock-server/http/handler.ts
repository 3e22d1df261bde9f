import { Hono } from 'hono';
import type { ErrorCode } from '../../src/schemas/index.js';
import { toIso } from '../machine/clock.js';
import { redactAuthorization } from './auth.js';
import { bodyTextOf, readBody } from './body.js';
import type { HandlerDeps, MockApp, Scope } from './context.js';
import { guardControl, isControlPath } from './control-guard.js';
import { type FaultRule, MockConnectionDroppedError } from './faults.js';
import type { JournalEntry } from './journal.js';
import { journalBody } from './journal-body.js';
import { asideBodyOf, errorResponse, fail } from './responses.js';
import { type MountedRoute, mountedRoutes } from './route-table.js';
import { mountApiRoutes } from './routes-api.js';
import { mountControlRoutes } from './routes-control.js';
import { mountInspectorRoutes } from './routes-inspector.js';

/** The path of a URL string without parsing all of it (the origin can be anything). */
function pathOf(url: string): { pathname: string; pathAndQuery: string } {
  const start = url.indexOf('/', url.indexOf('//') + 2);
  if (start === -1) return { pathname: '/', pathAndQuery: '/' };
  const hash = url.indexOf('#', start);
  const pathAndQuery = hash === -1 ? url.slice(start) : url.slice(start, hash);
  const query = pathAndQuery.indexOf('?');
  return { pathname: query === -1 ? pathAndQuery : pathAndQuery.slice(0, query), pathAndQuery };
}

/** A fetch handler of the mock and its twin for the mock's own Node server. */
const textBodyHandlers = new WeakMap<object, (request: Request) => Promise<Response>>();

/**
 * The twin of a mock fetch handler that the mock's own Node server calls: same behaviour,
 * but JSON answers come as a status-only `Response` with text and headers kept aside
 * (`asideBodyOf`: no web stream nor `Headers` per response). `undefined` for any other function (a wrapper, a test double): call it as it is.
 *
 * @example
 * ```ts
 * const handle = textBodyHandlerOf(api.fetch) ?? api.fetch;
 * ```
 */
export function textBodyHandlerOf(fetch: object): ((request: Request) => Promise<Response>) | undefined {
  return textBodyHandlers.get(fetch);
}

/** The Hono app behind each mock fetch handler. */
const appsOfHandlers = new WeakMap<object, MockApp>();

/**
 * The routes a mock fetch handler serves, each path with its methods; `undefined` for any
 * other function.
 *
 * @example
 * ```ts
 * routesOf(api.fetch)?.map((route) => route.path); // ['/v1/sandboxes', ..., '/_mock/reset', ...]
 * ```
 */
export function routesOf(fetch: object): readonly MountedRoute[] | undefined {
  const app = appsOfHandlers.get(fetch);
  return app === undefined ? undefined : mountedRoutes(app);
}

/** `redactAuthorization`, remembering its last answer (a client sends the same header each time). */
function lastRedaction(): (header: string | null) => string | null {
  let lastHeader: string | null = null;
  let lastRedacted: string | null = null;
  return (header) => {
    if (header === null) return null;
    if (header !== lastHeader) {
      lastRedacted = redactAuthorization(header);
      lastHeader = header;
    }
    return lastRedacted;
  };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The Hono app with every route, the 404 and the 500 envelope. */
function buildApp(deps: HandlerDeps): MockApp {
  const app: MockApp = new Hono<{ Bindings: Scope }>();
  mountApiRoutes(app, deps);
  mountControlRoutes(app, deps);
  mountInspectorRoutes(app, deps.machine);
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
 * origin works (msw hands over `https://api.box.runra.dev/...`). Every request under
 * `/_mock/`, whatever its route, first passes the control plane's guard
 * (`control-guard.ts`) and is neither journaled nor subject to faults.
 *
 * @throws {MockConnectionDroppedError} (as a rejection) when a `drop` fault fires.
 */
export function createFetchHandler(deps: HandlerDeps): (request: Request) => Promise<Response> {
  const app = buildApp(deps);

  /** The routes' answer (or the guard's refusal): synchronous when the route is; never throws nor rejects. */
  const route = (request: Request, scope: Scope): Response | Promise<Response> => {
    const internal = (error: unknown) =>
      fail(scope, 'INTERNAL_ERROR', 'Internal mock error', { reason: String(error) });
    try {
      if (scope.control) {
        const refused = guardControl(request, scope);
        if (refused) return refused;
      }
      const answered = app.fetch(request, scope);
      return answered instanceof Promise ? answered.catch(internal) : answered;
    } catch (error) {
      return internal(error);
    }
  };

  /** An injected error's envelope. */
  const injectedError = (scope: Scope, injected: NonNullable<FaultRule['error']>): Response => {
    const { code, status, message, details, retryAfterMs } = injected;
    const error = {
      code: code as ErrorCode,
      message: message ?? `Injected fault: ${code}`,
      details: details ?? {},
    };
    return errorResponse(scope, retryAfterMs === undefined ? error : { ...error, retryAfterMs }, status);
  };

  const redact = lastRedaction();
  const begin = (request: Request, bodyAside: boolean) => {
    const started = performance.now();
    const time = deps.machine.clock.now();
    const scope: Scope = { requestId: deps.nextRequestId(), bodyAside };
    const { pathname, pathAndQuery } = pathOf(request.url);
    const journaled = !isControlPath(pathname);
    if (!journaled) scope.control = true;
    const fault = journaled ? deps.faults.take(request.method, pathname) : undefined;
    const record = (status: number | null, dropped?: 'before' | 'after') => {
      if (!journaled) return;
      const entry: JournalEntry = {
        requestId: scope.requestId,
        time: toIso(time),
        method: request.method,
        path: pathAndQuery,
        status,
        apiKey: redact(request.headers.get('authorization')),
        durationMs: Math.round((performance.now() - started) * 1000) / 1000,
      };
      if (fault) entry.fault = fault.id;
      if (dropped) entry.dropped = dropped;
      const requestBody = journalBody(bodyTextOf(request));
      if (requestBody) entry.requestBody = requestBody;
      const responseBody = status === null ? undefined : journalBody(scope.sentText);
      if (responseBody) entry.responseBody = responseBody;
      deps.journal.record(entry);
    };
    /** Stamps the request id on the answer and journals it. */
    const end = (response: Response): Response => {
      // An answer kept aside always carries its request id.
      if (!asideBodyOf(response) && !response.headers.has('x-request-id')) {
        response.headers.set('x-request-id', scope.requestId);
      }
      if (fault?.drop === 'after') {
        record(response.status, 'after');
        throw new MockConnectionDroppedError('after');
      }
      record(response.status);
      return response;
    };
    return { scope, fault, record, end };
  };

  /** A request a fault fired on: wait, drop, answer the injected error, or go on. */
  const withFault = async (request: Request, call: ReturnType<typeof begin>, fault: FaultRule) => {
    if (fault.latencyMs) await sleep(fault.latencyMs);
    // No route reads the body of a request answered or dropped before acting: the journal does.
    if (fault.error || fault.drop === 'before') await readBody(request);
    if (fault.drop === 'before') {
      call.record(null, 'before');
      throw new MockConnectionDroppedError('before');
    }
    return call.end(fault.error ? injectedError(call.scope, fault.error) : await route(request, call.scope));
  };

  /** Answers a request; without a fault, with no more promise hops than the route needs. */
  const handle = (request: Request, bodyAside: boolean): Promise<Response> => {
    try {
      const call = begin(request, bodyAside);
      if (call.fault !== undefined) return withFault(request, call, call.fault);
      const answered = route(request, call.scope);
      return answered instanceof Promise ? answered.then(call.end) : Promise.resolve(call.end(answered));
    } catch (error) {
      return Promise.reject(error);
    }
  };
  const fetch = (request: Request): Promise<Response> => handle(request, false);
  textBodyHandlers.set(fetch, (request) => handle(request, true));
  appsOfHandlers.set(fetch, app);
  return fetch;
}
