import { ERROR_STATUS, type ErrorCode } from '../../src/schemas/index.js';
import { REQUEST_ID_RANDOM_LENGTH } from '../machine/random.js';
import { type JsonObject, schemaRef } from './schemas.js';

/**
 * When each code is answered, as the contract's error table says. Typed by `ErrorCode`, so a
 * code added to `ERROR_STATUS` without a description here fails the type check.
 */
export const ERROR_DESCRIPTIONS: Record<ErrorCode, string> = {
  INVALID_CONFIG: 'a create body breaks a rule of the contract (`details: { field, reason, issues }`)',
  INVALID_REQUEST: 'malformed JSON, a body that is not an object, or bad query parameters',
  UNAUTHORIZED: 'missing or malformed `Authorization`, or an unknown API key',
  SANDBOX_NOT_FOUND: 'no such sandbox for this API key (`details: { sandboxId }`)',
  NOT_FOUND: 'no such route',
  METHOD_NOT_ALLOWED: 'a known path with a method it does not take (the `Allow` header lists those it does)',
  INVALID_STATE:
    'the transition is not allowed from the current state (`details: { sandboxId, currentState }`)',
  IDEMPOTENCY_CONFLICT: 'an `Idempotency-Key` reused with a different body or route',
  PAYLOAD_TOO_LARGE: 'the request body is larger than the limit',
  RATE_LIMITED: 'the sandbox-creation rate limit of the API key is exceeded (`details: { retryAfterMs }`)',
  INTERNAL_ERROR: 'a bug on the server',
  RESOURCE_EXHAUSTED: 'no compute capacity is free',
};

/** Statuses whose answers carry `Retry-After`. */
const RETRY_AFTER_STATUSES: ReadonlySet<number> = new Set([
  ERROR_STATUS.RATE_LIMITED,
  ERROR_STATUS.RESOURCE_EXHAUSTED,
]);

/** `components.headers`: the response headers the contract fixes. */
export const RESPONSE_HEADERS = {
  'X-Request-Id': {
    description: `Identifies the request (\`req_\` + ${REQUEST_ID_RANDOM_LENGTH} characters of \`[a-z0-9]\`); equals \`error.requestId\` on errors.`,
    required: true,
    schema: { type: 'string', pattern: `^req_[a-z0-9]{${REQUEST_ID_RANDOM_LENGTH}}$` },
  },
  'Retry-After': {
    description: 'Seconds to wait before retrying.',
    required: true,
    schema: { type: 'integer', minimum: 0 },
  },
  'Idempotent-Replayed': {
    description: '`true` when this is the stored first answer to a request with the same `Idempotency-Key`.',
    required: false,
    schema: { type: 'string', enum: ['true'] },
  },
} as const;

/** A reference to one of {@link RESPONSE_HEADERS}. */
export const headerRef = (name: keyof typeof RESPONSE_HEADERS): JsonObject => ({
  $ref: `#/components/headers/${name}`,
});

/** The headers of an answer with this status. */
export function responseHeaders(status: number): JsonObject {
  const headers: JsonObject = { 'X-Request-Id': headerRef('X-Request-Id') };
  if (RETRY_AFTER_STATUSES.has(status)) headers['Retry-After'] = headerRef('Retry-After');
  return headers;
}

/** One error response: the envelope, with `error.code` narrowed to the codes this status may carry. */
function errorResponse(status: number, codes: readonly ErrorCode[]): JsonObject {
  return {
    description: codes.map((code) => `\`${code}\`: ${ERROR_DESCRIPTIONS[code]}.`).join(' '),
    headers: responseHeaders(status),
    content: {
      'application/json': {
        schema: {
          allOf: [
            schemaRef('ErrorEnvelope'),
            { properties: { error: { properties: { code: { enum: [...codes] } } } } },
          ],
        },
      },
    },
  };
}

/**
 * The error responses of one operation, grouped by status (`ERROR_STATUS` gives each code's).
 *
 * @example
 * ```ts
 * const responses = errorResponses(['SANDBOX_NOT_FOUND', 'UNAUTHORIZED']);
 * Object.keys(responses); // ['401', '404']
 * ```
 */
export function errorResponses(codes: readonly ErrorCode[]): Record<string, JsonObject> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) {
    const status = ERROR_STATUS[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const out: Record<string, JsonObject> = {};
  for (const status of [...byStatus.keys()].sort((a, b) => a - b)) {
    out[String(status)] = errorResponse(status, byStatus.get(status) ?? []);
  }
  return out;
}
