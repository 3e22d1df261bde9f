import type * as z from 'zod/mini';
import {
  type CreateSandboxParams,
  CreateSandboxParamsSchema,
  MAP_RULES,
  tooManyKeysMessage,
} from './create.js';
import type { FieldIssue } from './errors.js';

/**
 * `details` of an `INVALID_CONFIG` error: the first offending field and its reason, and
 * every issue found. The mock answers with it and the SDK raises it client-side, so code
 * that handles one handles the other.
 *
 * @example
 * ```ts
 * catch (err) {
 *   if (err instanceof InvalidConfigError) {
 *     const { field, reason } = err.details as ValidationDetails; // 'resources.cpu', 'cpu value not in [2, 4, 8]'
 *   }
 * }
 * ```
 */
export interface ValidationDetails {
  /** Dotted path of the first offending field, e.g. `resources.cpu`. */
  field: string;
  /** Why that field was refused. */
  reason: string;
  /** Every offending field. */
  issues: FieldIssue[];
}

/** The outcome of {@link validateCreateParams}. */
export type CreateParamsValidation =
  | { success: true; data: CreateSandboxParams }
  | { success: false; details: ValidationDetails };

/** Converts zod issues into the contract's `{ path, message }` list, one per offending field. */
export function toFieldIssues(
  issues: readonly z.core.$ZodIssue[],
  prefix: readonly PropertyKey[] = [],
): FieldIssue[] {
  const out: FieldIssue[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path].map(String);
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push({ path: [...path, key].join('.'), message: 'unknown field' });
    } else if (issue.code === 'invalid_key' && issue.issues[0]) {
      out.push({ path: path.join('.'), message: issue.issues[0].message });
    } else {
      out.push({ path: path.join('.'), message: issue.message });
    }
  }
  return out;
}

/** Builds `details` from a non-empty issue list. */
export function toValidationDetails(issues: FieldIssue[]): ValidationDetails {
  const first = issues[0] ?? { path: '', message: 'invalid request body' };
  return { field: first.path, reason: first.message, issues };
}

const PROTO = '__proto__';
const hasOwnProto = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && Object.hasOwn(value, PROTO);

/**
 * zod neither validates nor copies an own `__proto__` key, and JSON bodies can carry one.
 * It is plain data here: in a strict object it is an unknown field, in `env`/`metadata`
 * an ordinary entry held to the same key, value and count rules.
 */
function protoIssues(body: Record<string, unknown>): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const [path, value] of [
    ['', body],
    ['resources', body.resources],
    ['network', body.network],
  ] as const) {
    if (hasOwnProto(value))
      issues.push({ path: path ? `${path}.${PROTO}` : PROTO, message: 'unknown field' });
  }
  for (const [name, rules] of Object.entries(MAP_RULES)) {
    const map = body[name];
    if (!hasOwnProto(map)) continue;
    const key = rules.key.safeParse(PROTO);
    if (!key.success) issues.push(...toFieldIssues(key.error.issues, [name, PROTO]));
    const value = rules.value.safeParse(map[PROTO]);
    if (!value.success) issues.push(...toFieldIssues(value.error.issues, [name, PROTO]));
    if (Object.keys(map).length > rules.maxKeys) {
      issues.push({ path: name, message: tooManyKeysMessage(name, rules.maxKeys) });
    }
  }
  return issues;
}

/**
 * Validates a create body against the contract. On success the maps (`env`, `metadata`)
 * are copied entry by entry from the input, so every key, `__proto__` included, survives
 * as plain data.
 *
 * @example
 * ```ts
 * const result = validateCreateParams({ image: 'node:22', resources: { cpu: 3 } });
 * if (!result.success) result.details.field; // 'resources.cpu'
 * ```
 */
export function validateCreateParams(input: unknown): CreateParamsValidation {
  const result = CreateSandboxParamsSchema.safeParse(input);
  const body = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  const issues = [...(result.success ? [] : toFieldIssues(result.error.issues)), ...protoIssues(body)];
  if (!result.success || issues.length > 0) return { success: false, details: toValidationDetails(issues) };
  const data = result.data;
  for (const name of Object.keys(MAP_RULES) as (keyof typeof MAP_RULES)[]) {
    if (data[name] !== undefined) data[name] = Object.fromEntries(Object.entries(body[name] as object));
  }
  return { success: true, data };
}
