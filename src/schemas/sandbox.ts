import * as z from 'zod/mini';
import type { EGRESS_POLICIES, SANDBOX_STATES } from './limits.js';

/**
 * A state this version of the contract knows.
 *
 * @example
 * ```ts
 * const waitingFor: KnownSandboxState = 'running';
 * ```
 */
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
export const ResourcesSchema = z.looseObject({
  /** vCPUs: 2, 4 or 8. */
  cpu: z.number(),
  /** Memory in MB (2048–16384). */
  memoryMb: z.number(),
  /** Disk in MB (5120–51200). */
  diskMb: z.number(),
});

/** `network` as the server reports it. */
export const NetworkSchema = z.looseObject({
  /** Outbound traffic rules. */
  egress: z.looseObject({
    /** Hostnames always allowed (a leading `*.` matches subdomains); absent means none listed. */
    allow: z.optional(z.array(z.string())),
    /** Policy for hosts not in `allow`. */
    default: z.string() as z.ZodMiniType<EgressPolicy>,
  }),
});

/** The lifecycle timestamps, each present once its event has happened. */
const lifecycleTimestamps = {
  /** When the sandbox was created (ISO 8601 UTC, milliseconds). */
  createdAt: Timestamp,
  /** When it first reached `running`. */
  startedAt: z.optional(Timestamp),
  /** The latest pause, by a call or by the idle timer. */
  pausedAt: z.optional(Timestamp),
  /** The latest resume. */
  resumedAt: z.optional(Timestamp),
  /** When it was terminated, by a call or by its lifetime (`timeoutMs`). */
  terminatedAt: z.optional(Timestamp),
};

/**
 * A list item: the sandbox without `env`, `workdir`, timers or `network`. Lenient: fields
 * this version does not know are kept.
 */
export const SandboxSummarySchema = z.looseObject({
  /** `sb_` followed by 17 characters of `[a-z0-9]`. */
  id: z.string(),
  /** Lifecycle state; a state newer than this SDK arrives as a plain string. */
  state: StateSchema,
  /** The image it was created from, e.g. `node:22`. */
  image: z.string(),
  /** CPU, memory and disk, defaults applied. */
  resources: ResourcesSchema,
  /** The caller's string tags, filterable in list. */
  metadata: StringMap,
  ...lifecycleTimestamps,
});

/**
 * The full sandbox, as create and get return it. Lenient: fields this version does not
 * know are kept, and an unknown `state` string is accepted.
 */
export const SandboxSchema = z.looseObject({
  ...SandboxSummarySchema.shape,
  /** Environment variables injected at start. */
  env: StringMap,
  /** Default working directory (absolute). */
  workdir: z.string(),
  /** Maximum lifetime from `createdAt`, in ms; then it is terminated. */
  timeoutMs: z.number(),
  /** A running sandbox idle this long (ms) is paused; 0 disables auto-pause. */
  idleTimeoutMs: z.number(),
  /** Network egress policy. */
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
export interface Sandbox extends z.infer<typeof SandboxSchema> {}

/**
 * A sandbox as a list item (no `env`).
 *
 * @example
 * ```ts
 * const page = await runra.sandboxes.list();
 * const first: SandboxSummary | undefined = page.data[0];
 * ```
 */
export interface SandboxSummary extends z.infer<typeof SandboxSummarySchema> {}
