import * as z from 'zod/mini';
import { ListSandboxesParamsSchema, ListSandboxesQuerySchema } from '../../src/schemas/index.js';
import type { JsonObject } from './schemas.js';

const toJson = (schema: z.core.$ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { io, target: 'draft-2020-12', unrepresentable: 'throw' }) as JsonObject;

const propertiesOf = (schema: JsonObject) => (schema.properties ?? {}) as Record<string, JsonObject>;

/** The metadata filter's key rule: the metadata key schema's own JSON Schema. */
const metadataFilterSchema = () => toJson(ListSandboxesParamsSchema.shape.metadata, 'input');

/**
 * The query parameters of `GET /v1/sandboxes`. The fixed names come from
 * `ListSandboxesQuerySchema` (its wire contract); each value is typed by the SDK's
 * `ListSandboxesParamsSchema` (integers with their bounds) and takes the wire schema's default.
 *
 * @example
 * ```ts
 * listQueryParameters().map((p) => p.name); // ['state', 'image', 'limit', 'offset']
 * ```
 */
export function listQueryParameters(): JsonObject[] {
  const typed = propertiesOf(toJson(ListSandboxesParamsSchema, 'input'));
  const wire = propertiesOf(toJson(ListSandboxesQuerySchema, 'output'));
  return Object.keys(ListSandboxesQuerySchema.shape).map((name) => {
    const schema: JsonObject = { ...(typed[name] ?? wire[name]) };
    const fallback = wire[name]?.default;
    if (fallback !== undefined) schema.default = fallback;
    return { name, in: 'query', required: false, schema };
  });
}

/**
 * `metadata.KEY=VALUE` filters have no OpenAPI parameter style (deepObject would send
 * `metadata[KEY]`), so they are described on the operation: in its description and in the
 * `x-query-parameter-patterns` extension, which a tool can read.
 *
 * @example
 * ```ts
 * metadataFilterExtension()[0]?.pattern; // '^metadata\\.(.+)$'
 * ```
 */
export function metadataFilterExtension(): JsonObject[] {
  const map = metadataFilterSchema();
  return [
    {
      pattern: '^metadata\\.(.+)$',
      description:
        "Exact match on metadata key KEY, e.g. `metadata.userId=u1`; several are ANDed. A key not in a sandbox's metadata never matches.",
      schema: map.additionalProperties ?? { type: 'string' },
    },
  ];
}

/** The sentence the list operation's description carries about metadata filters. */
export const METADATA_FILTER_NOTE =
  'Filter by metadata with one `metadata.KEY=VALUE` query parameter per key (exact match; several are ANDed), e.g. `?metadata.userId=u1&metadata.team=ml`. See `x-query-parameter-patterns`.';
