/**
 * A cheap stand-in for a fetch `Request` without a body, for the mock's own handler on the
 * Node server: building a real `Request` (URL parsing, an `AbortSignal`) is a measurable
 * part of a GET. Method, URL, headers and the null body are its own; anything else
 * (`signal`, `clone()`, `text()`, ...) is answered by a real `Request`, built on first use.
 */

/** Request targets that the URL parser serialises unchanged: no dot segment, nothing to escape. */
const SIMPLE_TARGET = /^\/[\w\-.~!$&()*+,;=:@/?%]*$/;
const ENCODED_DOT = /%2e/i;

/** Methods a `Request` keeps as they are, when written in capitals (as Node hands them over). */
const PLAIN_METHODS: ReadonlySet<string> = new Set([
  'GET',
  'HEAD',
  'DELETE',
  'OPTIONS',
  'POST',
  'PUT',
  'PATCH',
]);

/** Whether `origin + target` is, byte for byte, what `new Request(origin + target).url` gives. */
function isSimpleTarget(target: string): boolean {
  return SIMPLE_TARGET.test(target) && !target.includes('/.') && !ENCODED_DOT.test(target);
}

/**
 * Whether an origin is already in the URL parser's serialised form (e.g. `http://127.0.0.1:4010`,
 * not `http://LOCALHOST:80`). Checked once per server.
 *
 * @example
 * ```ts
 * isCanonicalOrigin('http://127.0.0.1:4010'); // true
 * ```
 */
export function isCanonicalOrigin(origin: string): boolean {
  try {
    return new URL(`${origin}/`).href === `${origin}/`;
  } catch {
    return false;
  }
}

class LightRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Headers;
  readonly body = null;
  readonly bodyUsed = false;
  #real: Request | undefined;

  constructor(method: string, url: string, headers: Headers) {
    this.method = method;
    this.url = url;
    this.headers = headers;
  }

  /** The real `Request` this one stands for. */
  real(): Request {
    this.#real ??= new Request(this.url, { method: this.method, headers: this.headers });
    return this.#real;
  }
}

const OWN = new Set(['constructor', 'method', 'url', 'headers', 'body', 'bodyUsed']);
let delegating = false;

/**
 * Gives `LightRequest` the rest of `Request`'s surface, answered by the real one. Done on
 * first use, not on import: touching `Request` loads undici (and with it `node:http`).
 */
function delegateToRealRequest(): void {
  delegating = true;
  for (const key of Object.getOwnPropertyNames(Request.prototype)) {
    if (OWN.has(key)) continue;
    const descriptor = Object.getOwnPropertyDescriptor(Request.prototype, key);
    if (descriptor?.get) {
      Object.defineProperty(LightRequest.prototype, key, {
        get(this: LightRequest) {
          return Reflect.get(this.real(), key);
        },
      });
    } else if (typeof descriptor?.value === 'function') {
      Object.defineProperty(LightRequest.prototype, key, {
        value(this: LightRequest, ...args: unknown[]) {
          const real = this.real();
          return Reflect.apply(Reflect.get(real, key) as (...a: unknown[]) => unknown, real, args);
        },
      });
    }
  }
  Object.defineProperty(LightRequest.prototype, Symbol.toStringTag, { value: 'Request' });
  // `instanceof Request` holds, as for the real thing.
  Object.setPrototypeOf(LightRequest.prototype, Request.prototype);
}

/**
 * A light `Request` for `method` on `origin + target` (origin canonical, see
 * {@link isCanonicalOrigin}), or `undefined` when only a real one is exact: a method the
 * `Request` constructor would rewrite or refuse, or a target its URL parser would rewrite.
 * The request must have no body.
 *
 * @example
 * ```ts
 * const request = lightRequest('GET', 'http://127.0.0.1:4010', '/v1/sandboxes', headers) ?? slowPath();
 * ```
 */
export function lightRequest(
  method: string,
  origin: string,
  target: string,
  headers: Headers,
): Request | undefined {
  if (!PLAIN_METHODS.has(method) || !isSimpleTarget(target)) return undefined;
  if (!delegating) delegateToRealRequest();
  // Typed as what it stands for: the own fields and the delegation above cover Request's surface.
  return new LightRequest(method, origin + target, headers) as unknown as Request;
}

/** Methods the fetch standard forbids: a `Request` cannot carry them. */
const FORBIDDEN_METHODS: ReadonlySet<string> = new Set(['CONNECT', 'TRACE', 'TRACK']);

/**
 * A stand-in `Request` for a method that fetch forbids (`TRACE`, `TRACK`; `CONNECT` never
 * reaches a request handler), so the mock's own handler can answer it as it answers any
 * other method: 405 with `Allow` on a known path, 404 elsewhere. Its body is null (it is
 * never read: no route serves these methods); reading anything beyond method, URL and
 * headers throws, as building the real `Request` does. `undefined` for any other method,
 * or a target no URL can be made of.
 *
 * @example
 * ```ts
 * const request = forbiddenMethodRequest('TRACE', 'http://127.0.0.1:4010', '/v1/sandboxes', headers);
 * ```
 */
export function forbiddenMethodRequest(
  method: string,
  origin: string,
  target: string,
  headers: Headers,
): Request | undefined {
  if (!FORBIDDEN_METHODS.has(method.toUpperCase())) return undefined;
  let url: string;
  try {
    url = new URL(target.startsWith('/') ? origin + target : target).href;
  } catch {
    return undefined;
  }
  if (!delegating) delegateToRealRequest();
  return new LightRequest(method, url, headers) as unknown as Request;
}
