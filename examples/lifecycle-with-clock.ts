/**
 * Timers without waiting: a manual mock clock shows the idle auto-pause, the auto-resume on
 * activity and the lifetime end in an instant. Run: `npx tsx examples/lifecycle-with-clock.ts`.
 */
import assert from 'node:assert/strict';
import { createMockApi } from '../mock-server/index.js';
import { Runra } from '../src/index.js';

const apiKey = 'sk_test_clock';
const api = createMockApi({ clock: 'manual' }); // starts at 2026-06-15T10:30:00.000Z
const runra = new Runra({ apiKey, fetch: api.fetch });

const sandbox = await runra.sandboxes.create({ image: 'node:22', idleTimeoutMs: 60_000, timeoutMs: 600_000 });
console.log(`created ${sandbox.id} at ${sandbox.createdAt}: ${sandbox.state}`);

// One millisecond before the idle deadline it still runs; at the deadline it is paused.
api.clock.advance(59_999);
assert.equal((await runra.sandboxes.get(sandbox.id)).state, 'running');
api.clock.advance(1);
const idle = await runra.sandboxes.get(sandbox.id);
console.log(`after 60 s idle: ${idle.state}, pausedAt ${idle.pausedAt}`);
assert.equal(idle.state, 'paused');

// An execution request (simulated by the mock's activity route) auto-resumes it.
api.clock.advance(30_000);
api.activity(apiKey, sandbox.id);
const active = await runra.sandboxes.get(sandbox.id);
console.log(`activity 30 s later: ${active.state}, resumedAt ${active.resumedAt}`);
assert.equal(active.state, 'running');

// The lifetime (`timeoutMs`) ends it whatever its state, at createdAt + timeoutMs.
api.clock.advance(10 * 60_000);
const expired = await runra.sandboxes.get(sandbox.id);
console.log(`after the 10 min lifetime: ${expired.state}, terminatedAt ${expired.terminatedAt}`);
assert.equal(expired.terminatedAt, new Date(Date.parse(sandbox.createdAt) + 600_000).toISOString());
