import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';

/** One load run's figures. */
export interface LoadResult {
  /** Mean requests per second (2xx only: a run answering errors counts for nothing). */
  rps: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
}

/** What to send: the same request every time, or one POST with a fresh Idempotency-Key each. */
export interface LoadTarget {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Give every request its own `Idempotency-Key` (as the SDK does on every POST). */
  uniqueIdempotencyKey?: boolean;
}

/** Load settings: short runs, so the whole bench stays under a few minutes. */
export const LOAD = { connections: 10, durationS: 5 } as const;

/** Runs autocannon against `target` for {@link LOAD} settings (or `durationS`). */
export async function load(target: LoadTarget, durationS: number = LOAD.durationS): Promise<LoadResult> {
  const method = target.method ?? 'GET';
  const headers = { ...target.headers };
  const options: autocannon.Options = {
    url: target.url,
    connections: LOAD.connections,
    duration: durationS,
    method,
    headers,
    ...(target.body === undefined ? {} : { body: target.body }),
  };
  if (target.uniqueIdempotencyKey) {
    options.requests = [
      {
        method,
        setupRequest: (request) => ({
          ...request,
          headers: { ...headers, 'idempotency-key': randomUUID() },
        }),
      },
    ];
  }
  const result = await autocannon(options);
  const ok = result['2xx'];
  return {
    rps: ok / (result.duration || durationS),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}
