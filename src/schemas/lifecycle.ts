import * as z from 'zod/mini';
import type { SandboxState } from './sandbox.js';

const State = z.string() as z.ZodMiniType<SandboxState>;

/** Answer of `POST /v1/sandboxes/:id/pause`. `runtimeDurationMs = pausedAt − createdAt`. */
export const PauseResultSchema = z.looseObject({
  id: z.string(),
  state: State,
  /** When it was paused. */
  pausedAt: z.string(),
  /** `pausedAt − createdAt`, in ms. */
  runtimeDurationMs: z.number(),
});

/** Answer of `POST /v1/sandboxes/:id/resume`. `pausedDurationMs = resumedAt − pausedAt`. */
export const ResumeResultSchema = z.looseObject({
  id: z.string(),
  state: State,
  /** When it was resumed. */
  resumedAt: z.string(),
  /** `resumedAt − pausedAt`, in ms. */
  pausedDurationMs: z.number(),
});

/** Answer of `DELETE /v1/sandboxes/:id`. `totalRuntimeMs = terminatedAt − createdAt`. */
export const TerminateResultSchema = z.looseObject({
  id: z.string(),
  state: State,
  /** When it was terminated (the original instant, on a repeated terminate). */
  terminatedAt: z.string(),
  /** `terminatedAt − createdAt`, in ms, paused time included. */
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
export interface PauseResult extends z.infer<typeof PauseResultSchema> {}

/**
 * The answer of a resume.
 *
 * @example
 * ```ts
 * const { resumedAt, pausedDurationMs }: ResumeResult = await runra.sandboxes.resume(id);
 * ```
 */
export interface ResumeResult extends z.infer<typeof ResumeResultSchema> {}

/**
 * The answer of a terminate (also of a repeated one, with the original figures).
 *
 * @example
 * ```ts
 * const { terminatedAt, totalRuntimeMs }: TerminateResult = await runra.sandboxes.terminate(id);
 * ```
 */
export interface TerminateResult extends z.infer<typeof TerminateResultSchema> {}
