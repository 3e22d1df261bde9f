/**
 * What the SDK checks at run time, without zod: the generated descriptors of the contract
 * schemas (`generated/contract.ts`) run by `check.ts` (docs/decisions/0100).
 */
import type { ValidationDetails } from '../schemas/validate.js';
import { createIssues } from './check.js';
import { CREATE_PARAMS } from './generated/contract.js';

export { issuesOf } from './check.js';
export {
  ERROR_ENVELOPE,
  PAUSE_RESULT,
  RESUME_RESULT,
  SANDBOX,
  SANDBOX_PAGE,
  TERMINATE_RESULT,
} from './generated/contract.js';

/**
 * The `details` `validateCreateParams` reports for create params, or `undefined` when they
 * are valid: the first offending field and every issue.
 *
 * @example
 * ```ts
 * createParamsDetails({ image: 'node:22', resources: { cpu: 3 } })?.field; // 'resources.cpu'
 * ```
 */
export function createParamsDetails(params: unknown): ValidationDetails | undefined {
  const issues = createIssues(CREATE_PARAMS, params);
  const [first] = issues;
  return first && { field: first.path, reason: first.message, issues };
}
