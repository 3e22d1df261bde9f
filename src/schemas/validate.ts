import type * as z from 'zod/mini';
import { createParamsDetails } from '../internal/validators.js';
import type { CreateSandboxParams } from './create.js';
import type { FieldIssue } from './errors.js';

/**
 * `details` of an `INVALID_CONFIG` error: the first offending field and its reason, and
 * every issue found. The mock answers with it and the SDK raises it client-side, from the
 * same checker (docs/decisions/0105), so code that handles one handles the other.
 *
 * @example
 * ```ts
 * catch (err) {
 *   if (err instanceof InvalidConfigError) {
 *     const { field, reason } = err.details; // 'resources.cpu', 'must be one of 2, 4, 8, got 3'
 *   }
 * }
 * ```
 */
export interface ValidationDetails {
  /** Dotted path of the first offending field, e.g. `resources.cpu`. */
  field: string;
  /** Why that field was refused, without its name, e.g. `must be one of 2, 4, 8, got 3`. */
  reason: string;
  /** Every offending field. */
  issues: FieldIssue[];
}

/** The outcome of {@link validateCreateParams}. */
export type CreateParamsValidation =
  | { success: true; data: CreateSandboxParams }
  | { success: false; details: ValidationDetails };

/**
 * Converts zod issues into the contract's `{ path, message }` list, one per offending field,
 * for the mock's inputs that are not the contract's (its control plane, its list query).
 */
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

/**
 * Validates a create body against the contract with the checker the SDK uses: one
 * validator for both halves. A valid body is returned as given (the mock copies what it
 * keeps); every key, `__proto__` included, is plain data (docs/decisions/0002).
 *
 * @example
 * ```ts
 * const result = validateCreateParams({ image: 'node:22', resources: { cpu: 3 } });
 * if (!result.success) result.details.field; // 'resources.cpu'
 * ```
 */
export function validateCreateParams(input: unknown): CreateParamsValidation {
  const details = createParamsDetails(input);
  return details ? { success: false, details } : { success: true, data: input as CreateSandboxParams };
}
