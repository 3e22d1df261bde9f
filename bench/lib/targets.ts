import type { ServerReady } from '../servers/protocol.js';
import type { LoadTarget } from './load.js';

/** The three loads of the throughput bench against one server: get, list a page, create. */
export function targetsFor(server: ServerReady): { get: LoadTarget; list: LoadTarget; create: LoadTarget } {
  const headers = { authorization: `Bearer ${server.apiKey}` };
  return {
    get: { url: `${server.url}/v1/sandboxes/${server.sandboxId}`, headers },
    list: { url: `${server.url}/v1/sandboxes?limit=20`, headers },
    create: {
      url: `${server.url}/v1/sandboxes`,
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ image: 'node:22', metadata: { team: 'bench' } }),
      uniqueIdempotencyKey: true,
    },
  };
}
