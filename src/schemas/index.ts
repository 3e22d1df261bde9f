/**
 * The contract as zod (`zod/mini`) schemas: the single source of truth for the SDK's
 * types and validation, the mock's validation and the generated OpenAPI document.
 *
 * @module
 */

export type { CreateSandboxParams } from './create.js';
export {
  CreateSandboxParamsSchema,
  EnvSchema,
  MAP_RULES,
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
export { toFieldIssues, toValidationDetails, validateCreateParams } from './validate.js';
