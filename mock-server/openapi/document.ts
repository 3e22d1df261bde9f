import { API_BASE_URL, LIMITS } from '../../src/schemas/index.js';
import {
  ERROR_DESCRIPTIONS,
  errorResponses,
  headerRef,
  RESPONSE_HEADERS,
  responseHeaders,
} from './errors.js';
import { listQueryParameters, METADATA_FILTER_NOTE, metadataFilterExtension } from './list-query.js';
import { COMMON_ERRORS, CONTRACT_OPERATIONS, type ContractOperation, POST_ERRORS } from './routes.js';
import { buildComponentSchemas, type JsonObject, schemaRef } from './schemas.js';

const JSON_TYPE = 'application/json';

/**
 * The license of the document, the package's own (`package.json`'s `license`; a test keeps
 * the two equal). OpenAPI 3.1 takes an SPDX `identifier` in place of a URL.
 */
export const DOCUMENT_LICENSE = { name: 'MIT', identifier: 'MIT' } as const;

const COMPONENT_PARAMETERS = {
  SandboxId: {
    name: 'id',
    in: 'path',
    required: true,
    description: 'The sandbox id: `sb_` + 17 characters of `[a-z0-9]`.',
    schema: { type: 'string' },
    example: 'sb_x7k2m9p4q1w3v5b8n',
  },
  IdempotencyKey: {
    name: 'Idempotency-Key',
    in: 'header',
    required: false,
    description:
      'Makes a retried POST safe: the same key from the same API key on the same route within 24 h answers the first response (same status and body) without acting again; the same key with a different body or route answers 409 `IDEMPOTENCY_CONFLICT`.',
    schema: { type: 'string', minLength: 1 },
  },
} as const;

function operationObject(op: ContractOperation): JsonObject {
  const parameters: JsonObject[] = [];
  if (op.path.includes('{id}')) parameters.push({ $ref: '#/components/parameters/SandboxId' });
  if (op.method === 'post') parameters.push({ $ref: '#/components/parameters/IdempotencyKey' });
  if (op.listQuery) parameters.push(...listQueryParameters());

  const codes = [...op.errors, ...COMMON_ERRORS, ...(op.method === 'post' ? POST_ERRORS : [])];
  const successHeaders = responseHeaders(op.success.status);
  if (op.method === 'post') successHeaders['Idempotent-Replayed'] = headerRef('Idempotent-Replayed');
  const operation: JsonObject = {
    operationId: op.operationId,
    summary: op.summary,
    tags: ['sandboxes'],
    parameters,
    responses: {
      [String(op.success.status)]: {
        description: op.success.description,
        headers: successHeaders,
        content: { [JSON_TYPE]: { schema: schemaRef(op.success.schema) } },
      },
      ...errorResponses([...new Set(codes)]),
    },
  };
  if (op.requestBody) {
    operation.requestBody = {
      required: true,
      content: { [JSON_TYPE]: { schema: schemaRef(op.requestBody) } },
    };
  }
  if (op.listQuery) {
    operation.description = METADATA_FILTER_NOTE;
    operation['x-query-parameter-patterns'] = metadataFilterExtension();
  }
  return operation;
}

function buildPaths(): Record<string, Record<string, JsonObject>> {
  const paths: Record<string, Record<string, JsonObject>> = {};
  for (const op of CONTRACT_OPERATIONS) {
    paths[op.path] = { ...paths[op.path], [op.method]: operationObject(op) };
  }
  return paths;
}

function buildDocument(): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Runra Sandboxes API',
      version: '1.0.0',
      license: DOCUMENT_LICENSE,
      description: [
        'Generated from the zod schemas of the `runra` package (`src/schemas`); served by the mock at `GET /openapi.json`.',
        'Every error answers `{ "error": { "code", "message", "details", "requestId" } }` and every response carries `X-Request-Id`.',
        `Request bodies over ${LIMITS.maxBodyBytes} bytes answer 413 \`PAYLOAD_TOO_LARGE\`.`,
        // No operation can answer these two, so they are said here rather than as response
        // components nothing references (decision 0504).
        `An unknown route answers 404 \`NOT_FOUND\` (${ERROR_DESCRIPTIONS.NOT_FOUND}); a known path with a method it does not take answers 405 \`METHOD_NOT_ALLOWED\` with an \`Allow\` header listing the methods it does. Both bodies are an \`ErrorEnvelope\`.`,
      ].join('\n\n'),
    },
    servers: [{ url: API_BASE_URL }],
    security: [{ bearerAuth: [] }],
    tags: [{ name: 'sandboxes', description: 'Create, inspect and drive the lifecycle of sandboxes.' }],
    paths: buildPaths(),
    components: {
      schemas: buildComponentSchemas(),
      parameters: COMPONENT_PARAMETERS,
      headers: RESPONSE_HEADERS,
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          description: '`Authorization: Bearer <api key>` (conventionally from `RUNRA_API_KEY`).',
        },
      },
    },
  };
}

let memo: Record<string, unknown> | undefined;

/**
 * Builds the OpenAPI 3.1 document of the Sandboxes API from the zod schemas (once; later
 * calls return the same object, which callers must not mutate).
 *
 * @example
 * ```ts
 * const doc = createOpenApiDocument();
 * doc.openapi; // '3.1.0'
 * ```
 */
export function createOpenApiDocument(): Record<string, unknown> {
  memo ??= buildDocument();
  return memo;
}
