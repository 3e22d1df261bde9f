import type { KnownSandboxState } from '../../src/schemas/index.js';
import type { DomainError } from './types.js';

/** `404 SANDBOX_NOT_FOUND`: no such sandbox for this API key (another key's is missing too). */
export const sandboxNotFound = (sandboxId: string): DomainError => ({
  code: 'SANDBOX_NOT_FOUND',
  message: `Sandbox ${sandboxId} not found`,
  details: { sandboxId },
});

/** `409 INVALID_STATE`: the command is not allowed from the sandbox's current state. */
export const invalidState = (
  sandboxId: string,
  currentState: KnownSandboxState,
  action: string,
): DomainError => ({
  code: 'INVALID_STATE',
  message: `Cannot ${action} sandbox ${sandboxId}: it is ${currentState}`,
  details: { sandboxId, currentState },
});

/** `503 RESOURCE_EXHAUSTED`: not enough free vCPUs. */
export const resourceExhausted = (
  requestedCpu: number,
  availableCpu: number,
  capacityCpu: number,
  retryAfterMs: number,
): DomainError => ({
  code: 'RESOURCE_EXHAUSTED',
  message: `No compute capacity available: ${requestedCpu} vCPUs requested, ${availableCpu} of ${capacityCpu} free`,
  details: { requestedCpu, availableCpu, capacityCpu, retryAfterMs },
  retryAfterMs,
});

/** `429 RATE_LIMITED`: the API key exceeded its creation rate limit. */
export const rateLimited = (limit: number, windowMs: number, retryAfterMs: number): DomainError => ({
  code: 'RATE_LIMITED',
  message: `Sandbox creation rate limit exceeded: at most ${limit} per ${windowMs} ms`,
  details: { limit, windowMs, retryAfterMs },
  retryAfterMs,
});

/** `409 IDEMPOTENCY_CONFLICT`: an Idempotency-Key reused with a different request. */
export const idempotencyConflict = (idempotencyKey: string): DomainError => ({
  code: 'IDEMPOTENCY_CONFLICT',
  message: `Idempotency-Key ${idempotencyKey} was already used with a different request`,
  details: { idempotencyKey },
});
