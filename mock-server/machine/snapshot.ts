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
import { SANDBOX_ID_RANDOM_LENGTH } from './random.js';
import type { SandboxRecord } from './types.js';

/**
 * One sandbox in a snapshot: its public shape plus its owner and timer bookkeeping.
 *
 * @example
 * ```ts
 * const entry: SnapshotSandbox = { ...sandbox, apiKey: 'sk_test_1' };
 * ```
 */
export type SnapshotSandbox = Sandbox & {
  /** The API key that owns it. */
  apiKey: string;
  /** Last activity (boot, resume, execution); defaults to the latest of startedAt/resumedAt. */
  lastActivityAt?: string;
  /** When `creating` ends; defaults to `startedAt`, else `createdAt`. */
  bootEndsAt?: string;
};

/**
 * The whole state of a mock, JSON-serialisable: `GET /_mock/state` returns it and
 * `PUT /_mock/state` loads it. Only `version` and `sandboxes` are required, so a scenario
 * can be written by hand.
 *
 * @example
 * ```ts
 * const snapshot: MockSnapshot = {
 *   version: 1,
 *   sandboxes: [{ apiKey: 'sk_test_1', id: 'sb_x7k2m9p4q1w3v5b8n', state: 'paused', image: 'node:22',
 *     resources: { cpu: 2, memoryMb: 4096, diskMb: 10240 }, env: {}, workdir: '/workspace',
 *     timeoutMs: 300000, idleTimeoutMs: 120000, metadata: {}, network: { egress: { default: 'allow' } },
 *     createdAt: '2026-06-15T10:30:00.000Z', startedAt: '2026-06-15T10:30:00.000Z',
 *     pausedAt: '2026-06-15T10:31:00.000Z' }],
 * };
 * ```
 */
export interface MockSnapshot {
  version: 1;
  /** The clock when it was taken (a manual clock is set to it on load). */
  now?: string;
  sandboxes: SnapshotSandbox[];
  /** Stored first responses of idempotent POSTs. */
  idempotency?: { apiKey: string; key: string; fingerprint: string; response: unknown; storedAt: string }[];
  /** Recent creates per API key, for the rate limiter. */
  createLog?: { apiKey: string; at: string[] }[];
}

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

const SnapshotSandboxShape = z.looseObject({
  apiKey: z.string().check(z.minLength(1)),
  id: z.string().check(z.regex(SANDBOX_ID_PATTERN, 'must be sb_ followed by 17 characters of [a-z0-9]')),
  state: z.enum(SANDBOX_STATES),
  createdAt: Instant,
  startedAt: z.optional(Instant),
  pausedAt: z.optional(Instant),
  resumedAt: z.optional(Instant),
  terminatedAt: z.optional(Instant),
  lastActivityAt: z.optional(Instant),
  bootEndsAt: z.optional(Instant),
});

const SnapshotShape = z.looseObject({
  version: z.literal(1, 'version must be 1'),
  now: z.optional(Instant),
  sandboxes: z.array(z.unknown()),
  idempotency: z.optional(
    z.array(
      z.object({
        apiKey: z.string(),
        key: z.string(),
        fingerprint: z.string(),
        response: z.unknown(),
        storedAt: Instant,
      }),
    ),
  ),
  createLog: z.optional(z.array(z.object({ apiKey: z.string(), at: z.array(Instant) }))),
});

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
    apiKey: s.apiKey,
    state: s.state,
    createdAt,
    bootEndsAt: ms(s.bootEndsAt) ?? startedAt ?? createdAt,
    timerVersion: 0,
  };
  if (startedAt !== undefined) record.startedAt = startedAt;
  if (resumedAt !== undefined) record.resumedAt = resumedAt;
  const pausedAt = ms(s.pausedAt);
  if (pausedAt !== undefined) record.pausedAt = pausedAt;
  const terminatedAt = ms(s.terminatedAt);
  if (terminatedAt !== undefined) record.terminatedAt = terminatedAt;
  const lastActivityAt = ms(s.lastActivityAt) ?? Math.max(startedAt ?? createdAt, resumedAt ?? createdAt);
  if (s.state !== 'creating') record.lastActivityAt = lastActivityAt;
  return record;
}

/** The parts of a snapshot the machine loads, in machine form. */
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
  if (issues.length > 0) throw new InvalidSnapshotError(issues);
  return {
    now: ms(parsed.data.now),
    sandboxes,
    idempotency: (parsed.data.idempotency ?? []).map((entry) => ({
      ...entry,
      storedAt: Date.parse(entry.storedAt),
    })),
    createLog: (parsed.data.createLog ?? []).map(({ apiKey, at }) => ({
      apiKey,
      at: at.map((t) => Date.parse(t)),
    })),
  };
}
