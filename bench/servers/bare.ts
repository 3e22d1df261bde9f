/**
 * Child process: the physical limit, a bare `node:http` server answering every request
 * with one constant body: the bytes (and headers) the mock sends for a GET of one sandbox.
 */
import { createServer } from 'node:http';
import { createMockApi } from '../../dist/mock.js';
import { startProfile } from './profiler.js';
import { announce, BENCH_API_KEY } from './protocol.js';

const api = createMockApi({ clock: 'manual', seed: 7 });
const created = api.machine.create(BENCH_API_KEY, { image: 'node:22', metadata: { team: 't0' } });
if (!created.ok) throw new Error(created.error.message);
const body = Buffer.from(JSON.stringify(created.value));
const headers = {
  'content-type': 'application/json',
  'content-length': String(body.byteLength),
  'x-request-id': 'req_00000000',
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'X-Request-Id, Retry-After, Idempotent-Replayed',
};

const server = createServer((req, res) => {
  // Drain any request body so keep-alive connections stay usable.
  req.resume();
  req.once('end', () => {
    res.writeHead(200, headers);
    res.end(body);
  });
});
const stopProfile = await startProfile();
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  announce(
    { url: `http://127.0.0.1:${port}`, sandboxId: created.value.id, apiKey: BENCH_API_KEY },
    async () => {
      await stopProfile();
      server.closeAllConnections();
      server.close();
    },
  );
});
