import * as z from 'zod/mini';
import type { SandboxState } from './sandbox.js';

const State = z.string() as z.ZodMiniType<SandboxState>;

/** Answer of `POST /v1/sandboxes/:id/pause`. `runtimeDurationMs = pausedAt − createdAt`. */
export const PauseResultSchema = z.looseObject({
  id: z.string(),
  state: State,
  pausedAt: z.string(),
  runtimeDurationMs: z.number(),
});

/** Answer of `POST /v1/sandboxes/:id/resume`. `pausedDurationMs = resumedAt − pausedAt`. */
export const ResumeResultSchema = z.looseObject({
  id: z.string(),
  state: State,
  resumedAt: z.string(),
  pausedDurationMs: z.number(),
});

/** Answer of `DELETE /v1/sandboxes/:id`. `totalRuntimeMs = terminatedAt − createdAt`. */
export const TerminateResultSchema = z.looseObject({
  id: z.string(),
  state: State,
  terminatedAt: z.string(),
  totalRuntimeMs: z.number(),
});

/**
 * The answer of a pause.
 *
 * @example
 * ```ts
 * const { pausedAt, runtimeDurationMs }: PauseResult = await runra.sandboxes.pause(id);
 * ```
 */
export interface PauseResult {
  /** The sandbox's id. */
  id: string;
  /** `paused`. */
  state: SandboxState;
  /** When it was paused. */
  pausedAt: string;
  /** `pausedAt − createdAt`, in ms. */
  runtimeDurationMs: number;
}

/**
 * The answer of a resume.
 *
 * @example
 * ```ts
 * const { resumedAt, pausedDurationMs }: ResumeResult = await runra.sandboxes.resume(id);
 * ```
 */
export interface ResumeResult {
  /** The sandbox's id. */
  id: string;
  /** `running`. */
  state: SandboxState;
  /** When it was resumed. */
  resumedAt: string;
  /** `resumedAt − pausedAt`, in ms. */
  pausedDurationMs: number;
}

/**
 * The answer of a terminate (also of a repeated one, with the original figures).
 *
 * @example
 * ```ts
 * const { terminatedAt, totalRuntimeMs }: TerminateResult = await runra.sandboxes.terminate(id);
 * ```
 */
export interface TerminateResult {
  /** The sandbox's id. */
  id: string;
  /** `terminated`. */
  state: SandboxState;
  /** When it was terminated (the original instant, on a repeated terminate). */
  terminatedAt: string;
  /** `terminatedAt − createdAt`, in ms, paused time included. */
  totalRuntimeMs: number;
}
