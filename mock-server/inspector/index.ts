import type { MockApi } from '../api.js';
import type { InspectorCall } from '../http/routes-inspector.js';
import { attachInspector, canAttachInspector } from '../http/routes-inspector.js';
import { CONTENT_SECURITY_POLICY, inspectorHeaders, inspectorJson, inspectorNotFound } from './answers.js';
import { INSPECTOR_ASSETS, INSPECTOR_PAGE } from './assets.generated.js';
import { InspectorHub } from './hub.js';
import { sandboxDetail } from './views.js';

/** Where the page is served, below the mock's URL. */
export const INSPECTOR_PATH = '/_mock/ui';

/** The inspector of one mock: its routes' answers and its live feed. */
export interface Inspector {
  /** Answers a request for one of the inspector's routes. */
  serve(call: InspectorCall): Response | Promise<Response>;
  /** How many pages are connected to the live feed. */
  readonly clients: number;
  /** Sends pending changes now (the feed does it every 250 ms by itself). */
  flush(): void;
  /** Ends every live feed and stops watching the mock. */
  close(): void;
}

const assets = new Map(Object.entries(INSPECTOR_ASSETS));

/** A static asset, with its ETag; 304 when the page already has it. */
function asset(call: InspectorCall, found: { type: string; body: string; etag: string }, page: boolean) {
  const headers = inspectorHeaders(call.scope, found.type);
  headers.etag = found.etag;
  headers['cache-control'] = 'no-cache';
  if (page) {
    headers['content-security-policy'] = CONTENT_SECURITY_POLICY;
    headers['x-frame-options'] = 'DENY';
  }
  if (call.request.headers.get('if-none-match') === found.etag)
    return new Response(null, { status: 304, headers });
  return new Response(found.body, { status: 200, headers });
}

/**
 * Creates the inspector of `api`: the page at `/_mock/ui`, its assets, its live feed
 * (server-sent events) and the detail routes. It starts watching the mock's sandboxes at
 * once, so the timeline shows what happens from now on even before a page is opened.
 *
 * @example
 * ```ts
 * const inspector = createInspector(api);
 * attachInspector(api.machine, inspector.serve);
 * ```
 */
export function createInspector(api: MockApi): Inspector {
  const hub = new InspectorHub(api);
  const serve = (call: InspectorCall): Response => {
    const { scope } = call;
    switch (call.route) {
      case 'page':
        return asset(call, INSPECTOR_PAGE, true);
      case 'asset': {
        const found = assets.get(call.param);
        return found
          ? asset(call, found, false)
          : inspectorNotFound(scope, `No asset ${call.param}`, { asset: call.param });
      }
      case 'events': {
        const headers = inspectorHeaders(scope, 'text/event-stream; charset=utf-8');
        headers['cache-control'] = 'no-store';
        // The stream's socket is never reused: a closing server is not kept waiting for it.
        headers.connection = 'close';
        // A HEAD is answered without a body: it must not open a feed nobody reads.
        if (call.request.method === 'HEAD') return new Response(null, { status: 200, headers });
        return new Response(hub.connect(), { status: 200, headers });
      }
      case 'sandbox': {
        for (const record of api.machine.records()) {
          if (record.id === call.param)
            return inspectorJson(scope, 200, sandboxDetail(record, hub.histories));
        }
        return inspectorNotFound(scope, `Sandbox ${call.param} not found`, { sandboxId: call.param });
      }
      case 'request': {
        const entries = api.journal.entries();
        for (let i = entries.length - 1; i >= 0; i--) {
          if (entries[i]?.requestId === call.param) return inspectorJson(scope, 200, entries[i]);
        }
        return inspectorNotFound(scope, `Request ${call.param} is not in the journal`, {
          requestId: call.param,
        });
      }
    }
  };
  return {
    serve,
    get clients() {
      return hub.clients;
    },
    flush: () => hub.flush(),
    close: () => hub.close(),
  };
}

/**
 * Attaches a new inspector to the mock `api` serves, when its handler is the mock's own.
 * Returns the inspector and the way to detach and close it, or `undefined`.
 */
export function inspect(api: MockApi): { inspector: Inspector; close(): void } | undefined {
  // A stand-in `api` (a test double, a wrapper without the mock's machine) has no inspector.
  if (!canAttachInspector(api.machine as MockApi['machine'] | undefined)) return undefined;
  const inspector = createInspector(api);
  const detach = attachInspector(api.machine, inspector.serve);
  if (detach === undefined) {
    inspector.close();
    return undefined;
  }
  return {
    inspector,
    close: () => {
      detach();
      inspector.close();
    },
  };
}
