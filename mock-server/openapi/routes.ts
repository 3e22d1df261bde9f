import type { ErrorCode } from '../../src/schemas/index.js';
import type { ComponentName } from './schemas.js';

/** One operation of the contract, as the document describes it. */
export interface ContractOperation {
  method: 'get' | 'post' | 'delete';
  /** OpenAPI path template, e.g. `/v1/sandboxes/{id}`. */
  path: string;
  operationId: string;
  summary: string;
  success: { status: 200 | 201; schema: ComponentName; description: string };
  /** The JSON body it takes, if any. */
  requestBody?: ComponentName;
  /** Query parameters are described by `list-query.ts`. */
  listQuery?: true;
  /** The codes this operation itself may answer (`UNAUTHORIZED` and `INTERNAL_ERROR` are added to all). */
  errors: readonly ErrorCode[];
}

/** Every authenticated operation may answer these. */
export const COMMON_ERRORS: readonly ErrorCode[] = ['UNAUTHORIZED', 'INTERNAL_ERROR'];

/**
 * Every POST reads a body (malformed or non-object JSON answers `INVALID_REQUEST`, over the
 * size limit `PAYLOAD_TOO_LARGE`) and honours `Idempotency-Key`.
 */
export const POST_ERRORS: readonly ErrorCode[] = [
  'INVALID_REQUEST',
  'PAYLOAD_TOO_LARGE',
  'IDEMPOTENCY_CONFLICT',
];

/**
 * The endpoints table of the contract (`docs/contract.md`), with the codes each
 * one may answer. The routes of the mock's control plane (`/_mock/...`) are not part of the
 * API and are not described.
 *
 * @example
 * ```ts
 * CONTRACT_OPERATIONS.map((op) => `${op.method.toUpperCase()} ${op.path}`);
 * ```
 */
export const CONTRACT_OPERATIONS: readonly ContractOperation[] = [
  {
    method: 'post',
    path: '/v1/sandboxes',
    operationId: 'createSandbox',
    summary: 'Create a sandbox',
    success: {
      status: 201,
      schema: 'Sandbox',
      description: 'The sandbox as it is at the moment of creation.',
    },
    requestBody: 'CreateSandboxParams',
    errors: ['INVALID_CONFIG', 'RATE_LIMITED', 'RESOURCE_EXHAUSTED'],
  },
  {
    method: 'get',
    path: '/v1/sandboxes',
    operationId: 'listSandboxes',
    summary: 'List sandboxes, newest first, filtered and paginated',
    success: { status: 200, schema: 'SandboxPage', description: 'One page of summaries (no `env`).' },
    listQuery: true,
    errors: ['INVALID_REQUEST'],
  },
  {
    method: 'get',
    path: '/v1/sandboxes/{id}',
    operationId: 'getSandbox',
    summary: 'Get a sandbox',
    success: { status: 200, schema: 'Sandbox', description: 'The sandbox.' },
    errors: ['SANDBOX_NOT_FOUND'],
  },
  {
    method: 'post',
    path: '/v1/sandboxes/{id}/pause',
    operationId: 'pauseSandbox',
    summary: 'Pause a running sandbox',
    success: {
      status: 200,
      schema: 'PauseResult',
      description: '`runtimeDurationMs = pausedAt − createdAt`.',
    },
    errors: ['SANDBOX_NOT_FOUND', 'INVALID_STATE'],
  },
  {
    method: 'post',
    path: '/v1/sandboxes/{id}/resume',
    operationId: 'resumeSandbox',
    summary: 'Resume a paused sandbox',
    success: {
      status: 200,
      schema: 'ResumeResult',
      description: '`pausedDurationMs = resumedAt − pausedAt`.',
    },
    errors: ['SANDBOX_NOT_FOUND', 'INVALID_STATE', 'RESOURCE_EXHAUSTED'],
  },
  {
    method: 'delete',
    path: '/v1/sandboxes/{id}',
    operationId: 'terminateSandbox',
    summary: 'Terminate a sandbox (idempotent)',
    success: {
      status: 200,
      schema: 'TerminateResult',
      description:
        '`totalRuntimeMs = terminatedAt − createdAt`; a repeated terminate answers the original figures.',
    },
    errors: ['SANDBOX_NOT_FOUND'],
  },
];
