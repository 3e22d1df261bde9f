import type { Pagination } from '../schemas/list.js';
import { APIPromise, type WithResponse } from './api-promise.js';
import { RunraError } from './errors.js';

/**
 * One page of a list: its items, the server's `pagination`, and the way to the next page
 * with the same filters (next offset = `offset + data.length`).
 *
 * @example
 * ```ts
 * const page = await runra.sandboxes.list({ limit: 10 });
 * if (page.hasNextPage()) await page.getNextPage();
 * ```
 */
export class Page<Item> {
  /** The items of this page. */
  readonly data: Item[];
  /** `{ total, limit, offset, hasMore }` as the server sent it. */
  readonly pagination: Pagination;
  readonly #fetchPage: (offset: number) => PagePromise<Item>;

  constructor(
    body: { data: Item[]; pagination: Pagination },
    fetchPage: (offset: number) => PagePromise<Item>,
  ) {
    this.data = body.data;
    this.pagination = body.pagination;
    this.#fetchPage = fetchPage;
  }

  /**
   * Whether another page follows: `hasMore` is true and this page was not empty.
   *
   * @example
   * ```ts
   * while (page.hasNextPage()) page = await page.getNextPage();
   * ```
   */
  hasNextPage(): boolean {
    return this.pagination.hasMore === true && this.data.length > 0;
  }

  /**
   * Fetches the next page with the same filters and options.
   *
   * @example
   * ```ts
   * const next = await page.getNextPage();
   * ```
   * @throws {RunraError} code `NO_NEXT_PAGE` when {@link Page.hasNextPage} is false
   */
  getNextPage(): PagePromise<Item> {
    if (!this.hasNextPage()) {
      return new PagePromise(Promise.reject(new RunraError('NO_NEXT_PAGE', 'there is no next page')));
    }
    return this.#fetchPage(this.pagination.offset + this.data.length);
  }
}

/**
 * What `list()` returns: `await` it for the first page, or `for await` over it for every
 * item of every page (fetched as you go; breaking out stops fetching).
 *
 * @example
 * ```ts
 * for await (const sandbox of runra.sandboxes.list({ state: 'running' })) console.log(sandbox.id);
 * ```
 */
export class PagePromise<Item> extends APIPromise<Page<Item>> implements AsyncIterable<Item> {
  constructor(result: Promise<WithResponse<Page<Item>>>) {
    super(result);
  }

  /**
   * Walks every item of this page and the following ones.
   *
   * @example
   * ```ts
   * const all = [];
   * for await (const sandbox of runra.sandboxes.list()) all.push(sandbox);
   * ```
   */
  async *[Symbol.asyncIterator](): AsyncGenerator<Item, void, undefined> {
    let page: Page<Item> = await (this as PromiseLike<Page<Item>>);
    for (;;) {
      yield* page.data;
      if (!page.hasNextPage()) return;
      page = await page.getNextPage();
    }
  }
}
