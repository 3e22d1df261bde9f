/**
 * Everything the SDK needs from the zod contract at run time, in one module that is loaded
 * on first use (see `load-validators.ts` and docs/decisions/0100): zod stays out of the
 * bundle that `import { Runra } from 'runra'` pulls in up front.
 */
export { ErrorEnvelopeSchema } from '../schemas/errors.js';
export { PauseResultSchema, ResumeResultSchema, TerminateResultSchema } from '../schemas/lifecycle.js';
export { SandboxPageSchema } from '../schemas/list.js';
export { SandboxSchema } from '../schemas/sandbox.js';
export { toFieldIssues, validateCreateParams } from '../schemas/validate.js';
