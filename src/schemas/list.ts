import * as z from 'zod/mini';
import { LIMITS, SANDBOX_STATES } from './limits.js';
import { type KnownSandboxState, type SandboxSummary, SandboxSummarySchema } from './sandbox.js';

const { limit, offset } = LIMITS.list;
// Messages never name the field: the issue's path does (`limit: must be …`).
const stateMessage = `must be one of ${SANDBOX_STATES.join(', ')}`;
const limitMessage = `must be an integer between ${limit.min} and ${limit.max}`;
const offsetMessage = `must be an integer >= ${offset.min}`;

/** The filters and page of a list call, as the SDK takes them. */
export const ListSandboxesParamsSchema = z.strictObject({
  state: z.optional(z.enum(SANDBOX_STATES, stateMessage)),
  image: z.optional(z.string()),
  metadata: z.optional(z.record(z.string(), z.string())),
  limit: z.optional(
    z.int(limitMessage).check(z.gte(limit.min, limitMessage), z.lte(limit.max, limitMessage)),
  ),
  offset: z.optional(z.int(offsetMessage).check(z.gte(offset.min, offsetMessage))),
});

/**
 * Filters and paging of `runra.sandboxes.list()`. `metadata: { userId: 'u1' }` is sent as
 * `metadata.userId=u1`; several metadata filters are ANDed.
 *
 * @example
 * ```ts
 * const params: ListSandboxesParams = { state: 'running', metadata: { userId: 'u1' }, limit: 50 };
 * ```
 */
export interface ListSandboxesParams {
  /** Only sandboxes in this state. */
  state?: KnownSandboxState | undefined;
  /** Only sandboxes of this image (exact match). */
  image?: string | undefined;
  /** Only sandboxes whose metadata has every one of these entries (sent as `metadata.KEY=value`). */
  metadata?: Record<string, string> | undefined;
  /** Page size, 1–100. @default 20 */
  limit?: number | undefined;
  /** Items to skip. @default 0 */
  offset?: number | undefined;
}

/** A query value as a message shows it: quoted, and cut after 40 characters. */
const shown = (raw: string): string => JSON.stringify(raw.length > 40 ? `${raw.slice(0, 40)}…` : raw);

/**
 * What is wrong with the query integer `raw`, or undefined when it is a whole number in
 * [min, max]. Like every message, it does not name the parameter: the issue's path does. Each refusal names its own reason: not digits, too small, too
 * large, or (for an unbounded parameter) past `Number.MAX_SAFE_INTEGER`, where a number can
 * no longer be told apart from its neighbours.
 */
function integerProblem(raw: string, min: number, max: number): string | undefined {
  if (!/^-?\d+$/.test(raw)) return `must be a whole number written in digits, got ${shown(raw)}`;
  const value = Number(raw);
  if (value < min) return `must be at least ${min}, got ${shown(raw)}`;
  if (value <= max) return undefined;
  return max === Number.MAX_SAFE_INTEGER
    ? `must be at most ${max}: ${shown(raw)} is beyond the safe integer range`
    : `must be at most ${max}, got ${shown(raw)}`;
}

const integerString = (message: string, min: number, max: number) =>
  z.pipe(
    z.pipe(
      z.string().check(
        z.superRefine((raw, context) => {
          const problem = integerProblem(raw, min, max);
          if (problem !== undefined) context.addIssue({ code: 'custom', message: problem, input: raw });
        }),
      ),
      z.transform(Number),
    ),
    z.number().check(z.gte(min, message), z.lte(max, message)),
  );

/**
 * The fixed query parameters of `GET /v1/sandboxes`, as strings on the wire. `metadata.KEY`
 * parameters are open-ended and read separately. Violations answer `INVALID_REQUEST`, each
 * with a message saying what is wrong with that value.
 */
export const ListSandboxesQuerySchema = z.strictObject({
  state: z.optional(
    z.enum(SANDBOX_STATES, { error: (issue) => `${stateMessage}, got ${shown(String(issue.input))}` }),
  ),
  image: z.optional(z.string()),
  limit: z._default(z.optional(integerString(limitMessage, limit.min, limit.max)), limit.default),
  offset: z._default(
    z.optional(integerString(offsetMessage, offset.min, Number.MAX_SAFE_INTEGER)),
    offset.default,
  ),
});

/** `pagination` of a list answer: `hasMore = offset + data.length < total`. */
export const PaginationSchema = z.looseObject({
  total: z.number(),
  limit: z.number(),
  offset: z.number(),
  hasMore: z.boolean(),
});

/** The answer of `GET /v1/sandboxes`. */
export const SandboxPageSchema = z.looseObject({
  data: z.array(SandboxSummarySchema),
  pagination: PaginationSchema,
});

/**
 * One page of a list, as the API returns it.
 *
 * @example
 * ```ts
 * const { data, pagination }: SandboxPage = await runra.sandboxes.list({ limit: 10 });
 * ```
 */
export interface SandboxPage {
  /** The sandboxes of this page, newest first. */
  data: SandboxSummary[];
  /** Where this page is in the whole list. */
  pagination: Pagination;
}

/**
 * `pagination` of a list answer.
 *
 * @example
 * ```ts
 * const { total, hasMore }: Pagination = (await runra.sandboxes.list()).pagination;
 * ```
 */
export interface Pagination {
  /** Every sandbox matching the filters. */
  total: number;
  /** Page size used. */
  limit: number;
  /** Items skipped before this page. */
  offset: number;
  /** `offset + data.length < total`. */
  hasMore: boolean;
}
