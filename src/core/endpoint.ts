import { APIPromise, type WithResponse } from './api-promise.js';
import { InvalidRequestError } from './errors.js';
import { invalidResponse, type RequestOptions, send, type Transport } from './request.js';

/**
 * Options of a call to any endpoint (`runra.get`, `runra.post`…): the usual request
 * options, a JSON `body` and a `query`.
 *
 * @example
 * ```ts
 * const options: EndpointOptions = { body: { command: 'ls' }, query: { wait: true }, timeoutMs: 10_000 };
 * ```
 */
export interface EndpointOptions extends RequestOptions {
  /** Sent as JSON, with `Content-Type: application/json`. Not allowed on GET and HEAD. */
  body?: unknown;
  /** Query parameters; `undefined` values are left out. */
  query?: URLSearchParams | Record<string, string | number | boolean | undefined> | undefined;
}

/** A path's query: given as is, or built from a record. */
function queryOf(query: EndpointOptions['query']): URLSearchParams {
  if (query instanceof URLSearchParams) return query;
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {}))
    if (value !== undefined) params.append(name, String(value));
  return params;
}

/**
 * Calls any path of the API with everything the client does for its own methods: auth,
 * headers, retries, `Idempotency-Key` on POST and PATCH, typed errors, logging. `path` is
 * appended to `<baseURL>/v1/` (a leading `/` is dropped; encode the segments you insert).
 * The answer is parsed as JSON when its `Content-Type` says so, else given as text, and is
 * `undefined` when empty; its type `T` is not checked (docs/decisions/0110).
 *
 * @throws {InvalidRequestError} a body on GET or HEAD, or one JSON cannot hold (nothing is sent)
 * @throws {APIResponseValidationError} a JSON answer that does not parse
 * @throws {APIError} as every other call
 */
export function callEndpoint<T>(
  transport: Transport,
  method: string,
  path: string,
  options: EndpointOptions = {},
): APIPromise<T> {
  const verb = method.toUpperCase();
  const run = async (): Promise<WithResponse<T>> => {
    if (options.body !== undefined && (verb === 'GET' || verb === 'HEAD')) {
      throw new InvalidRequestError({
        code: 'INVALID_REQUEST',
        message: `a ${verb} request cannot have a body`,
      });
    }
    const call = {
      method: verb,
      path: path.replace(/^\/+/, ''),
      body: options.body,
      query: queryOf(options.query),
    };
    const { response, text } = await send(transport, call, options);
    let data: unknown;
    if (text !== '') {
      data = text;
      if (/json/i.test(response.headers.get('content-type') ?? '')) {
        try {
          data = JSON.parse(text);
        } catch {
          throw invalidResponse(response, [{ path: '', message: 'is not JSON' }]);
        }
      }
    }
    return { data: data as T, response, requestId: response.headers.get('x-request-id') ?? undefined };
  };
  return new APIPromise(run());
}
