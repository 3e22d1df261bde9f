import { InvalidSnapshotError } from '../machine/snapshot.js';
import { createOpenApiDocument } from '../openapi/document.js';
import { parseJsonObject, readBody } from './body.js';
import type { HandlerDeps, MockApp } from './context.js';
import { InvalidFaultError } from './faults.js';
import { empty, errorResponse, fail, json } from './responses.js';
import { mount } from './route-table.js';
import { guarded, refuse, requireKey } from './routes-api.js';

async function jsonBody(request: Request): Promise<Record<string, unknown>> {
  const read = await readBody(request);
  if (!read.ok) return refuse(read.error);
  const parsed = parseJsonObject(read.text);
  return parsed.ok ? parsed.body : refuse(parsed.error);
}

/**
 * Mounts the control plane under `/_mock/` (no authentication, except the activity route
 * which acts as the caller) and `GET /openapi.json`.
 */
export function mountControlRoutes(app: MockApp, deps: HandlerDeps): void {
  const { control, machine } = deps;

  mount(app, '/openapi.json', { GET: (c) => json(c.env, 200, createOpenApiDocument()) });

  mount(app, '/_mock/reset', {
    POST: (c) => {
      control.reset();
      return empty(c.env);
    },
  });

  const clockView = () => {
    const now = machine.clock.now();
    return { kind: control.clockKind, now: new Date(now).toISOString(), nowMs: now };
  };
  mount(app, '/_mock/clock', { GET: (c) => json(c.env, 200, clockView()) });
  mount(app, '/_mock/clock/advance', {
    POST: guarded(async (c) => {
      const body = await jsonBody(c.req.raw);
      if (control.clockKind !== 'manual') {
        return fail(
          c.env,
          'INVALID_STATE',
          `The clock is ${control.clockKind}: only a manual clock can be advanced (start the mock with clock: 'manual')`,
          { clock: control.clockKind },
        );
      }
      const ms = body.ms;
      if (typeof ms !== 'number' || !Number.isSafeInteger(ms) || ms < 0) {
        return fail(c.env, 'INVALID_REQUEST', 'ms must be a non-negative integer', { field: 'ms' });
      }
      control.advanceClock(ms);
      return json(c.env, 200, clockView());
    }),
  });

  mount(app, '/_mock/faults', {
    GET: (c) => json(c.env, 200, { data: deps.faults.list() }),
    POST: guarded(async (c) => {
      const rule = await jsonBody(c.req.raw);
      try {
        const handle = deps.faults.add(rule);
        const info = deps.faults.list().find((fault) => fault.id === handle.id);
        return json(c.env, 201, info);
      } catch (error) {
        if (error instanceof InvalidFaultError) return fail(c.env, 'INVALID_REQUEST', error.message);
        throw error;
      }
    }),
    DELETE: (c) => {
      deps.faults.clear();
      return empty(c.env);
    },
  });
  mount(app, '/_mock/faults/:id', {
    DELETE: (c) => {
      const id = c.req.param('id') ?? '';
      return deps.faults.remove(id)
        ? empty(c.env)
        : fail(c.env, 'NOT_FOUND', `Fault ${id} not found`, { faultId: id });
    },
  });

  mount(app, '/_mock/requests', {
    GET: (c) => json(c.env, 200, { data: deps.journal.entries() }),
    DELETE: (c) => {
      deps.journal.clear();
      return empty(c.env);
    },
  });

  mount(app, '/_mock/state', {
    GET: (c) => json(c.env, 200, control.exportState()),
    PUT: guarded(async (c) => {
      const snapshot = await jsonBody(c.req.raw);
      try {
        control.importState(snapshot);
      } catch (error) {
        if (!(error instanceof InvalidSnapshotError)) throw error;
        return fail(c.env, 'INVALID_REQUEST', error.message, { issues: error.issues });
      }
      return empty(c.env);
    }),
  });

  mount(app, '/_mock/sandboxes/:id/activity', {
    POST: guarded(async (c) => {
      const apiKey = requireKey(c, deps);
      await readBody(c.req.raw);
      const outcome = machine.activity(apiKey, c.req.param('id') ?? '');
      return outcome.ok ? json(c.env, 200, outcome.value) : errorResponse(c.env, outcome.error);
    }),
  });
}
