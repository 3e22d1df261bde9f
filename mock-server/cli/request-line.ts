import type { MockServerRequestLog } from '../node/server.js';

/**
 * One request line: `METHOD PATH STATUS MSms` (`dropped` for a dropped connection).
 *
 * @example
 * ```ts
 * formatRequestLine({ method: 'GET', path: '/v1/sandboxes', status: 200, ms: 1.234 });
 * // 'GET /v1/sandboxes 200 1.2ms'
 * ```
 */
export function formatRequestLine(entry: MockServerRequestLog): string {
  const status = entry.status === null ? 'dropped' : String(entry.status);
  return `${entry.method} ${entry.path} ${status} ${entry.ms.toFixed(1)}ms`;
}
