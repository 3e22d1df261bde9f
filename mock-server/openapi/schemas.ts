import * as z from 'zod/mini';
import {
  CreateSandboxParamsSchema,
  EnvSchema,
  ErrorEnvelopeSchema,
  MetadataSchema,
  NetworkParamsSchema,
  NetworkSchema,
  PaginationSchema,
  PauseResultSchema,
  ResourcesParamsSchema,
  ResourcesSchema,
  ResumeResultSchema,
  SANDBOX_STATES,
  SandboxPageSchema,
  SandboxSchema,
  SandboxSummarySchema,
  TerminateResultSchema,
} from '../../src/schemas/index.js';

/** A JSON Schema (or any other JSON object) inside the document. */
export type JsonObject = Record<string, unknown>;

/** Where a component schema is referenced from. */
export const schemaRef = (name: ComponentName): JsonObject => ({ $ref: `#/components/schemas/${name}` });

/** Request bodies are described as the server reads them (`io: 'input'`). */
const REQUEST_SCHEMAS = {
  CreateSandboxParams: CreateSandboxParamsSchema,
  ResourcesParams: ResourcesParamsSchema,
  NetworkParams: NetworkParamsSchema,
  Env: EnvSchema,
  Metadata: MetadataSchema,
} as const;

/** Response bodies are described as the server writes them (`io: 'output'`). */
const RESPONSE_SCHEMAS = {
  Sandbox: SandboxSchema,
  SandboxSummary: SandboxSummarySchema,
  SandboxPage: SandboxPageSchema,
  Pagination: PaginationSchema,
  Resources: ResourcesSchema,
  Network: NetworkSchema,
  PauseResult: PauseResultSchema,
  ResumeResult: ResumeResultSchema,
  TerminateResult: TerminateResultSchema,
  ErrorEnvelope: ErrorEnvelopeSchema,
} as const;

/** The name of a schema under `components.schemas`. */
export type ComponentName = keyof typeof REQUEST_SCHEMAS | keyof typeof RESPONSE_SCHEMAS;

const STATE_NOTE = `One of ${SANDBOX_STATES.join(', ')}; clients must tolerate a state string they do not know.`;

/**
 * Response schemas take any `state` string (forward compatibility); the document names the
 * known ones without closing the set.
 */
function describeOpenState(schema: JsonObject): void {
  const properties = schema.properties as Record<string, JsonObject> | undefined;
  const state = properties?.state;
  if (state && state.type === 'string' && !state.enum) {
    state.description = STATE_NOTE;
    state.examples = [...SANDBOX_STATES];
  }
}

/**
 * zod writes `z.startsWith()` as a `format: "starts_with"` beside the equivalent `pattern`;
 * that format name is not a JSON Schema one, so only the pattern is kept.
 */
function dropNonStandardFormat(ctx: { jsonSchema: JsonObject }): void {
  if (ctx.jsonSchema.format === 'starts_with') delete ctx.jsonSchema.format;
}

function convert(
  schemas: Record<string, z.core.$ZodType>,
  io: 'input' | 'output',
): Record<string, JsonObject> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(schemas)) registry.add(schema, { id });
  const { schemas: converted } = z.toJSONSchema(registry, {
    io,
    target: 'draft-2020-12',
    unrepresentable: 'throw',
    uri: (id) => `#/components/schemas/${id}`,
    override: dropNonStandardFormat,
  });
  const out: Record<string, JsonObject> = {};
  for (const [id, converted_] of Object.entries(converted)) {
    // OpenAPI 3.1 sets the dialect for the whole document; a fragment-only `$id` is invalid.
    const { $id: _id, $schema: _schema, ...schema } = converted_ as JsonObject;
    if (io === 'output') describeOpenState(schema);
    out[id] = schema;
  }
  return out;
}

/**
 * Every schema of `components.schemas`, converted from the contract's zod schemas with
 * `z.toJSONSchema`: request bodies as input, responses as output, shared parts as `$ref`s.
 *
 * @example
 * ```ts
 * const schemas = buildComponentSchemas();
 * schemas.Sandbox?.required; // ['id', 'state', 'image', ...]
 * ```
 */
export function buildComponentSchemas(): Record<ComponentName, JsonObject> {
  return {
    ...convert(REQUEST_SCHEMAS, 'input'),
    ...convert(RESPONSE_SCHEMAS, 'output'),
  } as Record<ComponentName, JsonObject>;
}
