import type { Context } from 'hono';
import type { Machine } from '../machine/machine.js';
import type { MockApp, Scope } from './context.js';
import { fail } from './responses.js';
import { mount } from './route-table.js';

/** The inspector's routes under `/_mock/ui`, by name. */
export type InspectorRoute = 'page' | 'asset' | 'events' | 'sandbox' | 'request';

/** One request for an inspector route, as the HTTP layer hands it over. */
export interface InspectorCall {
  route: InspectorRoute;
  /** The path parameter: an asset's name, a sandbox id or a request id (`''` for none). */
  param: string;
  request: Request;
  scope: Scope;
}

/** What answers the inspector's routes (`mock-server/inspector`, attached by the Node server). */
export type InspectorServe = (call: InspectorCall) => Response | Promise<Response>;

/** Per machine (one per mock): where its handler's inspector routes send their requests. */
const slots = new WeakMap<Machine, { serve: InspectorServe | undefined }>();

/**
 * Mounts `/_mock/ui` and below. They answer 404 until an inspector is attached to the mock
 * ({@link attachInspector}): the page belongs to a mock served over HTTP, so the inspector's
 * code (and its page) stays out of `runra/msw` and the in-process `fetch`.
 */
export function mountInspectorRoutes(app: MockApp, machine: Machine): void {
  const slot: { serve: InspectorServe | undefined } = { serve: undefined };
  slots.set(machine, slot);
  const route =
    (name: InspectorRoute, param?: string) =>
    (c: Context<{ Bindings: Scope }>): Response | Promise<Response> => {
      if (slot.serve === undefined) {
        return fail(
          c.env,
          'NOT_FOUND',
          'The inspector is served only by a mock over HTTP (startMockServer, runra-mock)',
          { path: c.req.path },
        );
      }
      return slot.serve({
        route: name,
        param: param === undefined ? '' : (c.req.param(param) ?? ''),
        request: c.req.raw,
        scope: c.env,
      });
    };
  mount(app, '/_mock/ui', { GET: route('page') });
  mount(app, '/_mock/ui/events', { GET: route('events') });
  mount(app, '/_mock/ui/assets/:name', { GET: route('asset', 'name') });
  mount(app, '/_mock/ui/sandboxes/:id', { GET: route('sandbox', 'id') });
  mount(app, '/_mock/ui/requests/:id', { GET: route('request', 'id') });
}

/** Whether a fetch handler serves this machine, so an inspector can be attached to it. */
export function canAttachInspector(machine: Machine | undefined): machine is Machine {
  return machine !== undefined && slots.has(machine);
}

/**
 * Sends the inspector routes of the mock whose machine this is to `serve`. Returns the
 * function that detaches it, or `undefined` when no fetch handler serves this machine.
 *
 * @example
 * ```ts
 * const detach = attachInspector(api.machine, (call) => inspector.serve(call));
 * ```
 */
export function attachInspector(machine: Machine, serve: InspectorServe): (() => void) | undefined {
  const slot = slots.get(machine);
  if (slot === undefined) return undefined;
  slot.serve = serve;
  return () => {
    if (slot.serve === serve) slot.serve = undefined;
  };
}
