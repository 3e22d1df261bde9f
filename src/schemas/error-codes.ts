/**
 * Every error code of the contract with its HTTP status. The SDK picks an error class by
 * code (falling back by status); the mock answers each code with this status.
 *
 * @example
 * ```ts
 * import { ERROR_STATUS } from 'runra';
 * ERROR_STATUS.SANDBOX_NOT_FOUND; // 404
 * ```
 */
export const ERROR_STATUS = {
  INVALID_CONFIG: 400,
  INVALID_REQUEST: 400,
  UNAUTHORIZED: 401,
  SANDBOX_NOT_FOUND: 404,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  INVALID_STATE: 409,
  IDEMPOTENCY_CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  INTERNAL_ERROR: 500,
  RESOURCE_EXHAUSTED: 503,
} as const;

/**
 * An error code the contract defines.
 *
 * @example
 * ```ts
 * const code: ErrorCode = 'SANDBOX_NOT_FOUND';
 * ERROR_STATUS[code]; // 404
 * ```
 */
export type ErrorCode = keyof typeof ERROR_STATUS;
