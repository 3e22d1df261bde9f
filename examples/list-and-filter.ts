/**
 * Listing: one page with `await`, every page with `for await`, filters by state, image and
 * metadata. Run: `npx tsx examples/list-and-filter.ts`.
 */
import assert from 'node:assert/strict';
import { createMockApi } from '../mock-server/index.js';
import { Runra } from '../src/index.js';

const api = createMockApi();
const runra = new Runra({ apiKey: 'sk_test_list', fetch: api.fetch });

// Seven sandboxes for two users; one of them paused.
for (let i = 0; i < 7; i++) {
  const userId = i % 2 === 0 ? 'u1' : 'u2';
  const image = i < 4 ? 'node:22' : 'python:3.12';
  const sandbox = await runra.sandboxes.create({ image, metadata: { userId, batch: 'b1' } });
  if (i === 0) await runra.sandboxes.pause(sandbox.id);
}

// One page: `await` gives `data` and `pagination`.
const first = await runra.sandboxes.list({ limit: 3 });
console.log(`page 1: ${first.data.length} of ${first.pagination.total}, hasMore ${first.pagination.hasMore}`);
if (first.hasNextPage()) {
  const second = await first.getNextPage();
  console.log(`page 2: offset ${second.pagination.offset}, ${second.data.length} items`);
}

// Every item of every page: `for await` fetches pages as it goes, filters kept.
const ofU1: string[] = [];
for await (const sandbox of runra.sandboxes.list({ metadata: { userId: 'u1' }, limit: 2 })) {
  ofU1.push(`${sandbox.id} (${sandbox.image}, ${sandbox.state})`);
}
console.log(`user u1 has ${ofU1.length} sandboxes:\n  ${ofU1.join('\n  ')}`);
assert.equal(ofU1.length, 4);

// Filters combine with AND; `metadata` keys become `metadata.KEY=value` query parameters.
const running = await runra.sandboxes.list({
  state: 'running',
  image: 'node:22',
  metadata: { userId: 'u1' },
});
console.log(`running node:22 sandboxes of u1: ${running.pagination.total}`);
assert.equal(running.pagination.total, 1);
