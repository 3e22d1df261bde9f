import { describe, expect, it } from 'vitest';
import { APIResponseValidationError } from '../../src/index.js';
import { client, fakeFetch, json, sandboxBody, settle, summaryBody } from './helpers.js';

/**
 * Lenient by default, strict on demand (issue 10): by default the SDK checks only what it
 * needs and passes the rest through as it came; `strictResponseValidation: true` checks
 * the whole contract.
 */

const strict = { strictResponseValidation: true, maxRetries: 0 };
const { network: _network, env: _env, ...withoutNetworkAndEnv } = sandboxBody();

describe('responses: lenient by default', () => {
  it('a create answer without network and env resolves as sent, after one POST', async () => {
    const { fetch, seen } = fakeFetch(() => json(201, withoutNetworkAndEnv));
    const sandbox = await client(fetch).sandboxes.create({ image: 'node:22' });
    expect(sandbox).toEqual(withoutNetworkAndEnv);
    expect(seen).toHaveLength(1);
  });

  it('what the SDK needs is still checked: a sandbox without id, or with a numeric state', async () => {
    const { id: _id, ...withoutId } = sandboxBody();
    for (const body of [withoutId, sandboxBody({ state: 7 }), ['not', 'a', 'sandbox']]) {
      const { fetch } = fakeFetch(() => json(200, body));
      const { error } = await settle(client(fetch).sandboxes.get('sb_1'));
      expect(error).toBeInstanceOf(APIResponseValidationError);
    }
  });

  it('a page needs a data array and pagination with offset and hasMore; its items pass as sent', async () => {
    const items = [{ id: 'sb_1', state: 'running' }, summaryBody('sb_2')];
    const pagination = { total: 2, limit: 20, offset: 0, hasMore: false };
    const { fetch } = fakeFetch(() => json(200, { data: items, pagination }));
    const page = await client(fetch).sandboxes.list();
    expect(page.data).toEqual(items);
    for (const body of [
      { data: items },
      { data: {}, pagination },
      { data: items, pagination: { hasMore: false } },
    ]) {
      const broken = fakeFetch(() => json(200, body));
      expect((await settle(client(broken.fetch).sandboxes.list())).error).toBeInstanceOf(
        APIResponseValidationError,
      );
    }
  });

  it('a lifecycle answer needs only to be an object', async () => {
    const { fetch } = fakeFetch(() => json(200, { id: 'sb_1', state: 'paused' }));
    expect(await client(fetch).sandboxes.pause('sb_1')).toEqual({ id: 'sb_1', state: 'paused' });
    const broken = fakeFetch(() => json(200, 'paused'));
    expect((await settle(client(broken.fetch).sandboxes.pause('sb_1'))).error).toBeInstanceOf(
      APIResponseValidationError,
    );
  });
});

describe('responses: strictResponseValidation checks the whole contract', () => {
  it('the same create answer is an APIResponseValidationError naming each missing field', async () => {
    const { fetch } = fakeFetch(() => json(201, withoutNetworkAndEnv));
    const { error } = await settle(client(fetch, strict).sandboxes.create({ image: 'node:22' }));
    expect(error).toBeInstanceOf(APIResponseValidationError);
    expect((error as APIResponseValidationError).details.issues).toEqual([
      { path: 'env', message: 'is required' },
      { path: 'network', message: 'is required' },
    ]);
  });

  it('a page item missing its fields is refused, a full page passes', async () => {
    const pagination = { total: 1, limit: 20, offset: 0, hasMore: false };
    const thin = fakeFetch(() => json(200, { data: [{ id: 'sb_1', state: 'running' }], pagination }));
    expect((await settle(client(thin.fetch, strict).sandboxes.list())).error).toBeInstanceOf(
      APIResponseValidationError,
    );
    const full = fakeFetch(() => json(200, { data: [summaryBody('sb_1')], pagination }));
    expect((await client(full.fetch, strict).sandboxes.list()).data).toHaveLength(1);
  });

  it('unknown fields and unknown states still pass in strict mode (they are not drift)', async () => {
    const body = sandboxBody({ state: 'hibernating', region: 'eu' });
    const { fetch } = fakeFetch(() => json(200, body));
    expect(await client(fetch, strict).sandboxes.get('sb_1')).toEqual(body);
  });
});
