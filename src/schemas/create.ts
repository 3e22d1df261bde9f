import * as z from 'zod/mini';
import { EGRESS_POLICIES, LIMITS } from './limits.js';

const { resources, metadata, timeoutMs, idleTimeoutMs } = LIMITS;

const ENV_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** A hostname, optionally with one leading `*.` wildcard label. */
const EGRESS_HOST = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i;

const inRange = (name: string, min: number, max: number) =>
  z
    .int(`${name} must be an integer`)
    .check(
      z.gte(min, `${name} must be between ${min} and ${max}`),
      z.lte(max, `${name} must be between ${min} and ${max}`),
    );

const cpuMessage = `cpu value not in [${resources.cpu.values.join(', ')}]`;

/** `resources` of a create request; every field optional, defaults applied by the server. */
export const ResourcesParamsSchema = z.strictObject({
  cpu: z.optional(
    z.union(
      resources.cpu.values.map((value) => z.literal(value)),
      { error: cpuMessage },
    ),
  ),
  memoryMb: z.optional(inRange('memoryMb', resources.memoryMb.min, resources.memoryMb.max)),
  diskMb: z.optional(inRange('diskMb', resources.diskMb.min, resources.diskMb.max)),
});

/** The key and value rules of the two string maps of a create body. */
export const MAP_RULES = {
  env: {
    key: z.string().check(z.regex(ENV_KEY, 'env keys must match ^[A-Za-z_][A-Za-z0-9_]*$')),
    value: z.string('env values must be strings'),
    maxKeys: Number.POSITIVE_INFINITY,
  },
  metadata: {
    key: z
      .string()
      .check(
        z.minLength(1, `metadata keys must be 1-${metadata.keyMaxLength} characters`),
        z.maxLength(metadata.keyMaxLength, `metadata keys must be 1-${metadata.keyMaxLength} characters`),
      ),
    value: z
      .string('metadata values must be strings')
      .check(
        z.maxLength(
          metadata.valueMaxLength,
          `metadata values must be at most ${metadata.valueMaxLength} characters`,
        ),
      ),
    maxKeys: metadata.maxKeys,
  },
} as const;

/** The message for a map with too many keys. */
export const tooManyKeysMessage = (name: string, max: number) => `${name} may hold at most ${max} keys`;

/** Environment variables: keys are shell identifiers, values strings. */
export const EnvSchema = z.record(MAP_RULES.env.key, MAP_RULES.env.value);

/**
 * Free-form string tags (at most 20), filterable in list. The key-count rule carries its
 * limit in `params` so that `scripts/generate-validators.ts` can read it (a refine's
 * function is opaque).
 */
export const MetadataSchema = z.record(MAP_RULES.metadata.key, MAP_RULES.metadata.value).check(
  z.refine((value) => Object.keys(value).length <= metadata.maxKeys, {
    error: tooManyKeysMessage('metadata', metadata.maxKeys),
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
                z.maxLength(253),
                z.regex(EGRESS_HOST, 'egress.allow entries must be hostnames (a leading *. is allowed)'),
              ),
          )
          .check(
            z.maxLength(
              LIMITS.egressAllow.maxItems,
              `egress.allow holds at most ${LIMITS.egressAllow.maxItems} hosts`,
            ),
          ),
      ),
      default: z.optional(z.enum(EGRESS_POLICIES, 'egress.default must be "allow" or "deny"')),
    }),
  ),
});

/**
 * The body of `POST /v1/sandboxes`. Strict: an unknown field (a typo such as `memoryMB`)
 * is refused with `INVALID_CONFIG`. Defaults are applied by the server, not here.
 */
export const CreateSandboxParamsSchema = z.strictObject(
  {
    /** Base image: `node:22`, `python:3.12`, `ubuntu:24.04` or a custom reference (no whitespace, ≤ 256 chars). */
    image: z
      .string('image is required and must be a string')
      .check(
        z.minLength(1, 'image must not be empty'),
        z.maxLength(LIMITS.image.maxLength, `image must be at most ${LIMITS.image.maxLength} characters`),
        z.regex(/^\S+$/, 'image must not contain whitespace'),
      ),
    /** CPU (2, 4 or 8; default 2), memory (2048–16384 MB; default 4096), disk (5120–51200 MB; default 10240). */
    resources: z.optional(ResourcesParamsSchema),
    /** Environment variables; keys match `^[A-Za-z_][A-Za-z0-9_]*$`. @default {} */
    env: z.optional(EnvSchema),
    /** Default working directory, an absolute path. @default '/workspace' */
    workdir: z.optional(
      z.string('workdir must be a string').check(z.startsWith('/', 'workdir must be an absolute path')),
    ),
    /** Maximum lifetime in ms, 1–86400000 (24 h). @default 300000 */
    timeoutMs: z.optional(inRange('timeoutMs', timeoutMs.min, timeoutMs.max)),
    /** Auto-pause after this many idle ms, 0–86400000; 0 disables it. @default 120000 */
    idleTimeoutMs: z.optional(inRange('idleTimeoutMs', idleTimeoutMs.min, idleTimeoutMs.max)),
    /** String tags (at most 20 keys of 1–64 chars, values ≤ 256 chars), filterable in list. @default {} */
    metadata: z.optional(MetadataSchema),
    /** Egress: `allow` lists hostnames (`*.` wildcard allowed, ≤ 100); `default` is `allow` or `deny`. */
    network: z.optional(NetworkParamsSchema),
  },
  'the body must be a JSON object',
);

/**
 * What `runra.sandboxes.create()` takes: only `image` is required.
 *
 * @example
 * ```ts
 * const params: CreateSandboxParams = { image: 'node:22', resources: { cpu: 4 } };
 * ```
 */
export interface CreateSandboxParams extends z.input<typeof CreateSandboxParamsSchema> {}
