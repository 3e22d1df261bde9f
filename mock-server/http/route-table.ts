import type { Context } from 'hono';
import type { MockApp, Scope } from './context.js';
import { fail } from './responses.js';

type Handler = (c: Context<{ Bindings: Scope }>) => Response | Promise<Response>;

/** The handlers of one path, by method. */
export type PathRoutes = Partial<Record<'GET' | 'POST' | 'PUT' | 'DELETE', Handler>>;

/**
 * Mounts one path: its methods, and for any other method 405 `METHOD_NOT_ALLOWED` with the
 * `Allow` header (so a known path with a wrong method is never a 404). One Hono handler per
 * path picks the method's handler: Hono then runs it directly, without composing a chain.
 * `HEAD` is answered by the `GET` handler (Hono sends its status and headers, no body).
 */
export function mount(app: MockApp, path: string, routes: PathRoutes): void {
  const methods = Object.keys(routes) as (keyof PathRoutes)[];
  const byMethod = new Map<string, Handler>(methods.map((method) => [method, routes[method]!]));
  const allow = [...methods, 'OPTIONS'].join(', ');
  app.all(path, (c) => {
    const method = c.req.method;
    const handler = byMethod.get(method === 'HEAD' ? 'GET' : method);
    if (handler) return handler(c);
    return fail(
      c.env,
      'METHOD_NOT_ALLOWED',
      `Method ${method} is not allowed on ${c.req.path}; use ${allow}`,
      {
        method,
        allow: [...methods, 'OPTIONS'],
      },
      { allow },
    );
  });
}
