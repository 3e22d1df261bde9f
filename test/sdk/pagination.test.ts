import { describe, expect, it } from 'vitest';
import { Page, RunraError } from '../../src/index.js';
import { client, fakeFetch, json, type SeenRequest, summaryBody } from './helpers.js';

/** A fake list endpoint over `total` items, honouring limit and offset like the contract. */
function listServer(total: number) {
  const items = Array.from({ length: total }, (_, i) => summaryBody(`sb_${String(i).padStart(3, '0')}`));
  return fakeFetch((request: SeenRequest) => {
    const limit = Number(request.url.searchParams.get('limit') ?? 20);
    const offset = Number(request.url.searchParams.get('offset') ?? 0);
    const data = items.slice(offset, offset + limit);
    return json(200, { data, pagination: { total, limit, offset, hasMore: offset + data.length < total } });
  });
}

describe('pagination', () => {
  it('await gives one page with data, pagination and hasNextPage()', async () => {
    const { fetch } = listServer(5);
    const page = await client(fetch).sandboxes.list({ limit: 2 });
    expect(page).toBeInstanceOf(Page);
    expect(page.data.map((s) => s.id)).toEqual(['sb_000', 'sb_001']);
    expect(page.pagination).toEqual({ total: 5, limit: 2, offset: 0, hasMore: true });
    expect(page.hasNextPage()).toBe(true);
  });

  it('getNextPage: same filters, offset + data.length', async () => {
    const { fetch, seen } = listServer(5);
    const first = await client(fetch).sandboxes.list({
      limit: 2,
      state: 'running',
      metadata: { userId: 'u1' },
    });
    const second = await first.getNextPage();
    expect(second.data.map((s) => s.id)).toEqual(['sb_002', 'sb_003']);
    expect(Object.fromEntries(seen[1]?.url.searchParams ?? [])).toEqual({
      state: 'running',
      'metadata.userId': 'u1',
      limit: '2',
      offset: '2',
    });
  });

  it('getNextPage on the last page rejects with NO_NEXT_PAGE and sends nothing', async () => {
    const { fetch, seen } = listServer(1);
    const page = await client(fetch).sandboxes.list();
    expect(page.hasNextPage()).toBe(false);
    const error = await page.getNextPage().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RunraError);
    expect((error as RunraError).code).toBe('NO_NEXT_PAGE');
    expect(seen).toHaveLength(1);
  });

  it('for await walks every item of every page, filters kept', async () => {
    const { fetch, seen } = listServer(7);
    const ids: string[] = [];
    for await (const sandbox of client(fetch).sandboxes.list({ limit: 3, image: 'node:22' }))
      ids.push(sandbox.id);
    expect(ids).toEqual(['sb_000', 'sb_001', 'sb_002', 'sb_003', 'sb_004', 'sb_005', 'sb_006']);
    expect(seen.map((r) => r.url.searchParams.get('offset'))).toEqual(
      ['0', '3', '6'].map((o, i) => (i === 0 ? null : o)),
    );
    expect(seen.every((r) => r.url.searchParams.get('image') === 'node:22')).toBe(true);
  });

  it('iteration stops on an empty page even when hasMore says otherwise', async () => {
    const { fetch, seen } = fakeFetch((_request, index) =>
      json(200, {
        data: index === 0 ? [summaryBody('sb_a')] : [],
        pagination: { total: 99, limit: 1, offset: index, hasMore: true },
      }),
    );
    const ids: string[] = [];
    for await (const sandbox of client(fetch).sandboxes.list({ limit: 1 })) ids.push(sandbox.id);
    expect(ids).toEqual(['sb_a']);
    expect(seen).toHaveLength(2);
  });

  it('breaking out of the loop stops fetching', async () => {
    const { fetch, seen } = listServer(50);
    for await (const sandbox of client(fetch).sandboxes.list({ limit: 5 })) {
      if (sandbox.id === 'sb_006') break;
    }
    expect(seen).toHaveLength(2);
  });

  it('next offset follows the server’s pagination.offset', async () => {
    const { fetch, seen } = fakeFetch((_request, index) =>
      json(200, {
        data: [summaryBody(`sb_${index}`)],
        pagination: { total: 20, limit: 1, offset: 10 + index, hasMore: index === 0 },
      }),
    );
    const ids: string[] = [];
    for await (const sandbox of client(fetch).sandboxes.list({ limit: 1 })) ids.push(sandbox.id);
    expect(ids).toEqual(['sb_0', 'sb_1']);
    expect(seen[1]?.url.searchParams.get('offset')).toBe('11');
  });

  it('withResponse works on a list too', async () => {
    const { fetch } = listServer(2);
    const { data, response } = await client(fetch).sandboxes.list().withResponse();
    expect(data.data).toHaveLength(2);
    expect(response.status).toBe(200);
  });
});
