import { expect } from 'vitest';
import {
  InvalidRequestError,
  LIMITS,
  type ListSandboxesParams,
  SandboxNotFoundError,
  type SandboxSummary,
} from '../../../src/index.js';
import { expectApiError, type ScenarioGroup } from './scenario.js';

/** Newest first: `createdAt` descending, then `id` descending. */
const newestFirst = (a: SandboxSummary, b: SandboxSummary): number =>
  b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id);

export const listScenarios: ScenarioGroup = {
  name: 'get and list',
  scenarios: [
    {
      name: 'get: an unknown id answers 404 SANDBOX_NOT_FOUND with details.sandboxId',
      covers: ['SANDBOX_NOT_FOUND'],
      async run({ client }) {
        const id = 'sb_doesnotexist0000';
        const error = await expectApiError(
          client().sandboxes.get(id),
          SandboxNotFoundError,
          'SANDBOX_NOT_FOUND',
        );
        expect(error.details).toMatchObject({ sandboxId: id });
      },
    },
    {
      name: 'list: defaults to limit 20 and offset 0, newest first, summaries without env',
      async run({ client, create, tag }) {
        const made = [];
        for (let i = 0; i < 3; i++) made.push(await create({ image: 'node:22', env: { SECRET: `s${i}` } }));
        const page = await client().sandboxes.list({ metadata: { contractRun: tag } });
        expect(page.pagination).toEqual({
          total: 3,
          limit: LIMITS.list.limit.default,
          offset: LIMITS.list.offset.default,
          hasMore: false,
        });
        expect(page.data.map((item) => item.id)).toEqual([...made].sort(newestFirst).map((s) => s.id));
        for (const item of page.data) {
          expect(item).not.toHaveProperty('env');
          expect(item).toMatchObject({ image: 'node:22', metadata: { contractRun: tag } });
        }
      },
    },
    {
      name: 'list: state, image and metadata filters are ANDed; terminated sandboxes stay listed',
      async run({ client, create, tag }) {
        const runra = client();
        const a = await create({ image: 'node:22', metadata: { team: 'ml' } });
        const b = await create({ image: 'python:3.12', metadata: { team: 'ml' } });
        const c = await create({ image: 'node:22', metadata: { team: 'web' } });
        await runra.sandboxes.pause(b.id);
        await runra.sandboxes.terminate(c.id);
        const ids = async (filters: ListSandboxesParams) =>
          (
            await runra.sandboxes.list({ ...filters, metadata: { contractRun: tag, ...filters.metadata } })
          ).data
            .map((item) => item.id)
            .sort();
        expect(await ids({})).toEqual([a.id, b.id, c.id].sort());
        expect(await ids({ image: 'node:22' })).toEqual([a.id, c.id].sort());
        expect(await ids({ metadata: { team: 'ml' } })).toEqual([a.id, b.id].sort());
        expect(await ids({ image: 'node:22', metadata: { team: 'ml' } })).toEqual([a.id]);
        expect(await ids({ state: 'paused' })).toEqual([b.id]);
        expect(await ids({ state: 'terminated' })).toEqual([c.id]);
        expect(await ids({ state: 'running', image: 'python:3.12' })).toEqual([]);
      },
    },
    {
      name: 'list: pages follow offset and limit, hasMore = offset + data.length < total, for-await walks all',
      async run({ client, create, tag }) {
        const runra = client();
        const made = [];
        for (let i = 0; i < 7; i++) made.push(await create({ image: 'node:22' }));
        const expected = [...made].sort(newestFirst).map((s) => s.id);
        const filter = { metadata: { contractRun: tag }, limit: 3 };
        let page = await runra.sandboxes.list(filter);
        const seen: string[] = [];
        const offsets: number[] = [];
        for (;;) {
          const { total, offset, limit, hasMore } = page.pagination;
          offsets.push(offset);
          expect({ total, limit, hasMore }).toEqual({
            total: 7,
            limit: 3,
            hasMore: offset + page.data.length < 7,
          });
          seen.push(...page.data.map((item) => item.id));
          if (!page.hasNextPage()) break;
          page = await page.getNextPage();
        }
        expect(offsets).toEqual([0, 3, 6]);
        expect(seen).toEqual(expected);
        const walked: string[] = [];
        for await (const item of runra.sandboxes.list(filter)) walked.push(item.id);
        expect(walked).toEqual(expected);
        const beyond = await runra.sandboxes.list({ ...filter, offset: 50 });
        expect(beyond.data).toEqual([]);
        expect(beyond.pagination).toMatchObject({ total: 7, offset: 50, hasMore: false });
      },
    },
    {
      name: 'list: a bad filter or page answers 400 INVALID_REQUEST',
      covers: ['INVALID_REQUEST'],
      async run({ client }) {
        const runra = client();
        const bad: ListSandboxesParams[] = [
          { limit: LIMITS.list.limit.min - 1 },
          { limit: LIMITS.list.limit.max + 1 },
          { limit: 2.5 },
          { offset: LIMITS.list.offset.min - 1 },
          { state: 'sleeping' as ListSandboxesParams['state'] },
        ];
        for (const params of bad) {
          await expectApiError(runra.sandboxes.list(params), InvalidRequestError, 'INVALID_REQUEST');
        }
      },
    },
  ],
};
