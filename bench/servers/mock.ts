/**
 * Child process: the built runra mock over `node:http` (`startMockServer`, system clock, as
 * `runra-mock` runs), holding {@link LISTED_SANDBOXES} sandboxes of the bench key (created
 * through the machine).
 */
import { startMockServer } from '../../dist/mock.js';
import { startProfile } from './profiler.js';
import { announce, BENCH_API_KEY, LISTED_SANDBOXES } from './protocol.js';

const server = await startMockServer({ port: 0, seed: 7 });
let sandboxId = '';
for (let i = 0; i < LISTED_SANDBOXES; i++) {
  const created = server.api.machine.create(BENCH_API_KEY, {
    image: i % 2 === 0 ? 'node:22' : 'python:3.12',
    metadata: { team: `t${i % 10}` },
  });
  if (!created.ok) throw new Error(`seeding failed: ${created.error.message}`);
  sandboxId = created.value.id;
}
const stopProfile = await startProfile();
announce({ url: server.url, sandboxId, apiKey: BENCH_API_KEY }, async () => {
  await stopProfile();
  await server.close();
});
