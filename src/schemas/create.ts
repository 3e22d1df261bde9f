import * as z from 'zod/mini';
import { EGRESS_POLICIES, LIMITS } from './limits.js';

const { resources, metadata, timeoutMs, idleTimeoutMs } = LIMITS;

/*
 * Rules only: what a refusal says is written by the checker that runs these rules
 * (src/internal/check.ts, docs/decisions/0105), from the rule and the value refused
 * ("must be between 2048 and 16384, got 1000"). A message is given here only where the
 * rule alone cannot say it (a regex), and never names the field: the path does.
 */

const ENV_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** A hostname, optionally with one leading `*.` wildcard label. */
const EGRESS_HOST = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i;
/** The longest hostname DNS allows. */
const HOSTNAME_MAX_LENGTH = 253;

const inRange = (min: number, max: number) => z.int().check(z.gte(min), z.lte(max));

/** `resources` of a create request; every field optional, defaults applied by the server. */
export const ResourcesParamsSchema = z.strictObject({
  cpu: z.optional(z.union(resources.cpu.values.map((value) => z.literal(value)))),
  memoryMb: z.optional(inRange(resources.memoryMb.min, resources.memoryMb.max)),
  diskMb: z.optional(inRange(resources.diskMb.min, resources.diskMb.max)),
});

/** Environment variables: keys are shell identifiers, values strings. */
export const EnvSchema = z.record(
  z.string().check(z.regex(ENV_KEY, `must match ${ENV_KEY.source}`)),
  z.string(),
);

/**
 * Free-form string tags (at most 20), filterable in list. The key-count rule carries its
 * limit in `params` so that `scripts/generate-validators.ts` can read it (a refine's
 * function is opaque).
 */
export const MetadataSchema = z
  .record(
    z.string().check(z.minLength(1), z.maxLength(metadata.keyMaxLength)),
    z.string().check(z.maxLength(metadata.valueMaxLength)),
  )
  .check(
    z.refine((value) => Object.keys(value).length <= metadata.maxKeys, {
      params: { maxKeys: metadata.maxKeys },
    }),
  );

/** `network` of a create request. */
export const NetworkParamsSchema = z.strictObject({
  egress: z.optional(
    z.strictObject({
      allow: z.optional(
        z
          .array(
            z
              .string()
              .check(
                z.maxLength(HOSTNAME_MAX_LENGTH),
                z.regex(EGRESS_HOST, 'must be a hostname (a leading *. is allowed)'),
              ),
          )
          .check(z.maxLength(LIMITS.egressAllow.maxItems)),
      ),
      default: z.optional(z.enum(EGRESS_POLICIES)),
    }),
  ),
});

/**
 * The body of `POST /v1/sandboxes`. Strict: an unknown field (a typo such as `memoryMB`)
 * is refused with `INVALID_CONFIG`. Defaults are applied by the server, not here.
 */
export const CreateSandboxParamsSchema = z.strictObject({
  image: z
    .string()
    .check(
      z.minLength(1),
      z.maxLength(LIMITS.image.maxLength),
      z.regex(/^\S+$/, 'must not contain whitespace'),
    ),
  resources: z.optional(ResourcesParamsSchema),
  env: z.optional(EnvSchema),
  workdir: z.optional(z.string().check(z.startsWith('/', 'must be an absolute path (start with /)'))),
  timeoutMs: z.optional(inRange(timeoutMs.min, timeoutMs.max)),
  idleTimeoutMs: z.optional(inRange(idleTimeoutMs.min, idleTimeoutMs.max)),
  metadata: z.optional(MetadataSchema),
  network: z.optional(NetworkParamsSchema),
});

/**
 * What `runra.sandboxes.create()` takes: only `image` is required. Exact: a misspelt field
 * (`memoryMB`) does not compile, and the server refuses it too.
 *
 * @example
 * ```ts
 * const params: CreateSandboxParams = { image: 'node:22', resources: { cpu: 4 } };
 * ```
 */
export interface CreateSandboxParams {
  /** Base image: `node:22`, `python:3.12`, `ubuntu:24.04` or a custom reference (no whitespace, ≤ 256 chars). */
  image: string;
  /** CPU, memory and disk; each defaults on the server. */
  resources?:
    | {
        /** vCPUs: 2, 4 or 8. @default 2 */
        cpu?: (typeof LIMITS.resources.cpu.values)[number] | undefined;
        /** Memory in MB, 2048–16384. @default 4096 */
        memoryMb?: number | undefined;
        /** Disk in MB, 5120–51200. @default 10240 */
        diskMb?: number | undefined;
      }
    | undefined;
  /** Environment variables; keys match `^[A-Za-z_][A-Za-z0-9_]*$`. @default {} */
  env?: Record<string, string> | undefined;
  /** Default working directory, an absolute path. @default '/workspace' */
  workdir?: string | undefined;
  /** Maximum lifetime in ms, 1–86400000 (24 h). @default 300000 */
  timeoutMs?: number | undefined;
  /** Auto-pause after this many idle ms, 0–86400000; 0 disables it. @default 120000 */
  idleTimeoutMs?: number | undefined;
  /** String tags (at most 20 keys of 1–64 chars, values ≤ 256 chars), filterable in list. @default {} */
  metadata?: Record<string, string> | undefined;
  /** Outbound network rules. */
  network?:
    | {
        /** Egress: `allow` lists hostnames (`*.` wildcard allowed, ≤ 100); `default` is `allow` or `deny`. */
        egress?:
          | {
              /** Hostnames always allowed; a leading `*.` matches subdomains. */
              allow?: string[] | undefined;
              /** Policy for hosts not in `allow`. @default 'allow' */
              default?: (typeof EGRESS_POLICIES)[number] | undefined;
            }
          | undefined;
      }
    | undefined;
}
