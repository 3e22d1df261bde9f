import * as z from 'zod/mini';
import {
  type FieldIssue,
  SANDBOX_STATES,
  type Sandbox,
  toFieldIssues,
  validateCreateParams,
} from '../../src/schemas/index.js';
import { applyDefaults } from './defaults.js';
import type { IdempotencyEntry } from './idempotency.js';
import { API_KEY_PATTERN, apiKeyOwner, maskApiKey, OWNER_PATTERN } from './owner.js';
import { SANDBOX_ID_RANDOM_LENGTH } from './random.js';
import type { SandboxRecord } from './types.js';

/**
 * Who an entry of a snapshot belongs to: its `owner` id (what the mock writes: a digest of
 * the API key, see {@link apiKeyOwner}) or, in a snapshot written by hand or by an earlier
 * version of the mock, the `apiKey` itself, turned into its owner id on load.
 *
 * @example
 * ```ts
 * const mine: SnapshotOwner = { apiKey: 'sk_test_1' };
 * const same: SnapshotOwner = { owner: apiKeyOwner('sk_test_1') };
 * ```
 */
export type SnapshotOwner = { owner: string; apiKey?: never } | { apiKey: string; owner?: never };

/**
 * One sandbox in a snapshot: its public shape plus its owner and timer bookkeeping.
 *
 * @example
 * ```ts
 * const entry: SnapshotSandbox = { ...sandbox, apiKey: 'sk_test_1' };
 * ```
 */
export type SnapshotSandbox = Sandbox &
  SnapshotOwner & {
    /** Last activity (boot, resume, execution); defaults to the latest of startedAt/resumedAt. */
    lastActivityAt?: string;
    /** When `creating` ends; defaults to `startedAt`, else `createdAt`. */
    bootEndsAt?: string;
    /** The owner's API key masked (`sk_…a1b2`), for people reading the snapshot; never the key. */
    keyLabel?: string;
  };

/**
 * The whole state of a mock, JSON-serialisable: `GET /_mock/state` returns it and
 * `PUT /_mock/state` loads it. Only `version` and `sandboxes` are required, so a scenario
 * can be written by hand. No API key is ever written: entries name their `owner` id.
 *
 * @example
 * ```ts
 * const snapshot: MockSnapshot = {
 *   version: 2,
 *   sandboxes: [{ apiKey: 'sk_test_1', id: 'sb_x7k2m9p4q1w3v5b8n', state: 'paused', image: 'node:22',
 *     resources: { cpu: 2, memoryMb: 4096, diskMb: 10240 }, env: {}, workdir: '/workspace',
 *     timeoutMs: 300000, idleTimeoutMs: 120000, metadata: {}, network: { egress: { default: 'allow' } },
 *     createdAt: '2026-06-15T10:30:00.000Z', startedAt: '2026-06-15T10:30:00.000Z',
 *     pausedAt: '2026-06-15T10:31:00.000Z' }],
 * };
 * ```
 */
export interface MockSnapshot {
  /**
   * `2` in every snapshot the mock writes (owners as digests). `1`, the first format (API
   * keys in clear), is still read: each key becomes its owner id.
   */
  version: 1 | 2;
  /** The clock when it was taken (a manual clock is set to it on load). */
  now?: string;
  sandboxes: SnapshotSandbox[];
  /** Stored first responses of idempotent POSTs. */
  idempotency?: (SnapshotOwner & { key: string; fingerprint: string; response: unknown; storedAt: string })[];
  /** Recent creates per API key, for the rate limiter. */
  createLog?: (SnapshotOwner & { at: string[] })[];
}

/** The version every snapshot the mock writes carries. */
export const SNAPSHOT_VERSION = 2;

/**
 * Thrown by `importState` when a snapshot breaks the contract; nothing is loaded.
 *
 * @example
 * ```ts
 * try { api.importState(snapshot); } catch (error) {
 *   if (error instanceof InvalidSnapshotError) console.log(error.issues);
 * }
 * ```
 */
export class InvalidSnapshotError extends Error {
  override readonly name = 'InvalidSnapshotError';
  /** Every offending field, with its path in the snapshot. */
  readonly issues: FieldIssue[];

  constructor(issues: FieldIssue[]) {
    const first = issues[0];
    super(`Invalid snapshot${first ? `: ${first.path ? `${first.path}: ` : ''}${first.message}` : ''}`);
    this.issues = issues;
  }
}

const Instant = z
  .string()
  .check(z.refine((value) => !Number.isNaN(Date.parse(value)), 'must be an ISO 8601 instant'));
/** A sandbox id: `sb_` + 17 characters of `[a-z0-9]`. */
export const SANDBOX_ID_PATTERN = new RegExp(`^sb_[a-z0-9]{${SANDBOX_ID_RANDOM_LENGTH}}$`);
/** A masked key is a prefix, an ellipsis and four characters: anything longer is not one. */
const KEY_LABEL_MAX_LENGTH = 32;

/** `owner` or `apiKey`; which one is given (exactly one) is checked by {@link ownerOf}. */
const OwnerFields = {
  owner: z.optional(z.string().check(z.regex(OWNER_PATTERN, 'must be sha256: followed by 64 hex digits'))),
  apiKey: z.optional(
    z.string().check(z.regex(API_KEY_PATTERN, 'must be an API key of 1-256 visible ASCII characters')),
  ),
};

const SnapshotSandboxShape = z.looseObject({
  ...OwnerFields,
  id: z.string().check(z.regex(SANDBOX_ID_PATTERN, 'must be sb_ followed by 17 characters of [a-z0-9]')),
  state: z.enum(SANDBOX_STATES),
  createdAt: Instant,
  startedAt: z.optional(Instant),
  pausedAt: z.optional(Instant),
  resumedAt: z.optional(Instant),
  terminatedAt: z.optional(Instant),
  lastActivityAt: z.optional(Instant),
  bootEndsAt: z.optional(Instant),
  keyLabel: z.optional(
    z.string().check(z.maxLength(KEY_LABEL_MAX_LENGTH, 'must be a masked key of at most 32 characters')),
  ),
});

const SnapshotShape = z.looseObject({
  version: z.union(
    [z.literal(1), z.literal(2)],
    'version must be 1 or 2 (this mock writes 2; a newer format needs a newer runra)',
  ),
  now: z.optional(Instant),
  sandboxes: z.array(z.unknown()),
  idempotency: z.optional(
    z.array(
      z.object({
        ...OwnerFields,
        key: z.string(),
        fingerprint: z.string(),
        response: z.unknown(),
        storedAt: Instant,
      }),
    ),
  ),
  createLog: z.optional(z.array(z.object({ ...OwnerFields, at: z.array(Instant) }))),
});

/**
 * The owner id of an entry that gives exactly one of `owner` and `apiKey` (a key is hashed
 * here, so no key is kept); `undefined`, with an issue at `path`, otherwise.
 */
function ownerOf(
  entry: { owner?: string | undefined; apiKey?: string | undefined },
  path: string,
  issues: FieldIssue[],
): string | undefined {
  if (entry.owner !== undefined && entry.apiKey !== undefined) {
    issues.push({ path, message: 'give owner or apiKey, not both' });
    return undefined;
  }
  if (entry.owner !== undefined) return entry.owner;
  if (entry.apiKey !== undefined) return apiKeyOwner(entry.apiKey);
  issues.push({ path: `${path}.owner`, message: 'an owner (or an apiKey) is required' });
  return undefined;
}

const CONFIG_FIELDS = [
  'image',
  'resources',
  'env',
  'workdir',
  'timeoutMs',
  'idleTimeoutMs',
  'metadata',
  'network',
] as const;

const ms = (iso: string | undefined): number | undefined => (iso === undefined ? undefined : Date.parse(iso));

function readSandbox(input: unknown, path: string, issues: FieldIssue[]): SandboxRecord | undefined {
  const shape = SnapshotSandboxShape.safeParse(input);
  if (!shape.success) {
    issues.push(...toFieldIssues(shape.error.issues, [path]));
    return undefined;
  }
  const raw = input as Record<string, unknown>;
  const config: Record<string, unknown> = {};
  for (const field of CONFIG_FIELDS) if (Object.hasOwn(raw, field)) config[field] = raw[field];
  const valid = validateCreateParams(config);
  if (!valid.success) {
    for (const issue of valid.details.issues) issues.push({ ...issue, path: `${path}.${issue.path}` });
    return undefined;
  }
  const s = shape.data;
  const owner = ownerOf(s, path, issues);
  if (owner === undefined) return undefined;
  const need = (field: 'pausedAt' | 'terminatedAt', state: string) => {
    if (s.state === state && s[field] === undefined) {
      issues.push({ path: `${path}.${field}`, message: `a ${state} sandbox needs ${field}` });
    }
  };
  need('pausedAt', 'paused');
  need('terminatedAt', 'terminated');
  const createdAt = Date.parse(s.createdAt);
  const startedAt = ms(s.startedAt);
  const resumedAt = ms(s.resumedAt);
  const record: SandboxRecord = {
    ...applyDefaults(valid.data),
    id: s.id,
    apiKey: owner,
    state: s.state,
    createdAt,
    bootEndsAt: ms(s.bootEndsAt) ?? startedAt ?? createdAt,
  };
  if (startedAt !== undefined) record.startedAt = startedAt;
  if (resumedAt !== undefined) record.resumedAt = resumedAt;
  const pausedAt = ms(s.pausedAt);
  if (pausedAt !== undefined) record.pausedAt = pausedAt;
  const terminatedAt = ms(s.terminatedAt);
  if (terminatedAt !== undefined) record.terminatedAt = terminatedAt;
  const lastActivityAt = ms(s.lastActivityAt) ?? Math.max(startedAt ?? createdAt, resumedAt ?? createdAt);
  if (s.state !== 'creating') record.lastActivityAt = lastActivityAt;
  // A hand-written entry may give the key itself: it is masked here and never kept.
  const keyLabel = s.keyLabel ?? (s.apiKey === undefined ? undefined : maskApiKey(s.apiKey));
  if (keyLabel !== undefined) record.keyLabel = keyLabel;
  return record;
}

/** The parts of a snapshot the machine loads, in machine form (owner ids where the machine says `apiKey`). */
export interface LoadedSnapshot {
  now: number | undefined;
  sandboxes: SandboxRecord[];
  idempotency: IdempotencyEntry[];
  createLog: { apiKey: string; at: number[] }[];
}

/**
 * Validates and converts a snapshot; every sandbox must satisfy the create rules.
 * @throws {InvalidSnapshotError} listing every offending field.
 */
export function readSnapshot(input: unknown): LoadedSnapshot {
  const parsed = SnapshotShape.safeParse(input);
  if (!parsed.success) throw new InvalidSnapshotError(toFieldIssues(parsed.error.issues));
  const issues: FieldIssue[] = [];
  const sandboxes: SandboxRecord[] = [];
  const seen = new Set<string>();
  parsed.data.sandboxes.forEach((entry, index) => {
    const record = readSandbox(entry, `sandboxes.${index}`, issues);
    if (record === undefined) return;
    if (seen.has(record.id))
      issues.push({ path: `sandboxes.${index}.id`, message: `duplicate id ${record.id}` });
    seen.add(record.id);
    sandboxes.push(record);
  });
  const idempotency: IdempotencyEntry[] = [];
  (parsed.data.idempotency ?? []).forEach((entry, index) => {
    const owner = ownerOf(entry, `idempotency.${index}`, issues);
    if (owner === undefined) return;
    const { key, fingerprint, response } = entry;
    idempotency.push({ apiKey: owner, key, fingerprint, response, storedAt: Date.parse(entry.storedAt) });
  });
  const createLog: LoadedSnapshot['createLog'] = [];
  (parsed.data.createLog ?? []).forEach((entry, index) => {
    const owner = ownerOf(entry, `createLog.${index}`, issues);
    if (owner !== undefined) createLog.push({ apiKey: owner, at: entry.at.map((t) => Date.parse(t)) });
  });
  if (issues.length > 0) throw new InvalidSnapshotError(issues);
  return { now: ms(parsed.data.now), sandboxes, idempotency, createLog };
}
