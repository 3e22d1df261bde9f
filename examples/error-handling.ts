/**
 * Error handling: each typed error the SDK throws, and retries that are safe because every
 * POST carries an `Idempotency-Key`. The mock's faults make the server misbehave on demand.
 * Run: `npx tsx examples/error-handling.ts`.
 */
import assert from 'node:assert/strict';
import { createMockApi } from '../mock-server/index.js';
import {
  AuthenticationError,
  InvalidConfigError,
  InvalidStateError,
  RateLimitedError,
  Runra,
  RunraError,
} from '../src/index.js';

const api = createMockApi({ apiKeys: ['sk_test_good'] });
const runra = new Runra({ apiKey: 'sk_test_good', fetch: api.fetch });

// 1. Bad create params are refused before any request, naming every offending field.
try {
  await runra.sandboxes.create({ image: 'node 22', resources: { memoryMb: 1024 }, workdir: 'tmp' });
} catch (err) {
  if (!(err instanceof InvalidConfigError)) throw err;
  console.log(`${err.name} (${err.code}), sent: ${err.status !== undefined}`);
  for (const issue of err.details.issues) console.log(`  ${issue.path}: ${issue.message}`);
}

// 2. Catch by `code`: it works even with two copies of the package, where instanceof fails.
try {
  await runra.sandboxes.get('sb_0000000000000nope');
} catch (err) {
  if (!(err instanceof RunraError && err.code === 'SANDBOX_NOT_FOUND')) throw err;
  console.log(`${err.code}: ${err.message}`);
}

// 3. A refused transition is final (never retried) and says what the state is.
const sandbox = await runra.sandboxes.create({ image: 'node:22' });
await runra.sandboxes.pause(sandbox.id);
try {
  await runra.sandboxes.pause(sandbox.id);
} catch (err) {
  if (!(err instanceof InvalidStateError)) throw err;
  console.log(`${err.status} ${err.code}: ${err.message} (requestId ${err.requestId})`);
}

// 4. A wrong key: 401, thrown as AuthenticationError.
try {
  await runra.withOptions({ apiKey: 'sk_test_wrong' }).sandboxes.list();
} catch (err) {
  if (!(err instanceof AuthenticationError)) throw err;
  console.log(`${err.name}: ${err.message}`);
}

// 5. A 503 is retried (after the server's Retry-After): the caller just gets the sandbox.
api.journal.clear();
api.faults.add({ method: 'POST', path: '/v1/sandboxes', times: 1, error: { code: 'RESOURCE_EXHAUSTED' } });
const afterBusy = await runra.sandboxes.create({ image: 'node:22' });
const statuses = api.journal.entries().map((entry) => entry.status);
console.log(`create through a 503: ${afterBusy.state}, attempts answered ${statuses.join(', ')}`);

// 6. The connection drops after the server created the sandbox: the retry carries the same
//    Idempotency-Key, so the server replays its first answer and no second sandbox appears.
const before = (await runra.sandboxes.list()).pagination.total;
api.faults.add({ method: 'POST', path: '/v1/sandboxes', times: 1, drop: 'after' });
const afterDrop = await runra.sandboxes.create({ image: 'python:3.12' });
const after = (await runra.sandboxes.list()).pagination.total;
console.log(`create through a dropped connection: ${afterDrop.id}, sandboxes ${before} → ${after}`);
assert.equal(after, before + 1);

// 7. With retries off, a 429 reaches you with the wait the server asked for.
api.faults.add({
  method: 'POST',
  path: '/v1/sandboxes',
  times: 1,
  error: { code: 'RATE_LIMITED', retryAfterMs: 30_000 },
});
try {
  await runra.sandboxes.create({ image: 'node:22' }, { maxRetries: 0 });
} catch (err) {
  if (!(err instanceof RateLimitedError)) throw err;
  console.log(`${err.name}: retry in ${err.retryAfterMs} ms`);
}
