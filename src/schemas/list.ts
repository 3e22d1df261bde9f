import * as z from 'zod/mini';
import { LIMITS, SANDBOX_STATES } from './limits.js';
import { type KnownSandboxState, type SandboxSummary, SandboxSummarySchema } from './sandbox.js';

const { limit, offset } = LIMITS.list;
// Messages never name the field: the path does (`limit: must be …`).
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

const integerString = (message: string, min: number, max: number) =>
  z.pipe(
    z.pipe(z.string().check(z.regex(/^\d{1,16}$/, message)), z.transform(Number)),
    z.number().check(z.gte(min, message), z.lte(max, message)),
  );

/**
 * The fixed query parameters of `GET /v1/sandboxes`, as strings on the wire. `metadata.KEY`
 * parameters are open-ended and read separately. Violations answer `INVALID_REQUEST`.
 */
export const ListSandboxesQuerySchema = z.strictObject({
  state: z.optional(z.enum(SANDBOX_STATES, stateMessage)),
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
