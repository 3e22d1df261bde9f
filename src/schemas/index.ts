/**
 * The contract as zod (`zod/mini`) schemas: the single source of truth for the SDK's
 * validation and the mock's (through the checker generated from them), the OpenAPI
 * document, and the public types (written out, and held equal to the schemas by
 * `test/sdk/types.test-d.ts`).
 *
 * @module
 */

export type { CreateSandboxParams } from './create.js';
export {
  CreateSandboxParamsSchema,
  EnvSchema,
  MetadataSchema,
  NetworkParamsSchema,
  ResourcesParamsSchema,
} from './create.js';
export type { ErrorCode } from './error-codes.js';
export { ERROR_STATUS } from './error-codes.js';
export type { ErrorEnvelope, FieldIssue } from './errors.js';
export { ErrorEnvelopeSchema } from './errors.js';
export type { PauseResult, ResumeResult, TerminateResult } from './lifecycle.js';
export { PauseResultSchema, ResumeResultSchema, TerminateResultSchema } from './lifecycle.js';
export { API_BASE_URL, EGRESS_POLICIES, LIMITS, SANDBOX_STATES } from './limits.js';
export type { ListSandboxesParams, Pagination, SandboxPage } from './list.js';
export {
  ListSandboxesParamsSchema,
  ListSandboxesQuerySchema,
  PaginationSchema,
  SandboxPageSchema,
} from './list.js';
export type { EgressPolicy, KnownSandboxState, Sandbox, SandboxState, SandboxSummary } from './sandbox.js';
export { NetworkSchema, ResourcesSchema, SandboxSchema, SandboxSummarySchema } from './sandbox.js';
export type { CreateParamsValidation, ValidationDetails } from './validate.js';
export { toFieldIssues, validateCreateParams } from './validate.js';
