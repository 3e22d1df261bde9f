/**
 * A result together with the HTTP response it came from.
 *
 * @example
 * ```ts
 * const { data, response, requestId }: WithResponse<Sandbox> = await runra.sandboxes.get(id).withResponse();
 * ```
 */
export interface WithResponse<T> {
  /** The parsed result, as the plain call would resolve it. */
  data: T;
  /** The raw response (its body already consumed). */
  response: Response;
  /** The `X-Request-Id` header: quote it to support. */
  requestId: string | undefined;
}

/**
 * What every SDK method returns: a promise of the result that can also give the response
 * with {@link APIPromise.withResponse}. The request starts at once, as with any promise.
 *
 * @example
 * ```ts
 * const sandbox = await runra.sandboxes.get(id);
 * const { response } = await runra.sandboxes.get(id).withResponse();
 * ```
 */
export class APIPromise<T> implements PromiseLike<T> {
  readonly #result: Promise<WithResponse<T>>;
  #data: Promise<T> | undefined;

  constructor(result: Promise<WithResponse<T>>) {
    this.#result = result;
  }

  /**
   * The result with its response and request id.
   *
   * @example
   * ```ts
   * const { data, response, requestId } = await runra.sandboxes.pause(id).withResponse();
   * ```
   */
  withResponse(): Promise<WithResponse<T>> {
    return this.#result;
  }

  #value(): Promise<T> {
    this.#data ??= this.#result.then((result) => result.data);
    return this.#data;
  }

  /**
   * Promise `then`: resolves to the result.
   *
   * @example
   * ```ts
   * runra.sandboxes.get(id).then((sandbox) => console.log(sandbox.state));
   * ```
   */
  // biome-ignore lint/suspicious/noThenProperty: this class is a promise by design.
  then<R1 = T, R2 = never>(
    onFulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.#value().then(onFulfilled, onRejected);
  }

  /**
   * Promise `catch`.
   *
   * @example
   * ```ts
   * await runra.sandboxes.get(id).catch(() => undefined);
   * ```
   */
  catch<R = never>(onRejected?: ((reason: unknown) => R | PromiseLike<R>) | null): Promise<T | R> {
    return this.#value().catch(onRejected);
  }

  /**
   * Promise `finally`.
   *
   * @example
   * ```ts
   * await runra.sandboxes.get(id).finally(() => spinner.stop());
   * ```
   */
  finally(onFinally?: (() => void) | null): Promise<T> {
    return this.#value().finally(onFinally);
  }

  /** @internal */
  get [Symbol.toStringTag](): string {
    return 'APIPromise';
  }
}
