/**
 * One way an answer (or the request it answered) differs from the contract, as the verifying
 * proxy (`runra-mock --proxy`) reports it on a journal entry.
 * - `shape`: a body, query or header breaks the contract's schemas.
 * - `behaviour`: the reference machine, in the state mirrored from earlier answers, gives
 *   another answer.
 *
 * @example
 * ```ts
 * const finding: Finding = {
 *   kind: 'behaviour',
 *   path: 'status',
 *   message: 'pause of a paused sandbox: the reference answers 409 INVALID_STATE',
 *   expected: 409,
 *   actual: 200,
 * };
 * ```
 */
export interface Finding {
  kind: 'shape' | 'behaviour';
  /**
   * Where: `status`, `headers.<name>`, `body.<dotted path>`, `request.body.<dotted path>`,
   * `request.query.<name>` or `request.headers.<name>`.
   */
  path?: string;
  /** What is wrong, in a sentence. */
  message: string;
  /** What the contract or the reference machine expects, when one value says it. */
  expected?: unknown;
  /** What the upstream sent. */
  actual?: unknown;
}
