import { LIMITS, SandboxSummarySchema } from '../../../src/schemas/index.js';
import type { Finding } from '../../http/finding.js';
import { parseListQuery } from '../../http/query.js';
import { toIso } from '../../machine/clock.js';
import { pageLengthOf, paginationOf } from '../../machine/list.js';
import { readSnapshot, type SnapshotSandbox } from '../../machine/snapshot.js';
import { pickKnown } from '../shapes/schema-walk.js';
import { answerDifferences, valueDifferences } from './compare.js';
import {
  type BehaviourContext,
  type BehaviourResult,
  behaviourFindings,
  boundOf,
  instantOf,
  isObject,
  latestOf,
  revealedInstants,
} from './context.js';
import { describeDifference } from './describe.js';
import { type Allowance, explain } from './explain.js';
import type { Tenant } from './mirror.js';
import { ownRequest, replay } from './reference-request.js';
import type { Answer } from './scratch.js';

const LIST_PATH = '/v1/sandboxes';

interface Page {
  data: unknown[];
  total: number;
}

const pageOf = (body: unknown): Page | undefined => {
  if (!isObject(body) || !Array.isArray(body.data) || !isObject(body.pagination)) return undefined;
  const total = body.pagination.total;
  return typeof total === 'number' ? { data: body.data, total } : undefined;
};

const idOf = (item: unknown): string | undefined =>
  isObject(item) && typeof item.id === 'string' ? item.id : undefined;

/** The query's filters, without its page: `limit` and `offset` replaced. */
function withPage(target: string, limit: number, offset: number): string {
  const query = new URL(target, 'http://x').searchParams;
  query.set('limit', String(limit));
  query.set('offset', String(offset));
  return `${LIST_PATH}?${query}`;
}

/**
 * A list item frozen as a sandbox the reference can hold: its summary, with timers that
 * cannot fire before the answer (no idle pause, the longest lifetime, a boot that does not
 * end). Used to ask the reference whether the page's own items match its filters and order.
 */
function frozen(tenant: Tenant, item: unknown): SnapshotSandbox | undefined {
  if (!isObject(item)) return undefined;
  const known = pickKnown(item, SandboxSummarySchema) as Record<string, unknown>;
  const createdAt = instantOf(known.createdAt);
  if (createdAt === undefined) return undefined;
  return {
    ...known,
    apiKey: tenant.id,
    timeoutMs: LIMITS.timeoutMs.max,
    idleTimeoutMs: LIMITS.idleTimeoutMs.min,
    bootEndsAt: toIso(createdAt + LIMITS.timeoutMs.max),
  } as SnapshotSandbox;
}

/** Whether the reference can hold these entries (valid, distinct ids). */
function holdable(sandboxes: SnapshotSandbox[]): boolean {
  try {
    readSnapshot({ version: 1, sandboxes });
    return true;
  } catch {
    return false;
  }
}

/** The pagination arithmetic of the answer itself, by the machine's own rule. */
function arithmeticFindings(
  page: Page,
  echoed: { limit: number; offset: number },
  body: Record<string, unknown>,
): Finding[] {
  const expected = paginationOf(page.total, echoed.limit, echoed.offset, page.data.length);
  const shown = body.pagination as Record<string, unknown>;
  const findings: Finding[] = [];
  for (const field of ['limit', 'offset', 'hasMore'] as const) {
    if (shown[field] !== expected[field]) {
      findings.push({
        kind: 'behaviour',
        path: `body.pagination.${field}`,
        message:
          field === 'hasMore'
            ? `list: hasMore is offset + data.length < total (${echoed.offset} + ${page.data.length} < ${page.total})`
            : `list: pagination.${field} echoes the query's ${field} (default applied)`,
        expected: expected[field],
        actual: shown[field],
      });
    }
  }
  const length = pageLengthOf(page.total, echoed.limit, echoed.offset);
  if (length !== page.data.length) {
    findings.push({
      kind: 'behaviour',
      path: 'body.pagination.total',
      message: `list: a total of ${page.total} at offset ${echoed.offset} with limit ${echoed.limit} means ${length} items on this page; the upstream sent ${page.data.length}`,
      expected: length,
      actual: page.data.length,
    });
  }
  return findings;
}

/**
 * A list: the reference parses the query (a query it refuses must be refused); the page is
 * held to the pagination rules; each item of a known sandbox is checked against the
 * mirror like a get; the page's items are asked of the reference with the same filters
 * (they must all match, newest first); and when the tenant's every sandbox is known and
 * the filters do not depend on time (no `state`), the whole page and its total are the
 * reference's.
 */
export async function checkList(
  context: BehaviourContext,
  tenant: Tenant | undefined,
): Promise<BehaviourResult> {
  const { observed, mirror, request } = context;
  const bound = boundOf(context);
  const asked = await context.reference.ask({
    world: 'plain',
    tenant: tenant?.id,
    sandboxes: [],
    start: bound,
    steps: [],
    at: bound,
    request: replay(request, tenant?.id),
  });
  if (asked === undefined) return { findings: [], allowances: [], notPredicted: 'not-representable' };
  const page = pageOf(observed.body);
  if (asked.status !== 200 || observed.status !== 200 || page === undefined) {
    const differences = answerDifferences(
      { status: asked.status, headers: asked.headers, body: asked.body },
      observed,
      undefined,
    );
    const describe = describeDifference('list', undefined, asked, false);
    return { findings: behaviourFindings(differences, describe, context.shapePaths), allowances: [] };
  }
  const echoed = (asked.body as { pagination: { limit: number; offset: number } }).pagination;
  const findings = arithmeticFindings(page, echoed, observed.body as Record<string, unknown>);
  if (tenant === undefined) return { findings, allowances: [] };
  const allowances = new Set<Allowance>();

  // Each item: a known sandbox is checked like a get; another key's is a leak.
  let unknownItems = 0;
  for (const [index, item] of page.data.entries()) {
    const id = idOf(item);
    if (id === undefined) continue;
    const entry = tenant.sandboxes.get(id);
    const path = `body.data.${index}`;
    if (entry === undefined) {
      unknownItems++;
      if (mirror.foreignEntry(tenant.id, id) !== undefined) {
        findings.push({
          kind: 'behaviour',
          path: `${path}.id`,
          message: `list: ${id} belongs to another API key; a list never shows it`,
          actual: id,
        });
      } else if (tenant.complete) {
        findings.push({
          kind: 'behaviour',
          path: `${path}.id`,
          message: `list: ${id} was never created by this key through the proxy (every sandbox of this key is known)`,
          actual: id,
        });
      }
      continue;
    }
    if (entry.stale) {
      const merged = {
        ...entry.sandbox,
        ...(pickKnown(item, SandboxSummarySchema) as object),
      } as SnapshotSandbox;
      if (holdable([merged]))
        mirror.set(tenant, {
          ...entry,
          sandbox: merged,
          stale: false,
          seenAt: Math.max(bound, ...revealedInstants(item)),
        });
      continue;
    }
    const { match, closest } = await explain(context.reference, {
      tenant: tenant.id,
      worlds: ['plain'],
      sandboxes: [entry.sandbox],
      focus: entry,
      ...(isObject(item) ? { shown: item } : {}),
      bound: boundOf(context, entry),
      latest: latestOf(context, entry),
      revealed: revealedInstants(item),
      request: ownRequest('GET', LIST_PATH, tenant.id),
      observed: { status: 200, headers: observed.headers, body: item },
      compare: (answer: Answer) =>
        valueDifferences(
          (answer.body as { data?: unknown[] } | undefined)?.data?.[0],
          item,
          SandboxSummarySchema,
          path,
        ),
    });
    if (match !== undefined) {
      const after = match.answer.after.sandboxes.find((sandbox) => sandbox.id === id);
      if (after !== undefined) mirror.set(tenant, { ...entry, sandbox: after, seenAt: match.plan.at });
      mirror.raiseFloor(match.plan.at);
      for (const allowance of match.allowances) allowances.add(allowance);
    } else if (closest !== undefined) {
      const describe = describeDifference(`list item ${id}`, entry, closest.answer);
      findings.push(...behaviourFindings(closest.differences, describe, context.shapePaths));
      mirror.markStale(tenant, id);
    }
  }

  findings.push(...(await filterFindings(context, tenant, page)));
  if (!context.concurrent && tenant.complete && unknownItems === 0) {
    findings.push(...(await wholePageFindings(context, tenant, page, bound)));
  }
  learnCompleteness(context, tenant, page);
  return { findings, allowances: [...allowances] };
}

/** The page's own items, asked of the reference with the same filters: all match, newest first. */
async function filterFindings(context: BehaviourContext, tenant: Tenant, page: Page): Promise<Finding[]> {
  const sandboxes = page.data.map((item) => frozen(tenant, item));
  if (sandboxes.length === 0 || sandboxes.some((entry) => entry === undefined)) return [];
  const held = sandboxes as SnapshotSandbox[];
  if (!holdable(held)) return [];
  const at = Math.max(...held.flatMap((entry) => revealedInstants(entry)));
  const answer = await context.reference.ask({
    world: 'plain',
    tenant: tenant.id,
    sandboxes: held,
    start: at,
    steps: [],
    at,
    request: ownRequest('GET', withPage(context.request.target, LIMITS.list.limit.max, 0), tenant.id),
  });
  const kept = (answer?.body as { data?: unknown[] } | undefined)?.data?.map(idOf);
  if (kept === undefined) return [];
  const shown = page.data.map(idOf);
  const out: Finding[] = [];
  shown.forEach((id, index) => {
    if (id !== undefined && !kept.includes(id)) {
      out.push({
        kind: 'behaviour',
        path: `body.data.${index}`,
        message: `list: ${id} does not match the query's filters (${new URL(context.request.target, 'http://x').search || 'none'})`,
        actual: page.data[index],
      });
    }
  });
  if (out.length === 0 && JSON.stringify(kept) !== JSON.stringify(shown)) {
    out.push({
      kind: 'behaviour',
      path: 'body.data',
      message: 'list: items come newest first (createdAt descending, then id descending)',
      expected: kept,
      actual: shown,
    });
  }
  return out;
}

/**
 * The whole page and its total from the mirror, when the tenant's every sandbox is known and
 * no filter depends on time (a state may change unseen; image and metadata never do).
 */
async function wholePageFindings(
  context: BehaviourContext,
  tenant: Tenant,
  page: Page,
  bound: number,
): Promise<Finding[]> {
  const parsed = parseListQuery(new URL(context.request.target, 'http://x').searchParams);
  if (!parsed.ok || parsed.params.state !== undefined) return [];
  const entries = [...tenant.sandboxes.values()];
  const at = Math.max(bound, ...entries.map((entry) => entry.seenAt));
  const answer = await context.reference.ask({
    world: 'plain',
    tenant: tenant.id,
    sandboxes: entries.map((entry) => entry.sandbox),
    start: at,
    steps: [],
    at,
    request: replay(context.request, tenant.id),
  });
  const predicted = answer === undefined ? undefined : pageOf(answer.body);
  if (predicted === undefined) return [];
  const out: Finding[] = [];
  if (predicted.total !== page.total) {
    out.push({
      kind: 'behaviour',
      path: 'body.pagination.total',
      message: `list: this key's sandboxes matching the filters number ${predicted.total} by the mirror (every one of them was seen)`,
      expected: predicted.total,
      actual: page.total,
    });
  }
  const want = predicted.data.map(idOf);
  const got = page.data.map(idOf);
  if (JSON.stringify(want) !== JSON.stringify(got)) {
    out.push({
      kind: 'behaviour',
      path: 'body.data',
      message: 'list: the page holds other sandboxes than the mirror does',
      expected: want,
      actual: got,
    });
  }
  return out;
}

/**
 * A tenant's mirror becomes complete when an unfiltered list shows, on one page, exactly the
 * sandboxes the mirror knows.
 */
function learnCompleteness(context: BehaviourContext, tenant: Tenant, page: Page): void {
  if (tenant.complete || context.concurrent) return;
  const query = new URL(context.request.target, 'http://x').searchParams;
  for (const name of query.keys()) if (name !== 'limit' && name !== 'offset') return;
  if (Number(query.get('offset') ?? 0) !== 0 || page.total !== page.data.length) return;
  const shown = new Set(page.data.map(idOf));
  if (shown.size !== tenant.sandboxes.size) return;
  for (const id of tenant.sandboxes.keys()) if (!shown.has(id)) return;
  tenant.complete = true;
}
