import * as z from 'zod/mini';
import { LIMITS, SANDBOX_STATES } from './limits.js';
import { SandboxSummarySchema } from './sandbox.js';

const { limit, offset } = LIMITS.list;
const stateMessage = `state must be one of ${SANDBOX_STATES.join(', ')}`;
const limitMessage = `limit must be an integer between ${limit.min} and ${limit.max}`;
const offsetMessage = `offset must be an integer >= ${offset.min}`;

/** The filters and page of a list call, as the SDK takes them. */
export const ListSandboxesParamsSchema = z.strictObject({
  /** Only sandboxes in this state. */
  state: z.optional(z.enum(SANDBOX_STATES, stateMessage)),
  /** Only sandboxes of this image (exact match). */
  image: z.optional(z.string()),
  /** Only sandboxes whose metadata has every one of these entries (sent as `metadata.KEY=value`). */
  metadata: z.optional(z.record(z.string(), z.string())),
  /** Page size, 1–100. @default 20 */
  limit: z.optional(
    z.int(limitMessage).check(z.gte(limit.min, limitMessage), z.lte(limit.max, limitMessage)),
  ),
  /** Items to skip. @default 0 */
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
export interface ListSandboxesParams extends z.input<typeof ListSandboxesParamsSchema> {}

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
  /** Every sandbox matching the filters. */
  total: z.number(),
  /** Page size used. */
  limit: z.number(),
  /** Items skipped before this page. */
  offset: z.number(),
  /** `offset + data.length < total`. */
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
export interface SandboxPage extends z.infer<typeof SandboxPageSchema> {}

/**
 * `pagination` of a list answer.
 *
 * @example
 * ```ts
 * const { total, hasMore }: Pagination = (await runra.sandboxes.list()).pagination;
 * ```
 */
export interface Pagination extends z.infer<typeof PaginationSchema> {}
