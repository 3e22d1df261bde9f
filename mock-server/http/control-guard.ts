/**
 * The guard in front of every path under `/_mock/`, whatever route answers it (those of
 * today and any added later): the control plane reads every tenant's sandboxes and changes
 * the mock's state, so no web page on another origin may use it. Decision 0208.
 *
 * A request passes when it comes from
 * - the mock's own origin: `Origin` names the host the request was sent to; or
 * - no page at all, or a top-level visit typed by the user: no `Origin`, and
 *   `Sec-Fetch-Site` absent (curl, Node, any non-browser client) or `same-origin`/`none`.
 * A request that changes something and carries a body must also declare it as
 * `Content-Type: application/json`, which no HTML form and no CORS-free `fetch` can send.
 * Control answers never carry CORS grants (`baseHeaders`), so even a read that slipped
 * through could not be read by the page.
 */
import { json, type RequestScope } from './responses.js';

const CONTROL_ROOT = '/_mock';

/** A percent-escape of an ASCII character (the others are parts of UTF-8 sequences). */
const ASCII_ESCAPE = /%[0-7][0-9a-fA-F]/g;

/**
 * Whether a request path is under the control plane, however it is spelled: Hono's router
 * decodes `%5F` into `_` before matching, so `/%5Fmock/state` reaches the same route as
 * `/_mock/state` and must be guarded the same way.
 *
 * @example
 * ```ts
 * isControlPath('/_mock/state'); // true
 * isControlPath('/%5fmock/state'); // true
 * isControlPath('/v1/sandboxes'); // false
 * ```
 */
export function isControlPath(pathname: string): boolean {
  // Decoding every ASCII escape finds at least what the router decodes: never fewer guarded paths.
  const path = pathname.includes('%')
    ? pathname.replace(ASCII_ESCAPE, (sequence) =>
        String.fromCharCode(Number.parseInt(sequence.slice(1), 16)),
      )
    : pathname;
  return (
    path.startsWith(CONTROL_ROOT) &&
    (path.length === CONTROL_ROOT.length || path[CONTROL_ROOT.length] === '/')
  );
}

/** Methods that only read. */
const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);
/** `Sec-Fetch-Site` values of a request no other site started. */
const OWN_SITE: ReadonlySet<string> = new Set(['same-origin', 'none']);

/** The control plane's refusals are outside the API contract: their own code, 403. */
function forbidden(scope: RequestScope, message: string, details: Record<string, unknown>): Response {
  return json(scope, 403, { error: { code: 'FORBIDDEN', message, details, requestId: scope.requestId } });
}

/** Whether `origin` is the origin of a page served from `host` (the authority the request was sent to). */
function isOwnOrigin(origin: string, host: string): boolean {
  try {
    const page = new URL(origin);
    if (page.protocol !== 'http:' && page.protocol !== 'https:') return false;
    return page.origin === origin && page.host === new URL(`${page.protocol}//${host}`).host;
  } catch {
    return false;
  }
}

/** Whether a `Content-Type` is JSON (`application/json`, any parameters). */
const isJson = (contentType: string): boolean =>
  contentType.split(';', 1)[0]!.trim().toLowerCase() === 'application/json';

/**
 * The refusal of a control-plane request that a page on another origin could have sent, or
 * `undefined` when it may go on. The request's `Host` header (the URL's host when there is
 * none, as with an in-process `Request`) is the mock's own authority; the Node server has
 * checked it against DNS rebinding before.
 *
 * @example
 * ```ts
 * const refused = guardControl(request, scope);
 * if (refused) return refused;
 * ```
 */
export function guardControl(request: Request, scope: RequestScope): Response | undefined {
  const headers = request.headers;
  const origin = headers.get('origin');
  if (origin !== null) {
    const host = headers.get('host') ?? new URL(request.url).host;
    if (!isOwnOrigin(origin, host)) {
      return forbidden(
        scope,
        `The control plane (/_mock/) answers only its own origin and clients that are not web pages; a page on ${origin} cannot use it`,
        { reason: 'cross-origin', origin },
      );
    }
  } else {
    const site = headers.get('sec-fetch-site');
    if (site !== null && !OWN_SITE.has(site.toLowerCase())) {
      return forbidden(
        scope,
        `The control plane (/_mock/) answers only its own origin and clients that are not web pages; this request came from a ${site} page`,
        { reason: 'cross-origin', secFetchSite: site },
      );
    }
  }
  if (!SAFE_METHODS.has(request.method) && request.body !== null) {
    const type = headers.get('content-type');
    if (type === null || !isJson(type)) {
      return json(scope, 400, {
        error: {
          code: 'INVALID_REQUEST',
          message: `A control request with a body must send it as Content-Type: application/json (got ${type ?? 'none'})`,
          details: { field: 'content-type', contentType: type },
          requestId: scope.requestId,
        },
      });
    }
  }
  return undefined;
}
