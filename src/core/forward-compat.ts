import { SANDBOX_STATES } from '../schemas/limits.js';
import type { KnownSandboxState } from '../schemas/sandbox.js';

/**
 * Reads a field the SDK's types do not name, from anything the SDK returned: the one typed
 * way to reach what a newer API sends (docs/decisions/0106). Answers are kept as they
 * came, so the field is there; its type is `unknown` until you check it. Only own fields
 * are read (`'toString'` is not a field).
 *
 * @example
 * ```ts
 * const sandbox = await runra.sandboxes.get(id);
 * const region = unknownField(sandbox, 'region'); // unknown
 * if (typeof region === 'string') console.log(region);
 * const gpus = unknownField(sandbox.resources, 'gpu');
 * ```
 */
export function unknownField(value: object, name: string): unknown {
  return Object.hasOwn(value, name) ? (value as Record<string, unknown>)[name] : undefined;
}

/**
 * Whether a state is one this SDK knows. A `SandboxState` is any string (a newer API may
 * add states), so comparing it with `===` keeps that possibility; this guard narrows it to
 * the known ones, for an exhaustive `switch`.
 *
 * @example
 * ```ts
 * if (isKnownState(sandbox.state)) {
 *   switch (sandbox.state) {
 *     case 'creating': case 'running': case 'paused': case 'terminated': break;
 *     default: sandbox.state satisfies never;
 *   }
 * }
 * ```
 */
export function isKnownState(state: string): state is KnownSandboxState {
  return (SANDBOX_STATES as readonly string[]).includes(state);
}
