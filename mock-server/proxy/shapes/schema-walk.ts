import type * as z from 'zod/mini';

/** Any contract schema. */
export type Schema = z.core.$ZodType;

interface Def {
  type: string;
  shape?: Record<string, Schema>;
  innerType?: Schema;
  element?: Schema;
  valueType?: Schema;
}

const defOf = (schema: Schema): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The schema inside its `optional` wrappers. */
function unwrap(schema: Schema): Schema {
  let current = schema;
  for (let def = defOf(current); def.type === 'optional' && def.innerType; def = defOf(current)) {
    current = def.innerType;
  }
  return current;
}

/**
 * How a schema holds children: `object` has named fields (others are extensions), `record`
 * and `array` hold data under any key or index, `leaf` holds none.
 */
export type SchemaKind = 'object' | 'record' | 'array' | 'leaf';

/**
 * What a contract schema is, read from zod's definition (so the walk follows the schema and
 * restates nothing).
 *
 * @example
 * ```ts
 * kindOf(SandboxSchema); // 'object'
 * ```
 */
export function kindOf(schema: Schema): SchemaKind {
  const type = defOf(unwrap(schema)).type;
  return type === 'object' || type === 'record' || type === 'array' ? type : 'leaf';
}

/**
 * The schema of `key` inside `schema`: a field of an object (`undefined` when the object
 * does not name it), the value type of a record, the element of an array.
 *
 * @example
 * ```ts
 * childOf(SandboxSchema, 'resources'); // ResourcesSchema
 * ```
 */
export function childOf(schema: Schema, key: string): Schema | undefined {
  const def = defOf(unwrap(schema));
  if (def.type === 'object') return def.shape && Object.hasOwn(def.shape, key) ? def.shape[key] : undefined;
  if (def.type === 'record') return def.valueType;
  if (def.type === 'array') return def.element;
  return undefined;
}

/** The field names of an object schema (empty for anything else). */
export function fieldsOf(schema: Schema): string[] {
  const def = defOf(unwrap(schema));
  return def.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * `value` keeping only the fields its schema names, at every level (records and arrays keep
 * all their entries): what is left of a forward-compatible answer that this version of the
 * contract can judge.
 *
 * @example
 * ```ts
 * pickKnown({ id: 'sb_…', gpu: 1, resources: { cpu: 2, tier: 'x' } }, SandboxSchema);
 * // { id: 'sb_…', resources: { cpu: 2 } }
 * ```
 */
export function pickKnown(value: unknown, schema: Schema): unknown {
  const kind = kindOf(schema);
  if (kind === 'array' && Array.isArray(value)) {
    const element = childOf(schema, '0');
    return element ? value.map((item) => pickKnown(item, element)) : value;
  }
  if (kind === 'object' && isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const key of fieldsOf(schema)) {
      if (Object.hasOwn(value, key)) out[key] = pickKnown(value[key], childOf(schema, key) as Schema);
    }
    return out;
  }
  return value;
}
