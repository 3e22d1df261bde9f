import { describe, expect, it } from 'vitest';
import { createMockApi } from '../../mock-server/index.js';
import {
  APIError,
  APIResponseValidationError,
  AuthenticationError,
  IdempotencyConflictError,
  InternalServerError,
  InvalidConfigError,
  InvalidRequestError,
  InvalidStateError,
  MethodNotAllowedError,
  NotFoundError,
  PayloadTooLargeError,
  RateLimitedError,
  ResourceExhaustedError,
  RunraError,
  SandboxNotFoundError,
} from '../../src/index.js';
import { ERROR_STATUS } from '../../src/schemas/error-codes.js';
import { apiError, client, fakeFetch, json, sandboxBody } from './helpers.js';

const noRetry = { maxRetries: 0 };

async function failure(response: () => Response, call = 'get', options = noRetry): Promise<APIError> {
  const { fetch } = fakeFetch(response);
  const runra = client(fetch, options);
  const promise = call === 'get' ? runra.sandboxes.get('sb_1') : runra.sandboxes.pause('sb_1');
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(APIError);
  return error as APIError;
}

const BY_CODE = [
  ['INVALID_CONFIG', InvalidConfigError],
  ['INVALID_REQUEST', InvalidRequestError],
  ['UNAUTHORIZED', AuthenticationError],
  ['SANDBOX_NOT_FOUND', SandboxNotFoundError],
  ['NOT_FOUND', NotFoundError],
  ['METHOD_NOT_ALLOWED', MethodNotAllowedError],
  ['INVALID_STATE', InvalidStateError],
  ['IDEMPOTENCY_CONFLICT', IdempotencyConflictError],
  ['PAYLOAD_TOO_LARGE', PayloadTooLargeError],
  ['RATE_LIMITED', RateLimitedError],
  ['INTERNAL_ERROR', InternalServerError],
  ['RESOURCE_EXHAUSTED', ResourceExhaustedError],
] as const;

describe('errors: one class per contract code', () => {
  it('covers every code of the contract', () => {
    expect(BY_CODE.map(([code]) => code).sort()).toEqual(Object.keys(ERROR_STATUS).sort());
  });

  it.each(BY_CODE)(
    '%s answers %o with status, code, message, details and requestId',
    async (code, ErrorClass) => {
      const status = ERROR_STATUS[code];
      const details = { sandboxId: 'sb_1', currentState: 'paused' };
      const error = await failure(() => apiError(status, code, details));
      expect(error).toBeInstanceOf(ErrorClass);
      expect(error).toBeInstanceOf(RunraError);
      expect(error.name).toBe(ErrorClass.name);
      expect(error.code).toBe(code);
      expect(error.status).toBe(status);
      expect(error.message).toBe(`${code} happened`);
      expect(error.details).toEqual(details);
      expect(error.requestId).toBe('req_err00001');
      expect(error.headers?.get('content-type')).toBe('application/json');
    },
  );

  it('SANDBOX_NOT_FOUND is also a NotFoundError', async () => {
    const error = await failure(() => apiError(404, 'SANDBOX_NOT_FOUND', { sandboxId: 'sb_1' }));
    expect(error).toBeInstanceOf(NotFoundError);
  });

  it('requestId falls back to the X-Request-Id header', async () => {
    const response = json(
      409,
      { error: { code: 'INVALID_STATE', message: 'no' } },
      { 'x-request-id': 'req_hdr00001' },
    );
    const error = await failure(() => response);
    expect(error.requestId).toBe('req_hdr00001');
  });
});

describe('errors: unknown codes fall back by status', () => {
  it.each([
    [400, InvalidRequestError],
    [401, AuthenticationError],
    [404, NotFoundError],
    [405, MethodNotAllowedError],
    [413, PayloadTooLargeError],
    [429, RateLimitedError],
    [500, InternalServerError],
    [507, InternalServerError],
    [409, APIError],
    [418, APIError],
  ] as const)(
    'an unknown code with status %i is a %o keeping the server code',
    async (status, ErrorClass) => {
      const error = await failure(() => apiError(status, 'SOMETHING_NEW'));
      expect(error.constructor).toBe(ErrorClass);
      expect(error.code).toBe('SOMETHING_NEW');
      expect(error.status).toBe(status);
    },
  );

  it('a code naming an Object.prototype member (constructor) is just an unknown code', async () => {
    const error = await failure(() => apiError(400, 'constructor'));
    expect(error.constructor).toBe(InvalidRequestError);
    expect(error.code).toBe('constructor');
  });

  it('a non-JSON error page (HTML 502) is a typed error with the status text and a snippet', async () => {
    const html = '<html>\n  <body><h1>502 Bad Gateway</h1> nginx</body>\n</html>';
    const error = await failure(
      () =>
        new Response(html, {
          status: 502,
          statusText: 'Bad Gateway',
          headers: { 'content-type': 'text/html' },
        }),
    );
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.code).toBe('HTTP_502');
    expect(error.status).toBe(502);
    expect(error.message).toBe('502 Bad Gateway: <html> <body><h1>502 Bad Gateway</h1> nginx</body> </html>');
  });

  it('JSON that is not the envelope is typed by status too', async () => {
    const error = await failure(() => json(418, { message: 'teapot' }));
    expect(error.constructor).toBe(APIError);
    expect(error.code).toBe('HTTP_418');
    expect(error.message).toContain('teapot');
  });
});

describe('errors: responses that break the contract', () => {
  it('a 200 without id is an APIResponseValidationError naming the field', async () => {
    const { id: _dropped, ...body } = sandboxBody();
    const error = await failure(() => json(200, body));
    expect(error).toBeInstanceOf(APIResponseValidationError);
    expect(error.code).toBe('INVALID_RESPONSE');
    expect(error.status).toBe(200);
    expect(error.requestId).toBe('req_abcd1234');
    expect((error as APIResponseValidationError).details.issues.map((i) => i.path)).toContain('id');
  });

  it('a 200 whose body is not JSON is an APIResponseValidationError', async () => {
    const error = await failure(() => new Response('<html>ok</html>', { status: 200 }));
    expect(error).toBeInstanceOf(APIResponseValidationError);
    expect((error as APIResponseValidationError).details.issues).toEqual([
      { path: '', message: 'is not JSON' },
    ]);
  });

  it('strictResponseValidation: a pause answer missing its duration is an APIResponseValidationError', async () => {
    const strict = { ...noRetry, strictResponseValidation: true };
    const error = await failure(
      () => json(200, { id: 'sb_1', state: 'paused', pausedAt: 'x' }),
      'pause',
      strict,
    );
    expect(error).toBeInstanceOf(APIResponseValidationError);
    expect(error.message).toBe('the 200 response breaks the contract: runtimeDurationMs is required');
  });
});

describe('errors: client-side validation of create params', () => {
  it('INVALID_CONFIG before any request, every offending field in details', async () => {
    const { fetch, seen } = fakeFetch(() => json(201, sandboxBody()));
    const params = { image: 'node 22', resources: { cpu: 3 }, memoryMB: 1 } as never;
    const error = await client(fetch)
      .sandboxes.create(params)
      .catch((e: unknown) => e);
    expect(seen).toHaveLength(0);
    expect(error).toBeInstanceOf(InvalidConfigError);
    const { code, status, details } = error as InvalidConfigError;
    expect(code).toBe('INVALID_CONFIG');
    expect(status).toBeUndefined();
    expect(details.issues.map((issue) => issue.path).sort()).toEqual(['image', 'memoryMB', 'resources.cpu']);
    expect(details.field).toBe(details.issues[0]?.path);
    expect(details.reason).toBe(details.issues[0]?.message);
  });

  it('the same class and details as the mock’s INVALID_CONFIG: one checker for both', async () => {
    const api = createMockApi();
    const params = { image: 'node 22', resources: { cpu: 3, memoryMB: 4096 }, env: { '1A': 'x' } } as never;
    const server = await client(api.fetch, { validateParams: false, maxRetries: 0 })
      .sandboxes.create(params)
      .catch((e: unknown) => e);
    const local = await client(api.fetch)
      .sandboxes.create(params)
      .catch((e: unknown) => e);
    expect(server).toBeInstanceOf(InvalidConfigError);
    expect(local).toBeInstanceOf(InvalidConfigError);
    expect((local as InvalidConfigError).details).toEqual((server as InvalidConfigError).details);
    expect((local as InvalidConfigError).details.issues).toEqual([
      { path: 'image', message: 'must not contain whitespace' },
      { path: 'resources.cpu', message: 'must be one of 2, 4, 8, got 3' },
      { path: 'resources.memoryMB', message: 'unknown field (did you mean memoryMb?)' },
      { path: 'env.1A', message: 'key must match ^[A-Za-z_][A-Za-z0-9_]*$' },
    ]);
  });

  it('validateParams: false sends the params unchecked', async () => {
    const { fetch, seen } = fakeFetch(() => json(201, sandboxBody()));
    await client(fetch, { validateParams: false }).sandboxes.create({ image: 'node 22' });
    expect(JSON.parse(seen[0]?.body ?? '')).toEqual({ image: 'node 22' });
  });
});
