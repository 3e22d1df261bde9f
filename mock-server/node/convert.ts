import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { asideBodyOf } from '../http/responses.js';
import { lightRequest } from './light-request.js';

/** `duplex` is required by Node's fetch for a streamed body and missing from the DOM typings. */
type StreamingRequestInit = RequestInit & { duplex: 'half' };

const BODYLESS_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD']);

/** Whether the request announces a body (a length above 0, or a chunked transfer). */
function announcesBody(req: IncomingMessage): boolean {
  if (BODYLESS_METHODS.has(req.method ?? 'GET')) return false;
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/** A request body as a web stream, and the way to throw away what nobody read. */
interface BodySource {
  stream: ReadableStream<Uint8Array>;
  discard(): void;
}

/**
 * The request body as a web stream, read from the socket only when the handler pulls
 * (`highWaterMark: 0`, so nothing is read ahead). Nothing is enforced here: the handler
 * checks the size and may stop reading; `discard()` then drains the rest, so the
 * connection stays usable.
 */
function bodySource(req: IncomingMessage): BodySource {
  let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  let listening = false;
  const onData = (chunk: Uint8Array) => {
    controller?.enqueue(chunk);
    req.pause();
  };
  const onEnd = () => controller?.close();
  const onError = (error: Error) => controller?.error(error);
  const discard = () => {
    // Once discarded, the stream hears nothing more (a cancelled stream cannot be closed);
    // the error listener stays, now a no-op, so a late socket error is never unhandled.
    controller = undefined;
    req.off('data', onData).off('end', onEnd);
    if (!req.complete) req.resume();
  };
  const stream = new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c;
      },
      pull() {
        if (!listening) {
          listening = true;
          req.on('data', onData).once('end', onEnd).once('error', onError);
        }
        req.resume();
      },
      cancel: discard,
    },
    { highWaterMark: 0 },
  );
  return { stream, discard };
}

/**
 * A Node request's headers as fetch `Headers`; repeated ones are kept (appended).
 *
 * @example
 * ```ts
 * headersOf(req).get('host'); // '127.0.0.1:4010'
 * ```
 */
export function headersOf(req: IncomingMessage): Headers {
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) headers.append(raw[i] as string, raw[i + 1] as string);
  return headers;
}

/**
 * A fetch `Request` converted from a Node request and, when it has a body, `discardBody()`
 * to call once the response is sent: it drains whatever the handler did not read.
 */
export interface ConvertedRequest {
  request: Request;
  discardBody?: () => void;
}

/**
 * Converts a Node request into a fetch `Request` on `origin`. Repeated headers are kept
 * (appended) and the body is streamed on demand. No abort signal is wired: the mock answers
 * at once (or after a fault's latency) and does not read one, and a signal per request is
 * a measurable cost on the hot path.
 *
 * With `light` (for the mock's own handler only: `origin` must be canonical, see
 * `isCanonicalOrigin`), a request without a body may come as a light stand-in that builds
 * the real `Request` only if something beyond method, URL, headers and body is read.
 *
 * @example
 * ```ts
 * const { request, discardBody } = toWebRequest(req, 'http://127.0.0.1:4010');
 * ```
 */
export function toWebRequest(req: IncomingMessage, origin: string, light = false): ConvertedRequest {
  const headers = headersOf(req);
  const target = req.url ?? '/';
  const method = req.method ?? 'GET';
  const hasBody = announcesBody(req);
  if (light && !hasBody) {
    const request = lightRequest(method, origin, target, headers);
    if (request) return { request };
  }
  // Concatenation, not `new URL(target, origin)`: a path such as `//v1/x` must stay a path.
  const url = target.startsWith('/') ? origin + target : target;
  const init: StreamingRequestInit = { method, headers, duplex: 'half' };
  if (!hasBody) return { request: new Request(url, init) };
  const body = bodySource(req);
  init.body = body.stream;
  return { request: new Request(url, init), discardBody: body.discard };
}

/** Copies status and headers (each `Set-Cookie` on its own line) onto `res`. */
function copyHead(res: ServerResponse, response: Response): void {
  res.statusCode = response.status;
  if (response.statusText) res.statusMessage = response.statusText;
  for (const [name, value] of response.headers) {
    if (name !== 'set-cookie') res.setHeader(name, value);
  }
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
}

/**
 * Sends at once, with a `Content-Length`, a JSON answer whose text and headers the mock kept
 * aside (see `asideBodyOf`), plus any header set on the `Response` itself; returns `false`,
 * having written nothing, for any other response.
 *
 * @example
 * ```ts
 * if (!writeAsideResponse(res, response)) await writeWebResponse(res, response);
 * ```
 */
export function writeAsideResponse(res: ServerResponse, response: Response): boolean {
  const aside = asideBodyOf(response);
  if (aside === undefined) return false;
  const headers: OutgoingHttpHeaders = aside.headers;
  for (const [name, value] of response.headers) {
    if (name !== 'set-cookie') headers[name] = value;
  }
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  headers['content-length'] ??= Buffer.byteLength(aside.text);
  if (response.statusText) res.statusMessage = response.statusText;
  res.writeHead(response.status, headers);
  res.end(aside.text);
  return true;
}

/** Resolves when `res` can take more, or is closed (then nothing more is written). */
const drained = (res: ServerResponse) =>
  new Promise<void>((resolve) => {
    const done = () => {
      res.off('drain', done).off('close', done);
      resolve();
    };
    res.once('drain', done).once('close', done);
  });

async function writeAll(res: ServerResponse, reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
  for (;;) {
    const { done, value } = await reader.read();
    if (done || res.destroyed) return;
    if (!res.write(value)) await drained(res);
  }
}

/**
 * Writes a fetch `Response` to a Node response: status, every header (each `Set-Cookie`
 * on its own line) and the body. An answer kept aside ({@link writeAsideResponse}) or a body of
 * one chunk is sent with a `Content-Length`; longer bodies are streamed with back-pressure.
 *
 * @example
 * ```ts
 * await writeWebResponse(res, new Response('{}', { status: 201 }));
 * ```
 */
export async function writeWebResponse(res: ServerResponse, response: Response): Promise<void> {
  if (writeAsideResponse(res, response)) return;
  copyHead(res, response);
  if (!response.body) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  // The client went away (or the answer ended): a body that never ends by itself (the
  // inspector's live feed) is cancelled, so its source lets it go.
  res.once('close', () => {
    reader.cancel().catch(() => undefined);
  });
  const first = await reader.read();
  if (first.done) {
    res.end();
    return;
  }
  const second = await reader.read();
  if (second.done) {
    if (!res.hasHeader('content-length')) res.setHeader('content-length', first.value.byteLength);
    res.end(first.value);
    return;
  }
  res.write(first.value);
  res.write(second.value);
  await writeAll(res, reader);
  res.end();
}
