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

/**
 * An egress policy: `allow` or `deny`, or a policy a newer server introduces.
 *
 * @example
 * ```ts
 * const policy: EgressPolicy = sandbox.network.egress.default;
 * ```
 */
export type EgressPolicy = (typeof EGRESS_POLICIES)[number] | (string & {});

/** Responses accept any state string; the type keeps the known ones for narrowing. */
const StateSchema = z.string() as z.ZodMiniType<SandboxState>;
/** ISO 8601 UTC timestamp with milliseconds, e.g. `2026-06-15T10:30:00.000Z`. */
const Timestamp = z.string();
const StringMap = z.record(z.string(), z.string());

/** `resources` as the server reports them, defaults applied. */
export const ResourcesSchema = z.looseObject({
  cpu: z.number(),
  memoryMb: z.number(),
  diskMb: z.number(),
});

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
 * A list item: the sandbox without `env`, `workdir`, timers or `network`. Loose: fields
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
 * The full sandbox, as create and get return it. Loose: fields this version does not know
 * are kept, and an unknown `state` string is accepted.
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
 * A sandbox as a list item: everything but `env`, `workdir`, the timers and `network`.
 * The type is exact (a misspelt field does not compile); fields a newer API adds are still
 * kept at run time: read them with {@link unknownField}.
 *
 * @example
 * ```ts
 * const page = await runra.sandboxes.list();
 * const first: SandboxSummary | undefined = page.data[0];
 * ```
 */
export interface SandboxSummary {
  /** `sb_` followed by 17 characters of `[a-z0-9]`. */
  id: string;
  /** Lifecycle state; a state newer than this SDK arrives as a plain string. */
  state: SandboxState;
  /** The image it was created from, e.g. `node:22`. */
  image: string;
  /** CPU, memory and disk, defaults applied. */
  resources: {
    /** vCPUs: 2, 4 or 8. */
    cpu: number;
    /** Memory in MB (2048–16384). */
    memoryMb: number;
    /** Disk in MB (5120–51200). */
    diskMb: number;
  };
  /** The caller's string tags, filterable in list. */
  metadata: Record<string, string>;
  /** When the sandbox was created (ISO 8601 UTC, milliseconds). */
  createdAt: string;
  /** When it first reached `running`. */
  startedAt?: string | undefined;
  /** The latest pause, by a call or by the idle timer. */
  pausedAt?: string | undefined;
  /** The latest resume. */
  resumedAt?: string | undefined;
  /** When it was terminated, by a call or by its lifetime (`timeoutMs`). */
  terminatedAt?: string | undefined;
}

/**
 * A sandbox as returned by create and get. The type is exact (a misspelt field does not
 * compile); fields a newer API adds are still kept at run time: read them with
 * {@link unknownField}.
 *
 * @example
 * ```ts
 * const sandbox: Sandbox = await runra.sandboxes.get('sb_x7k2m9p4q1w3v5b8n');
 * console.log(sandbox.state, sandbox.resources.cpu);
 * ```
 */
export interface Sandbox extends SandboxSummary {
  /** Environment variables injected at start. */
  env: Record<string, string>;
  /** Default working directory (absolute). */
  workdir: string;
  /** Maximum lifetime from `createdAt`, in ms; then it is terminated. */
  timeoutMs: number;
  /** A running sandbox idle this long (ms) is paused; 0 disables auto-pause. */
  idleTimeoutMs: number;
  /** Network egress policy. */
  network: {
    /** Outbound traffic rules. */
    egress: {
      /** Hostnames always allowed (a leading `*.` matches subdomains); absent means none listed. */
      allow?: string[] | undefined;
      /** Policy for hosts not in `allow`. */
      default: EgressPolicy;
    };
  };
}
