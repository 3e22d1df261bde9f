/**
 * What runs the contract at run time, without zod: the generated descriptors of the
 * contract schemas (`generated/contract.ts`) run by `check.ts` (docs/decisions/0100, 0105).
 * The SDK and the mock both validate through here.
 */
import type { ValidationDetails } from '../schemas/validate.js';
import { issuesOf } from './check.js';
import { CREATE_PARAMS } from './generated/contract.js';

export { issuesOf } from './check.js';
export * from './generated/contract.js';

/**
 * The `details` of an `INVALID_CONFIG` for create params, or `undefined` when they are
 * valid: the first offending field and every issue.
 *
 * @example
 * ```ts
 * createParamsDetails({ image: 'node:22', resources: { cpu: 3 } })?.reason; // 'must be one of 2, 4, 8, got 3'
 * ```
 */
export function createParamsDetails(params: unknown): ValidationDetails | undefined {
  const issues = issuesOf(CREATE_PARAMS, params);
  const [first] = issues;
  return first && { field: first.path, reason: first.message, issues };
}
