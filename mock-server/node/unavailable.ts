import type { MockServer, MockServerOptions } from './server.js';

/**
 * `startMockServer` where there is no Node.js (browsers, workers): the `runra/mock` build
 * served to those runtimes (the export map's `default` condition) carries this stand-in
 * instead of the `node:http` listener, so bundlers never meet a `node:*` import.
 *
 * @throws {Error} always: the HTTP server needs Node.js (or Bun/Deno, which load the `node` build).
 * @example
 * ```ts
 * // In a browser, use the in-process handler instead:
 * const api = createMockApi();
 * ```
 */
export async function startMockServer(_options?: MockServerOptions): Promise<MockServer> {
  throw new Error(
    'startMockServer needs Node.js (an HTTP listener): in browsers and workers use createMockApi().fetch or runra/msw',
  );
}
