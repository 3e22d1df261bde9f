import { createHash, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  apiKeyOwner,
  createMockApi,
  InvalidSnapshotError,
  type MockSnapshot,
} from '../../../mock-server/index.js';
import { sha256Hex } from '../../../mock-server/machine/sha256.js';
import { setup } from './helpers.js';

/** A key shaped like a real one: high entropy, so any leak of it is unmistakable. */
const secretKey = () => `sk_live_${randomBytes(18).toString('hex')}`;

/** Every text the control plane and the JS API export, joined. */
async function everyExport(api: ReturnType<typeof setup>['api'], call: ReturnType<typeof setup>['call']) {
  return [
    JSON.stringify(api.exportState()),
    JSON.stringify((await call('GET', '/_mock/state', { key: null })).json),
    JSON.stringify((await call('GET', '/_mock/requests', { key: null })).json),
    JSON.stringify(api.journal.entries()),
  ].join('\n');
}

describe('keys: no raw API key leaves the mock', () => {
  it('sha256Hex matches the FIPS 180-4 vectors and node:crypto on any text', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => {
        expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
      }),
      { numRuns: 300 },
    );
  });

  it('an owner id is sha256: and the digest of "runra-mock:" + key, the same on every call', () => {
    const key = secretKey();
    expect(apiKeyOwner(key)).toBe(`sha256:${createHash('sha256').update(`runra-mock:${key}`).digest('hex')}`);
    expect(apiKeyOwner(key)).toBe(apiKeyOwner(key));
    expect(apiKeyOwner(`${key}x`)).not.toBe(apiKeyOwner(key));
  });

  it('GET /_mock/state, exportState() and the journal hold owner ids and masked keys, never a key', async () => {
    const { api, call } = setup({ createRateLimit: { limit: 100, windowMs: 60_000 } });
    const alice = secretKey();
    const bob = secretKey();
    const created = await call('POST', '/v1/sandboxes', {
      key: alice,
      body: { image: 'node:22' },
      headers: { 'idempotency-key': 'create-1' },
    });
    expect(created.status).toBe(201);
    await call('POST', '/v1/sandboxes', { key: bob, body: { image: 'node:22' } });
    await call('GET', '/v1/sandboxes', { key: alice });
    api.activity(alice, created.json.id);

    const exported = await everyExport(api, call);
    for (const key of [alice, bob]) {
      expect(exported).not.toContain(key);
      expect(exported).not.toContain(key.slice(8, 30)); // not even the secret part
    }
    const snapshot = api.exportState();
    expect(snapshot.version).toBe(2);
    expect(snapshot.sandboxes.map((s) => s.owner).sort()).toEqual(
      [apiKeyOwner(alice), apiKeyOwner(bob)].sort(),
    );
    expect(snapshot.sandboxes.every((s) => !('apiKey' in s))).toBe(true);
    expect(snapshot.idempotency?.map((e) => e.owner)).toEqual([apiKeyOwner(alice)]);
    expect(snapshot.createLog?.map((e) => e.owner).sort()).toEqual(
      [apiKeyOwner(alice), apiKeyOwner(bob)].sort(),
    );
    expect(api.journal.entries()[0]?.apiKey).toBe(`sk_…${alice.slice(-4)}`);
  });

  it('a snapshot restores each key its own sandboxes, stored responses and rate-limit log when that key comes back', async () => {
    const first = setup({ createRateLimit: { limit: 2, windowMs: 60_000 } });
    const alice = secretKey();
    const bob = secretKey();
    const aliceBox = await first.call('POST', '/v1/sandboxes', {
      key: alice,
      body: { image: 'node:22' },
      headers: { 'idempotency-key': 'same' },
    });
    await first.call('POST', '/v1/sandboxes', { key: alice, body: { image: 'node:22' } });
    const bobBox = await first.call('POST', '/v1/sandboxes', { key: bob, body: { image: 'python:3.12' } });
    const text = JSON.stringify(first.api.exportState());

    const second = setup({ createRateLimit: { limit: 2, windowMs: 60_000 } });
    second.api.importState(JSON.parse(text) as MockSnapshot);
    const aliceList = (await second.call('GET', '/v1/sandboxes', { key: alice })).json;
    expect(aliceList.pagination.total).toBe(2);
    expect((await second.call('GET', `/v1/sandboxes/${bobBox.json.id}`, { key: bob })).json.image).toBe(
      'python:3.12',
    );
    expect((await second.call('GET', `/v1/sandboxes/${bobBox.json.id}`, { key: alice })).status).toBe(404);
    const replay = await second.call('POST', '/v1/sandboxes', {
      key: alice,
      body: { image: 'node:22' },
      headers: { 'idempotency-key': 'same' },
    });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.json.id).toBe(aliceBox.json.id);
    // Alice used her 2 creates in the window; Bob has one left.
    expect(
      (await second.call('POST', '/v1/sandboxes', { key: alice, body: { image: 'node:22' } })).status,
    ).toBe(429);
    expect(
      (await second.call('POST', '/v1/sandboxes', { key: bob, body: { image: 'node:22' } })).status,
    ).toBe(201);
  });

  it('a version-1 snapshot (keys in clear) loads: each key finds its sandboxes, and the next export holds no key', () => {
    const alice = secretKey();
    const sandbox = createMockApi({ clock: 'manual', seed: 3 }).machine.create(alice, { image: 'node:22' });
    if (!sandbox.ok) throw new Error('create failed');
    const { id: _id, ...rest } = sandbox.value;
    const legacy = {
      version: 1,
      now: '2026-06-15T10:30:00.000Z',
      sandboxes: [{ ...rest, id: sandbox.value.id, apiKey: alice }],
      idempotency: [
        {
          apiKey: alice,
          key: 'k1',
          fingerprint: 'POST /v1/sandboxes\n{"image":"node:22"}',
          response: sandbox.value,
          storedAt: '2026-06-15T10:30:00.000Z',
        },
      ],
      createLog: [{ apiKey: alice, at: ['2026-06-15T10:30:00.000Z'] }],
    };
    const api = createMockApi({ clock: 'manual' });
    api.importState(legacy as MockSnapshot);
    const found = api.machine.get(alice, sandbox.value.id);
    expect(found.ok && found.value.id).toBe(sandbox.value.id);
    const replay = api.machine.idempotent(alice, 'k1', 'POST /v1/sandboxes\n{"image":"node:22"}', () => {
      throw new Error('must replay, not act');
    });
    expect(replay.replayed).toBe(true);
    const exported = JSON.stringify(api.exportState());
    expect(exported).not.toContain(alice);
    expect(exported).toContain(apiKeyOwner(alice));
  });

  it('snapshots that cannot be read are refused with a message naming the field, never echoing a key', () => {
    const api = createMockApi({ clock: 'manual' });
    const refusal = (snapshot: unknown) => {
      try {
        api.importState(snapshot as MockSnapshot);
      } catch (error) {
        expect(error).toBeInstanceOf(InvalidSnapshotError);
        return (error as InvalidSnapshotError).message;
      }
      throw new Error('expected a refusal');
    };
    expect(refusal({ version: 3, sandboxes: [] })).toContain('version must be 1 or 2');
    const base = api.machine.create('sk_any', { image: 'node:22' });
    if (!base.ok) throw new Error('create failed');
    const sandbox = base.value;
    expect(refusal({ version: 2, sandboxes: [{ ...sandbox }] })).toContain(
      'sandboxes.0.owner: an owner (or an apiKey) is required',
    );
    expect(
      refusal({ version: 2, sandboxes: [{ ...sandbox, owner: apiKeyOwner('a'), apiKey: 'sk_both_given' }] }),
    ).toContain('give owner or apiKey, not both');
    expect(refusal({ version: 2, sandboxes: [{ ...sandbox, owner: 'sk_live_looks_like_a_key' }] })).toBe(
      'Invalid snapshot: sandboxes.0.owner: must be sha256: followed by 64 hex digits',
    );
    expect(refusal({ version: 1, sandboxes: [{ ...sandbox, apiKey: 'sk live with spaces' }] })).toBe(
      'Invalid snapshot: sandboxes.0.apiKey: must be an API key of 1-256 visible ASCII characters',
    );
    expect(refusal({ version: 2, sandboxes: [], createLog: [{ at: [] }] })).toContain('createLog.0.owner');
  });
});
