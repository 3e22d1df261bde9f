import {
  CREATE,
  type Divergence,
  errorEnvelope,
  headerless,
  is,
  isGetOne,
  isList,
  PAUSE,
  rewrite,
} from './helpers.js';

/** Answers (and one accepted request) that break the contract's shapes. */
export const SHAPE_DIVERGENCES: readonly Divergence[] = [
  {
    name: 'a missing field (GET without workdir)',
    alteration: {
      response: rewrite(
        (seen) => isGetOne(seen),
        (body) => delete body.workdir,
      ),
    },
    steps: async ({ a }) => void (await a.get((await a.create()).body.id)),
    expect: { kind: 'shape', path: 'body.workdir' },
  },
  {
    name: 'a mistyped field (resources.cpu as a string)',
    alteration: {
      response: rewrite(
        (seen) => isGetOne(seen),
        (body) => {
          body.resources.cpu = String(body.resources.cpu);
        },
      ),
    },
    steps: async ({ a }) => void (await a.get((await a.create()).body.id)),
    expect: { kind: 'shape', path: 'body.resources.cpu' },
  },
  {
    name: 'an unknown error code (WRONG_STATE for a pause of a paused sandbox)',
    alteration: { response: rewrite(is('POST', PAUSE, 2), (body) => (body.error.code = 'WRONG_STATE')) },
    steps: async ({ a }) => {
      const { id } = (await a.create()).body;
      await a.pause(id);
      await a.pause(id);
    },
    expect: { kind: 'shape', path: 'body.error.code' },
  },
  {
    name: 'a missing X-Request-Id',
    alteration: headerless((seen) => isGetOne(seen), 'x-request-id'),
    steps: async ({ a }) => void (await a.get((await a.create()).body.id)),
    expect: { kind: 'shape', path: 'headers.x-request-id' },
  },
  {
    name: 'a 429 without Retry-After',
    options: { createRateLimit: { limit: 1, windowMs: 60_000 } },
    alteration: headerless((_seen, wire) => wire.status === 429, 'retry-after'),
    steps: async ({ a }) => {
      await a.create();
      await a.create();
    },
    expect: { kind: 'shape', path: 'headers.retry-after' },
  },
  {
    name: 'a 503 without Retry-After',
    options: { capacityCpu: 2 },
    alteration: headerless((_seen, wire) => wire.status === 503, 'retry-after'),
    steps: async ({ a }) => {
      await a.create();
      await a.create();
    },
    expect: { kind: 'shape', path: 'headers.retry-after' },
  },
  {
    name: 'a Retry-After that disagrees with details.retryAfterMs',
    options: { createRateLimit: { limit: 1, windowMs: 60_000 } },
    alteration: {
      response: (_seen, wire) =>
        wire.status === 429 ? { ...wire, headers: { ...wire.headers, 'retry-after': '999' } } : undefined,
    },
    steps: async ({ a }) => {
      await a.create();
      await a.create();
    },
    expect: { kind: 'shape', path: 'headers.retry-after' },
  },
  {
    name: 'an error requestId that is not the X-Request-Id',
    alteration: {
      response: rewrite(
        (_seen, wire) => wire.status === 404,
        (body) => (body.error.requestId = 'req_zzzzzzzz'),
      ),
    },
    steps: async ({ a }) => void (await a.get('sb_aaaaaaaaaaaaaaaaa')),
    expect: { kind: 'shape', path: 'body.error.requestId' },
  },
  {
    name: 'a status that is not its code’s (SANDBOX_NOT_FOUND answered 400)',
    alteration: { response: (_seen, wire) => (wire.status === 404 ? { ...wire, status: 400 } : undefined) },
    steps: async ({ a }) => void (await a.get('sb_aaaaaaaaaaaaaaaaa')),
    expect: { kind: 'shape', path: 'status' },
  },
  {
    name: 'an error code the operation never answers (RATE_LIMITED on a get)',
    alteration: {
      response: (seen, wire) => {
        if (!isGetOne(seen) || wire.status !== 200) return undefined;
        const out = errorEnvelope(wire, 429, 'RATE_LIMITED', { retryAfterMs: 1000 });
        out.headers['retry-after'] = '1';
        return out;
      },
    },
    steps: async ({ a }) => void (await a.get((await a.create()).body.id)),
    expect: { kind: 'shape', path: 'body.error.code' },
  },
  {
    name: 'env in a list item',
    alteration: {
      response: rewrite(
        (seen) => isList(seen),
        (body) => (body.data[0].env = { SECRET: 'x' }),
      ),
    },
    steps: async ({ a }) => {
      await a.create({ image: 'node:22', env: { SECRET: 'x' } });
      await a.list();
    },
    expect: { kind: 'shape', path: 'body.data.0.env' },
  },
  {
    name: 'a timestamp without milliseconds',
    alteration: {
      response: rewrite(
        (seen) => isGetOne(seen),
        (body) => (body.createdAt = body.createdAt.replace(/\.\d{3}Z$/, 'Z')),
      ),
    },
    steps: async ({ a }) => void (await a.get((await a.create()).body.id)),
    expect: { kind: 'shape', path: 'body.createdAt' },
  },
  {
    name: 'a malformed sandbox id',
    alteration: { response: rewrite(is('POST', CREATE), (body) => (body.id = 'sb_123')) },
    steps: async ({ a }) => void (await a.create()),
    expect: { kind: 'shape', path: 'body.id' },
  },
  {
    name: 'a state this contract does not know',
    alteration: {
      response: rewrite(
        (seen) => isGetOne(seen),
        (body) => (body.state = 'sleeping'),
      ),
    },
    steps: async ({ a }) => void (await a.get((await a.create()).body.id)),
    expect: { kind: 'shape', path: 'body.state' },
  },
  {
    name: 'a content type that is not JSON',
    alteration: {
      response: (seen, wire) =>
        isGetOne(seen) ? { ...wire, headers: { ...wire.headers, 'content-type': 'text/plain' } } : undefined,
    },
    steps: async ({ a }) => void (await a.get((await a.create()).body.id)),
    expect: { kind: 'shape', path: 'headers.content-type' },
  },
  {
    name: 'a body that is not JSON',
    alteration: { response: (seen, wire) => (isGetOne(seen) ? { ...wire, raw: 'OK' } : undefined) },
    steps: async ({ a }) => void (await a.get((await a.create()).body.id)),
    expect: { kind: 'shape', path: 'body' },
  },
  {
    name: 'a 405 without Allow',
    alteration: headerless((_seen, wire) => wire.status === 405, 'allow'),
    steps: async ({ a }) => void (await a.send('PUT', '/v1/sandboxes', {})),
    expect: { kind: 'shape', path: 'headers.allow' },
  },
  {
    name: 'an invalid create body accepted (cpu 3 answered 201)',
    alteration: {
      request: (seen, request) =>
        is('POST', CREATE)(seen)
          ? new Request(request.url, {
              method: 'POST',
              headers: request.headers,
              body: JSON.stringify({ image: 'node:22' }),
            })
          : undefined,
      response: () => undefined,
    },
    steps: async ({ a }) => void (await a.create({ image: 'node:22', resources: { cpu: 3 } })),
    expect: { kind: 'shape', path: 'request.body.resources.cpu' },
  },
];
