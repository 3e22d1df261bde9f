import type { Agent, request as httpRequest, IncomingMessage, ServerResponse } from 'node:http';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { LIMITS } from '../../../src/schemas/index.js';
import type { ExchangeOutcome } from '../exchange.js';
import type { Verifier } from '../verifier.js';
import { forwardable, headersOf } from './headers.js';

/**
 * How much of an answer is kept to be checked: more than any page of the contract holds
 * (100 summaries). A larger answer is forwarded whole and counted as not checked.
 */
export const CHECKED_RESPONSE_BYTES = 8 * LIMITS.maxBodyBytes;

/** Where requests go: the upstream's URL and the client to reach it. */
export interface Upstream {
  url: URL;
  /** `http.request` or `https.request`, as the URL's scheme needs. */
  request: typeof httpRequest;
  agent: Agent;
  /** How long the upstream may stay silent (connect, answer, each chunk) before the proxy gives up. */
  timeoutMs: number;
}

/** A byte sink that keeps the first `limit` bytes and counts the rest. */
class Kept {
  readonly #chunks: Buffer[] = [];
  #kept = 0;
  total = 0;
  constructor(readonly limit: number) {}
  add(chunk: Buffer): void {
    this.total += chunk.byteLength;
    if (this.#kept >= this.limit) return;
    const part =
      this.#kept + chunk.byteLength > this.limit ? chunk.subarray(0, this.limit - this.#kept) : chunk;
    this.#chunks.push(part);
    this.#kept += part.byteLength;
  }
  get complete(): boolean {
    return this.total <= this.limit;
  }
  bytes(): Uint8Array {
    return this.#chunks.length === 1 ? this.#chunks[0]! : Buffer.concat(this.#chunks);
  }
}

/** The answer's bytes as sent, decoded for the checks (`undefined`: too large or undecodable). */
function decoded(bytes: Uint8Array, encoding: string | null): Uint8Array | undefined {
  const options = { maxOutputLength: CHECKED_RESPONSE_BYTES };
  try {
    switch (encoding?.trim().toLowerCase()) {
      case undefined:
      case '':
      case 'identity':
        return bytes;
      case 'gzip':
      case 'x-gzip':
        return gunzipSync(bytes, options);
      case 'deflate':
        return inflateSync(bytes, options);
      case 'br':
        return brotliDecompressSync(bytes, options);
      default:
        return undefined;
    }
  } catch {
    return undefined;
  }
}

/** A reason in a few words, from a network error. */
function reasonOf(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ECONNRESET') return 'connection reset';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host not found';
  if (code === 'UPSTREAM_TIMEOUT') return 'no answer in time';
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.message : String(error);
}

/** The proxy's own answer when the upstream cannot be reached: 502 in the contract's envelope. */
function answerUpstreamError(res: ServerResponse, requestId: string, upstream: string, reason: string): void {
  const body = JSON.stringify({
    error: {
      code: 'UPSTREAM_UNREACHABLE',
      message: `runra-mock proxy: the upstream ${upstream} did not answer (${reason})`,
      details: { upstream, reason },
      requestId,
    },
  });
  res.writeHead(502, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    'x-request-id': requestId,
  });
  res.end(body);
}

/** The request target as a path (`absolute-form` targets, which proxies may receive, reduced). */
function pathOf(target: string): string | undefined {
  if (target.startsWith('/')) return target;
  try {
    const url = new URL(target);
    return url.pathname + url.search;
  } catch {
    return undefined;
  }
}

/**
 * Forwards one request to the upstream and its answer back, streaming both ways with
 * back-pressure: the method, path and query (behind the upstream's path prefix), every
 * header but the hop-by-hop ones (`Host` becomes the upstream's), the body's exact bytes;
 * the answer's status, headers and bytes, redirects included (never followed). On the way
 * it keeps the first `LIMITS.maxBodyBytes + 1` bytes of the request and up to
 * {@link CHECKED_RESPONSE_BYTES} of the answer, and hands the exchange to the verifier once
 * it is over. An upstream that cannot be reached or stays silent is answered with 502.
 *
 * @example
 * ```ts
 * createServer((req, res) => forward(req, res, upstream, verifier));
 * ```
 */
export function forward(
  req: IncomingMessage,
  res: ServerResponse,
  upstream: Upstream,
  verifier: Verifier,
): void {
  const started = performance.now();
  const time = new Date().toISOString();
  const method = req.method ?? 'GET';
  const label = `${upstream.url.origin}${upstream.url.pathname === '/' ? '' : upstream.url.pathname}`;
  const target = pathOf(req.url ?? '/');
  if (target === undefined) {
    answerUpstreamError(res, verifier.newRequestId(), label, 'the request target is not a path');
    return;
  }
  const requestHeaders = headersOf(req.rawHeaders);
  const ticket = verifier.begin(method, target, requestHeaders);
  const sent = new Kept(LIMITS.maxBodyBytes + 1);
  let done = false;
  const finish = (outcome: ExchangeOutcome) => {
    if (done) return;
    done = true;
    verifier.finish(ticket, {
      method,
      target,
      requestHeaders,
      requestBody: sent.bytes(),
      requestBytes: sent.total,
      time,
      durationMs: performance.now() - started,
      outcome,
    });
  };

  const prefix = upstream.url.pathname === '/' ? '' : upstream.url.pathname;
  const outgoing = upstream.request({
    protocol: upstream.url.protocol,
    hostname: upstream.url.hostname,
    port: upstream.url.port,
    method,
    path: prefix + target,
    headers: forwardable(req.rawHeaders, upstream.url.host),
    setHost: false,
    agent: upstream.agent,
  });
  outgoing.setTimeout(upstream.timeoutMs, () => {
    outgoing.destroy(Object.assign(new Error('upstream timeout'), { code: 'UPSTREAM_TIMEOUT' }));
  });
  req.on('data', (chunk: Buffer) => sent.add(chunk));
  req.pipe(outgoing);

  let answered = false;
  outgoing.on('response', (answer) => {
    answered = true;
    const kept = new Kept(CHECKED_RESPONSE_BYTES);
    const status = answer.statusCode ?? 502;
    res.writeHead(status, answer.statusMessage, forwardable(answer.rawHeaders));
    answer.on('data', (chunk: Buffer) => kept.add(chunk));
    answer.pipe(res);
    const broke = (error?: unknown) => {
      if (res.writableFinished) return;
      res.destroy();
      finish({
        kind: 'broken',
        status,
        reason: error === undefined ? 'the upstream broke off' : reasonOf(error),
      });
    };
    answer.once('error', broke);
    answer.once('aborted', () => broke());
    // At the answer's end, before the caller can have all of it: a request the caller sends
    // once it has read this answer always comes after this exchange, never beside it.
    answer.once('end', () => {
      const headers = headersOf(answer.rawHeaders);
      const body = kept.complete ? decoded(kept.bytes(), headers.get('content-encoding')) : undefined;
      finish({ kind: 'answered', status, headers, body });
    });
  });
  outgoing.on('error', (error) => {
    // Once the answer has begun, its own events tell how it ends (an upstream may close the
    // request side early, e.g. after answering 413 to a body still being sent).
    if (answered) return;
    const reason = reasonOf(error);
    if (res.headersSent) {
      res.destroy();
      finish({ kind: 'broken', status: res.statusCode, reason });
      return;
    }
    const requestId = verifier.newRequestId();
    req.unpipe(outgoing);
    req.resume();
    answerUpstreamError(res, requestId, label, reason);
    finish({ kind: 'upstream-error', status: 502, requestId, reason });
  });
  res.once('close', () => {
    if (res.writableFinished) return;
    outgoing.destroy();
    finish({
      kind: 'broken',
      status: res.headersSent ? res.statusCode : null,
      reason: 'the caller went away',
    });
  });
}
