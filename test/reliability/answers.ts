/**
 * What every fuzz answer must be (shared by bad-input and structural-input): never 5xx,
 * either a success or a well-formed envelope whose status matches its code, and an
 * accepted sandbox valid by the contract's rules (restated here from the spec's table,
 * through LIMITS).
 */
import { expect } from 'vitest';
import { ERROR_STATUS, LIMITS, SANDBOX_STATES, SandboxSchema } from '../../src/schemas/index.js';

/** A hostname (labels of 1-63 letters, digits or inner hyphens; at most 253 characters), optionally `*.`-prefixed. */
function isHostname(host: string): boolean {
  const name = host.startsWith('*.') ? host.slice(2) : host;
  if (name.length === 0 || name.length > 253) return false;
  return name
    .split('.')
    .every((label) => /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?$/.test(label) && label.length <= 63);
}

/**
 * A string's length in characters, as the contract counts them: Unicode code points, so an
 * emoji (two UTF-16 units) is one character.
 */
const chars = (text: string): number => [...text].length;

/** The spec's create rules, restated independently, applied to a sandbox as stored. */
export function contractViolations(s: unknown): string[] {
  const sandbox = SandboxSchema.safeParse(s);
  if (!sandbox.success) return ['not a Sandbox'];
  const { image, resources, env, workdir, timeoutMs, idleTimeoutMs, metadata, network } = sandbox.data;
  const r = LIMITS.resources;
  const between = (v: number, min: number, max: number) => Number.isInteger(v) && v >= min && v <= max;
  const checks: [boolean, string][] = [
    [/^\S+$/.test(image) && chars(image) <= LIMITS.image.maxLength, 'image'],
    [(r.cpu.values as readonly number[]).includes(resources.cpu), 'cpu'],
    [between(resources.memoryMb, r.memoryMb.min, r.memoryMb.max), 'memoryMb'],
    [between(resources.diskMb, r.diskMb.min, r.diskMb.max), 'diskMb'],
    [Object.keys(env).every((k) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(k)), 'env keys'],
    [Object.values(env).every((v) => typeof v === 'string'), 'env values'],
    [workdir.startsWith('/'), 'workdir'],
    [between(timeoutMs, LIMITS.timeoutMs.min, LIMITS.timeoutMs.max), 'timeoutMs'],
    [between(idleTimeoutMs, LIMITS.idleTimeoutMs.min, LIMITS.idleTimeoutMs.max), 'idleTimeoutMs'],
    [Object.keys(metadata).length <= LIMITS.metadata.maxKeys, 'metadata count'],
    [
      Object.keys(metadata).every((k) => chars(k) >= 1 && chars(k) <= LIMITS.metadata.keyMaxLength),
      'metadata keys',
    ],
    [Object.values(metadata).every((v) => chars(v) <= LIMITS.metadata.valueMaxLength), 'metadata values'],
    [(network.egress.allow ?? []).length <= LIMITS.egressAllow.maxItems, 'egress.allow'],
    [(network.egress.allow ?? []).every(isHostname), 'egress.allow hosts'],
    [['allow', 'deny'].includes(network.egress.default), 'egress.default'],
    [(SANDBOX_STATES as readonly string[]).includes(sandbox.data.state), 'state'],
  ];
  return checks.filter(([ok]) => !ok).map(([, name]) => name);
}

/** Checks one answer: never 5xx, and either a valid success or a well-formed envelope. */
export async function checkAnswer(response: Response, allowed: readonly string[]): Promise<unknown> {
  expect(response.status).toBeLessThan(500);
  const requestId = response.headers.get('x-request-id');
  expect(requestId).toMatch(/^req_[a-z0-9]{8}$/);
  const body = (await response.json()) as Record<string, unknown>;
  if (response.ok) return body;
  const error = (body as { error?: Record<string, unknown> }).error;
  expect(error).toBeDefined();
  const code = String(error?.code);
  expect(allowed).toContain(code);
  expect(response.status).toBe(ERROR_STATUS[code as keyof typeof ERROR_STATUS]);
  expect(error?.requestId).toBe(requestId);
  expect(typeof error?.message).toBe('string');
  expect(error).toHaveProperty('details');
  return undefined;
}
