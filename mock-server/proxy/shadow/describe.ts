import type { Difference } from './compare.js';
import type { MirrorEntry } from './mirror.js';
import type { Answer } from './scratch.js';

/** How long a value may be when quoted in a message. */
const QUOTE_LENGTH = 120;

const quote = (value: unknown): string => {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > QUOTE_LENGTH ? `${text.slice(0, QUOTE_LENGTH)}…` : text;
};

/** The mirrored state of a sandbox in words, e.g. `paused since 2026-06-15T10:31:00.000Z`. */
export function stateOf(entry: MirrorEntry | undefined): string {
  if (entry === undefined) return 'no such sandbox for this key';
  const { state, createdAt, startedAt, pausedAt, resumedAt, terminatedAt } = entry.sandbox;
  const since =
    state === 'terminated'
      ? terminatedAt
      : state === 'paused'
        ? pausedAt
        : state === 'running'
          ? (resumedAt ?? startedAt)
          : createdAt;
  return since === undefined ? String(state) : `${state} since ${since}`;
}

const codeOf = (body: unknown): string | undefined => {
  const error = (body as { error?: { code?: unknown } } | undefined)?.error;
  return typeof error?.code === 'string' ? error.code : undefined;
};

/**
 * A sentence for one difference: what the call was, the state the proxy mirrored, what the
 * reference answers and what the upstream sent.
 *
 * @example
 * ```ts
 * describeDifference('pause sb_x…', entry, answer)({ path: 'status', expected: 409, actual: 200 });
 * // 'pause sb_x… (mirrored: paused since …): the reference answers 409 INVALID_STATE; the upstream answered 200'
 * ```
 */
export function describeDifference(
  call: string,
  entry: MirrorEntry | undefined,
  answer: Answer | undefined,
  includeState = true,
): (difference: Difference) => string {
  const context = includeState ? `${call} (mirrored: ${stateOf(entry)})` : call;
  return (difference) => {
    if (difference.path === 'status') {
      const code = codeOf(answer?.body);
      return `${context}: the reference answers ${String(difference.expected)}${code ? ` ${code}` : ''}; the upstream answered ${String(difference.actual)}`;
    }
    return `${context}: ${difference.path} is ${quote(difference.expected)} by the reference; the upstream sent ${quote(difference.actual)}`;
  };
}
