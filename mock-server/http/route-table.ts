import type { Context } from 'hono';
import type { MockApp, Scope } from './context.js';
import { fail } from './responses.js';

type Handler = (c: Context<{ Bindings: Scope }>) => Response | Promise<Response>;

/** The handlers of one path, by method. */
export type PathRoutes = Partial<Record<'GET' | 'POST' | 'PUT' | 'DELETE', Handler>>;

/**
 * Mounts one path: its methods, then a catch-all answering 405 `METHOD_NOT_ALLOWED` with
 * the `Allow` header (so a known path with a wrong method is never a 404).
 */
export function mount(app: MockApp, path: string, routes: PathRoutes): void {
  const methods = Object.keys(routes) as (keyof PathRoutes)[];
  for (const method of methods) app.on(method, path, routes[method]!);
  const allow = [...methods, 'OPTIONS'].join(', ');
  app.all(path, (c) =>
    fail(
      c.env,
      'METHOD_NOT_ALLOWED',
      `Method ${c.req.method} is not allowed on ${c.req.path}; use ${allow}`,
      {
        method: c.req.method,
        allow: [...methods, 'OPTIONS'],
      },
      { allow },
    ),
  );
}
