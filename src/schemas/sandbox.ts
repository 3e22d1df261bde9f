import * as z from 'zod/mini';
import type { EGRESS_POLICIES, SANDBOX_STATES } from './limits.js';

/** A state this version of the contract knows. */
export type KnownSandboxState = (typeof SANDBOX_STATES)[number];

/**
 * A sandbox's lifecycle state. Known states narrow in a `switch`; a state a newer server
 * introduces is still accepted as a plain string (forward compatibility).
 *
 * @example
 * ```ts
 * if (sandbox.state === 'running') { ... }
 * ```
 */
export type SandboxState = KnownSandboxState | (string & {});

/** An egress policy: `allow` or `deny`, or a policy a newer server introduces. */
export type EgressPolicy = (typeof EGRESS_POLICIES)[number] | (string & {});

/** Responses accept any state string; the type keeps the known ones for narrowing. */
const StateSchema = z.string() as z.ZodMiniType<SandboxState>;
/** ISO 8601 UTC timestamp with milliseconds, e.g. `2026-06-15T10:30:00.000Z`. */
const Timestamp = z.string();
const StringMap = z.record(z.string(), z.string());

/** `resources` as the server reports them, defaults applied. */
export const ResourcesSchema = z.looseObject({ cpu: z.number(), memoryMb: z.number(), diskMb: z.number() });

/** `network` as the server reports it. */
export const NetworkSchema = z.looseObject({
  egress: z.looseObject({
    allow: z.optional(z.array(z.string())),
    default: z.string() as z.ZodMiniType<EgressPolicy>,
  }),
});

/** The lifecycle timestamps, each present once its event has happened. */
const lifecycleTimestamps = {
  createdAt: Timestamp,
  startedAt: z.optional(Timestamp),
  pausedAt: z.optional(Timestamp),
  resumedAt: z.optional(Timestamp),
  terminatedAt: z.optional(Timestamp),
};

/**
 * A list item: the sandbox without `env`, `workdir`, timers or `network`. Lenient: fields
 * this version does not know are kept.
 */
export const SandboxSummarySchema = z.looseObject({
  id: z.string(),
  state: StateSchema,
  image: z.string(),
  resources: ResourcesSchema,
  metadata: StringMap,
  ...lifecycleTimestamps,
});

/**
 * The full sandbox, as create and get return it. Lenient: fields this version does not
 * know are kept, and an unknown `state` string is accepted.
 */
export const SandboxSchema = z.looseObject({
  ...SandboxSummarySchema.shape,
  env: StringMap,
  workdir: z.string(),
  timeoutMs: z.number(),
  idleTimeoutMs: z.number(),
  network: NetworkSchema,
});

/**
 * A sandbox as returned by create and get.
 *
 * @example
 * ```ts
 * const sandbox: Sandbox = await runra.sandboxes.get('sb_x7k2m9p4q1w3v5b8n');
 * console.log(sandbox.state, sandbox.resources.cpu);
 * ```
 */
export type Sandbox = z.infer<typeof SandboxSchema>;

/**
 * A sandbox as a list item (no `env`).
 *
 * @example
 * ```ts
 * const page = await runra.sandboxes.list();
 * const first: SandboxSummary | undefined = page.data[0];
 * ```
 */
export type SandboxSummary = z.infer<typeof SandboxSummarySchema>;
