import type { Context } from 'hono';
import type { MockApp, Scope } from './context.js';
import { preflight } from './cors.js';
import { fail } from './responses.js';

type Handler = (c: Context<{ Bindings: Scope }>) => Response | Promise<Response>;

/** The handlers of one path, by method. */
export type PathRoutes = Partial<Record<'GET' | 'POST' | 'PUT' | 'DELETE', Handler>>;

/** A mounted path and the methods it answers, as its `Allow` header lists them. */
export interface MountedRoute {
  path: string;
  methods: readonly string[];
}

const mounted = new WeakMap<MockApp, MountedRoute[]>();

/**
 * Every path mounted on `app` with its methods, in mounting order (for `--help`'s test,
 * and any page that lists the routes).
 *
 * @example
 * ```ts
 * mountedRoutes(app).filter((route) => route.path.startsWith('/_mock/'));
 * ```
 */
export function mountedRoutes(app: MockApp): readonly MountedRoute[] {
  return mounted.get(app) ?? [];
}

/** The order methods are listed in an `Allow` header. */
const METHOD_ORDER = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS'] as const;

/**
 * What a path answers, in `Allow` order: its methods, `HEAD` wherever there is `GET` (the
 * `GET` handler answers it), and `OPTIONS` everywhere.
 */
function allowedMethods(routes: PathRoutes): string[] {
  const served = new Set<string>(Object.keys(routes));
  if (served.has('GET')) served.add('HEAD');
  served.add('OPTIONS');
  return METHOD_ORDER.filter((method) => served.has(method));
}

/**
 * Mounts one path: its methods; `OPTIONS` (a CORS preflight or not) answered 204 with this
 * path's `Allow`; for any other method 405 `METHOD_NOT_ALLOWED` with the same `Allow` (so a
 * known path with a wrong method is never a 404, and both name exactly what the path
 * serves). One Hono handler per path picks the method's handler: Hono then runs it
 * directly, without composing a chain. `HEAD` is answered by the `GET` handler (Hono sends
 * its status and headers, no body).
 */
export function mount(app: MockApp, path: string, routes: PathRoutes): void {
  const byMethod = new Map<string, Handler>(
    Object.entries(routes).filter((entry): entry is [string, Handler] => entry[1] !== undefined),
  );
  const methods = allowedMethods(routes);
  const allow = methods.join(', ');
  const list = mounted.get(app) ?? [];
  list.push({ path, methods });
  mounted.set(app, list);
  app.all(path, (c) => {
    const method = c.req.method;
    const handler = byMethod.get(method === 'HEAD' ? 'GET' : method);
    if (handler) return handler(c);
    if (method === 'OPTIONS') return preflight(c.env, allow);
    return fail(
      c.env,
      'METHOD_NOT_ALLOWED',
      `Method ${method} is not allowed on ${c.req.path}; use ${allow}`,
      { method, allow: methods },
      { allow },
    );
  });
}
