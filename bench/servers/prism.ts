/**
 * Child process: Prism (`@stoplight/prism-cli`, the stateless peer) mocking our generated
 * OpenAPI document. Prism runs as its own grandchild process; this one waits until it
 * answers, announces it, and stops it on SIGTERM.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOpenApiDocument } from '../../mock-server/openapi/document.js';
import { announce, BENCH_API_KEY } from './protocol.js';

/** A free loopback port (bound then released). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

const documentFile = join(tmpdir(), `runra-bench-openapi-${process.pid}.json`);
writeFileSync(documentFile, JSON.stringify(createOpenApiDocument()));
const prismBin = createRequire(import.meta.url).resolve('@stoplight/prism-cli/dist/index.js');
const port = await freePort();
const prism = spawn(
  process.execPath,
  [prismBin, 'mock', '-h', '127.0.0.1', '-p', String(port), documentFile],
  {
    stdio: 'ignore',
  },
);
const url = `http://127.0.0.1:${port}`;
const sandboxId = 'sb_x7k2m9p4q1w3v5b8n';
const headers = { authorization: `Bearer ${BENCH_API_KEY}` };
for (let tries = 0; ; tries++) {
  try {
    const response = await fetch(`${url}/v1/sandboxes/${sandboxId}`, { headers });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`Prism answered ${response.status} to a GET`);
    break;
  } catch (error) {
    if (tries > 600) throw error;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
announce({ url, sandboxId, apiKey: BENCH_API_KEY }, () => {
  prism.kill('SIGTERM');
});
