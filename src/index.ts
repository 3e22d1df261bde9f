/**
 * `runra`: the typed SDK of the Runra Sandboxes API.
 *
 * @example
 * ```ts
 * import { Runra } from 'runra';
 *
 * const runra = new Runra();
 * const sandbox = await runra.sandboxes.create({ image: 'node:22' });
 * ```
 *
 * @module runra
 */

export type { ClientOptions } from './client.js';
export { Runra } from './client.js';
export type { WithResponse } from './core/api-promise.js';
export { APIPromise } from './core/api-promise.js';
export type { FetchLike } from './core/attempt.js';
export type { EndpointOptions } from './core/endpoint.js';
export type { APIErrorInit } from './core/errors.js';
export {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIResponseValidationError,
  APIUserAbortError,
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
  UnreachableStateError,
  WaitTimeoutError,
} from './core/errors.js';
export { isKnownState, unknownField } from './core/forward-compat.js';
export type { HeadersRecord } from './core/headers.js';
export type { Logger, LogLevel } from './core/log.js';
export { Page, PagePromise } from './core/pagination.js';
export type { RequestOptions } from './core/request.js';
export type { WaitUntilOptions } from './resources/sandboxes.js';
export { Sandboxes } from './resources/sandboxes.js';
export { ERROR_STATUS } from './schemas/error-codes.js';
export type {
  CreateSandboxParams,
  EgressPolicy,
  ErrorCode,
  FieldIssue,
  KnownSandboxState,
  ListSandboxesParams,
  Pagination,
  PauseResult,
  ResumeResult,
  Sandbox,
  SandboxPage,
  SandboxState,
  SandboxSummary,
  TerminateResult,
  ValidationDetails,
} from './schemas/index.js';
export { API_BASE_URL, EGRESS_POLICIES, LIMITS, SANDBOX_STATES } from './schemas/limits.js';
