import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { createOpenApiDocument } from '../../../mock-server/openapi/document.js';
import { ERROR_STATUS, type ErrorCode, LIMITS, SANDBOX_STATES } from '../../../src/schemas/index.js';
import { at, documentValidator } from './openapi-helpers.js';

const COMMON: ErrorCode[] = ['UNAUTHORIZED', 'INTERNAL_ERROR'];
const POST: ErrorCode[] = ['INVALID_REQUEST', 'PAYLOAD_TOO_LARGE', 'IDEMPOTENCY_CONFLICT'];

/** The spec's endpoints table and the codes each endpoint may answer, restated independently. */
const SPEC_ENDPOINTS: [method: string, path: string, success: number, codes: ErrorCode[]][] = [
  [
    'post',
    '/v1/sandboxes',
    201,
    [...COMMON, ...POST, 'INVALID_CONFIG', 'RATE_LIMITED', 'RESOURCE_EXHAUSTED'],
  ],
  ['get', '/v1/sandboxes', 200, [...COMMON, 'INVALID_REQUEST']],
  ['get', '/v1/sandboxes/{id}', 200, [...COMMON, 'SANDBOX_NOT_FOUND']],
  ['post', '/v1/sandboxes/{id}/pause', 200, [...COMMON, ...POST, 'SANDBOX_NOT_FOUND', 'INVALID_STATE']],
  [
    'post',
    '/v1/sandboxes/{id}/resume',
    200,
    [...COMMON, ...POST, 'SANDBOX_NOT_FOUND', 'INVALID_STATE', 'RESOURCE_EXHAUSTED'],
  ],
  ['delete', '/v1/sandboxes/{id}', 200, [...COMMON, 'SANDBOX_NOT_FOUND']],
];

const doc = createOpenApiDocument();

/** Every `error.code` an operation declares, by status. */
function declaredCodes(operation: Record<string, unknown>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [status, response] of Object.entries(at(operation, 'responses'))) {
    if (Number(status) < 400) continue;
    const schema = at(response, 'content', 'application/json', 'schema');
    const narrowing = (schema.allOf as unknown[])[1];
    out.set(status, at(narrowing, 'properties', 'error', 'properties', 'code').enum as string[]);
  }
  return out;
}

describe('openapi: the generated document', () => {
  it('is a valid OpenAPI 3.1 document for a real validator, with every $ref resolvable', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc) as Parameters<Validator['validate']>[0]);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
    expect(() => validator.resolveRefs()).not.toThrow();
  });

  it('is built once: later calls return the same document', () => {
    expect(createOpenApiDocument()).toBe(doc);
  });

  it('describes exactly the endpoints of the spec, each with its success status and schema', () => {
    const described = Object.entries(at(doc, 'paths')).flatMap(([path, item]) =>
      Object.keys(item as object).map((method) => `${method} ${path}`),
    );
    expect(described.sort()).toEqual(SPEC_ENDPOINTS.map(([m, p]) => `${m} ${p}`).sort());
    for (const [method, path, success] of SPEC_ENDPOINTS) {
      const response = at(doc, 'paths', path, method, 'responses', String(success));
      expect(at(response, 'content', 'application/json', 'schema').$ref).toMatch(/^#\/components\/schemas\//);
      expect(Object.keys(at(response, 'headers'))).toContain('X-Request-Id');
    }
  });

  for (const [method, path, , codes] of SPEC_ENDPOINTS) {
    it(`${method.toUpperCase()} ${path}: declares exactly its error codes, each under its ERROR_STATUS`, () => {
      const declared = declaredCodes(at(doc, 'paths', path, method));
      expect([...declared.values()].flat().sort()).toEqual([...codes].sort());
      for (const [status, list] of declared) {
        for (const code of list) expect(ERROR_STATUS[code as ErrorCode]).toBe(Number(status));
      }
    });
  }

  it('names every error code of ERROR_STATUS, the routing ones in the description (no unused component)', () => {
    const text = JSON.stringify(doc);
    const routing = ['NOT_FOUND', 'METHOD_NOT_ALLOWED'];
    for (const code of Object.keys(ERROR_STATUS).filter((c) => !routing.includes(c))) {
      expect(text).toContain(`"${code}"`);
    }
    const description = String(at(doc, 'info').description);
    expect(description).toContain('404 `NOT_FOUND`');
    expect(description).toContain('405 `METHOD_NOT_ALLOWED` with an `Allow` header');
    expect(at(doc, 'components')).not.toHaveProperty('responses');
  });

  it("carries the package's license", async () => {
    const { default: pkg } = await import('../../../package.json', { with: { type: 'json' } });
    expect(at(doc, 'info', 'license')).toEqual({ name: pkg.license, identifier: pkg.license });
  });

  it('every response carries X-Request-Id, 429/503 Retry-After, POST successes Idempotent-Replayed', () => {
    for (const [method, path] of SPEC_ENDPOINTS) {
      for (const [status, response] of Object.entries(at(doc, 'paths', path, method, 'responses'))) {
        const headers = Object.keys(at(response, 'headers'));
        expect(headers).toContain('X-Request-Id');
        expect(headers.includes('Retry-After')).toBe(status === '429' || status === '503');
        expect(headers.includes('Idempotent-Replayed')).toBe(method === 'post' && Number(status) < 300);
      }
    }
  });

  it('every POST takes Idempotency-Key; bearer security applies to the whole API', () => {
    const parameterRefs = (method: string, path: string) =>
      (at(doc, 'paths', path, method).parameters as { $ref?: string }[]).map((p) => p.$ref);
    for (const [method, path] of SPEC_ENDPOINTS) {
      expect(parameterRefs(method, path).includes('#/components/parameters/IdempotencyKey')).toBe(
        method === 'post',
      );
    }
    expect(at(doc, 'components', 'parameters', 'IdempotencyKey')).toMatchObject({
      in: 'header',
      required: false,
    });
    expect(doc.security).toEqual([{ bearerAuth: [] }]);
    expect(at(doc, 'components', 'securitySchemes', 'bearerAuth')).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    });
  });

  it('list: query parameters typed from the schemas, with defaults, and the metadata.KEY pattern', () => {
    const list = at(doc, 'paths', '/v1/sandboxes', 'get');
    const byName = Object.fromEntries(
      (list.parameters as { name: string; schema: object }[]).map((p) => [p.name, p]),
    );
    expect(Object.keys(byName).sort()).toEqual(['image', 'limit', 'offset', 'state']);
    expect(at(byName, 'state', 'schema').enum).toEqual([...SANDBOX_STATES]);
    expect(at(byName, 'limit', 'schema')).toMatchObject({
      type: 'integer',
      minimum: LIMITS.list.limit.min,
      maximum: LIMITS.list.limit.max,
      default: LIMITS.list.limit.default,
    });
    expect(at(byName, 'offset', 'schema')).toMatchObject({ type: 'integer', minimum: 0, default: 0 });
    const [pattern] = list['x-query-parameter-patterns'] as { pattern: string }[];
    expect(new RegExp(pattern?.pattern ?? '$^').exec('metadata.userId')?.[1]).toBe('userId');
    expect(list.description).toContain('metadata.KEY');
  });

  it('create body: generated from the schema (strict, required image, cpu values and ranges from LIMITS)', () => {
    const body = at(doc, 'components', 'schemas', 'CreateSandboxParams');
    expect(body).toMatchObject({ required: ['image'], additionalProperties: false });
    expect(at(body, 'properties', 'image').maxLength).toBe(LIMITS.image.maxLength);
    const check = documentValidator();
    const schema = ['components', 'schemas', 'CreateSandboxParams'];
    expect(check.errors({ image: 'node:22', resources: { cpu: 4 } }, ...schema)).toEqual([]);
    expect(check.errors({ image: 'node:22', resources: { cpu: 3 } }, ...schema)).not.toEqual([]);
    expect(check.errors({ image: 'node:22', memoryMB: 4096 }, ...schema)).not.toEqual([]);
    expect(check.errors({ image: 'node:22', timeoutMs: LIMITS.timeoutMs.max + 1 }, ...schema)).not.toEqual(
      [],
    );
    expect(check.errors({ image: 'node:22', workdir: 'relative' }, ...schema)).not.toEqual([]);
  });

  it('response schemas accept an unknown future state and unknown fields (forward compatibility)', () => {
    const check = documentValidator();
    const summary = {
      id: 'sb_x7k2m9p4q1w3v5b8n',
      state: 'hibernating',
      image: 'node:22',
      resources: { cpu: 2, memoryMb: 4096, diskMb: 10240, gpu: 0 },
      metadata: {},
      createdAt: '2026-06-15T10:30:00.000Z',
      region: 'eu',
    };
    expect(check.errors(summary, 'components', 'schemas', 'SandboxSummary')).toEqual([]);
    expect(check.errors({ ...summary, id: 1 }, 'components', 'schemas', 'SandboxSummary')).not.toEqual([]);
  });
});
