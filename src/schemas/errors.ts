import * as z from 'zod/mini';

/**
 * One offending field of a rejected request: a dotted path and what is wrong with it.
 *
 * @example
 * ```ts
 * const issue: FieldIssue = { path: 'resources.cpu', message: 'must be one of 2, 4, 8, got 3' };
 * ```
 */
export interface FieldIssue {
  /** Dotted path of the field, e.g. `resources.cpu` (empty for the body itself). */
  path: string;
  /** Why the value was refused, without the field's name, e.g. `must be one of 2, 4, 8, got 3`. */
  message: string;
}

/**
 * The body of every error response: `{ error: { code, message, details, requestId } }`.
 * Parsed leniently: an unknown code or extra fields are kept.
 */
export const ErrorEnvelopeSchema = z.looseObject({
  error: z.looseObject({
    code: z.string(),
    message: z.string(),
    details: z.optional(z.unknown()),
    requestId: z.optional(z.string()),
  }),
});

/** The body of every error response (unknown fields are kept, and ignored). */
export interface ErrorEnvelope {
  error: { code: string; message: string; details?: unknown; requestId?: string | undefined };
}
