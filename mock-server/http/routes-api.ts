import type { Context } from 'hono';
import type { DomainError, Outcome } from '../machine/types.js';
import { authenticate } from './auth.js';
import { parseJsonObject, readBody } from './body.js';
import { canonicalJson } from './canonical.js';
import type { HandlerDeps, MockApp, Scope } from './context.js';
import { parseListQuery } from './query.js';
import { errorResponse, json } from './responses.js';
import { mount } from './route-table.js';

type C = Context<{ Bindings: Scope }>;

/** Idempotency-Key values: 1-255 visible ASCII characters. */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/** Thrown inside a handler to answer an envelope; caught by {@link guarded}. */
class Refusal {
  constructor(readonly error: DomainError) {}
}

const refuse = (error: DomainError): never => {
  throw new Refusal(error);
};

/** A {@link Refusal}'s error response; anything else thrown goes on to Hono's error handler. */
const refusalResponse = (c: C, error: unknown): Response => {
  if (error instanceof Refusal) return errorResponse(c.env, error.error);
  throw error;
};

/**
 * Runs a handler, turning a {@link Refusal} into its error response. A handler that answers
 * synchronously is answered synchronously (no promise to settle on the hot path).
 */
const guarded =
  (handler: (c: C) => Promise<Response> | Response) =>
  (c: C): Promise<Response> | Response => {
    let answered: Promise<Response> | Response;
    try {
      answered = handler(c);
    } catch (error) {
      return refusalResponse(c, error);
    }
    return answered instanceof Promise
      ? answered.catch((error: unknown) => refusalResponse(c, error))
      : answered;
  };

/**
 * The API key of the request, or a 401 refusal.
 */
export function requireKey(c: C, deps: HandlerDeps): string {
  const auth = authenticate(c.req.header('authorization') ?? null, deps.apiKeys);
  return auth.ok ? auth.apiKey : refuse(auth.error);
}

async function bodyText(c: C): Promise<string> {
  const read = await readBody(c.req.raw);
  return read.ok ? read.text : refuse(read.error);
}

function idempotencyKey(c: C): string | undefined {
  const key = c.req.header('idempotency-key');
  if (key === undefined) return undefined;
  if (!IDEMPOTENCY_KEY.test(key)) {
    refuse({ code: 'INVALID_REQUEST', message: 'Idempotency-Key must be 1-255 visible ASCII characters' });
  }
  return key;
}

/** The `:id` path parameter. */
const idParam = (c: C): string => c.req.param('id') ?? '';

/** Answers an outcome: the value with `status`, or the refusal's envelope. */
function answer<T>(c: C, outcome: Outcome<T> & { replayed?: boolean }, status: number): Response {
  if (!outcome.ok) return errorResponse(c.env, outcome.error);
  return json(c.env, status, outcome.value, outcome.replayed ? { 'idempotent-replayed': 'true' } : undefined);
}

/**
 * A POST command, made idempotent when the request carries an `Idempotency-Key`. The body's
 * canonical form is asked for only then: a request without a key never pays for it.
 */
function runPost<T>(
  c: C,
  deps: HandlerDeps,
  apiKey: string,
  canonicalBody: () => string,
  run: () => Outcome<T>,
): Outcome<T> {
  const key = idempotencyKey(c);
  if (key === undefined) return run();
  return deps.machine.idempotent(apiKey, key, `POST ${c.req.path}\n${canonicalBody()}`, run);
}

/** Mounts the contract's routes under `/v1`. */
export function mountApiRoutes(app: MockApp, deps: HandlerDeps): void {
  const { machine } = deps;

  mount(app, '/v1/sandboxes', {
    GET: guarded((c) => {
      const apiKey = requireKey(c, deps);
      const query = parseListQuery(new URL(c.req.url).searchParams);
      if (!query.ok) return errorResponse(c.env, query.error);
      return answer(c, machine.list(apiKey, query.params), 200);
    }),
    POST: guarded(async (c) => {
      const apiKey = requireKey(c, deps);
      const parsed = parseJsonObject(await bodyText(c));
      if (!parsed.ok) return errorResponse(c.env, parsed.error);
      const body = parsed.body;
      return answer(
        c,
        runPost(
          c,
          deps,
          apiKey,
          () => canonicalJson(body),
          () => machine.create(apiKey, body),
        ),
        201,
      );
    }),
  });

  mount(app, '/v1/sandboxes/:id', {
    GET: guarded((c) => answer(c, machine.get(requireKey(c, deps), idParam(c)), 200)),
    DELETE: guarded(async (c) => {
      const apiKey = requireKey(c, deps);
      await bodyText(c); // no body expected; read only to enforce the size limit
      return answer(c, machine.terminate(apiKey, idParam(c)), 200);
    }),
  });

  for (const action of ['pause', 'resume'] as const) {
    mount(app, `/v1/sandboxes/:id/${action}`, {
      POST: guarded(async (c) => {
        const apiKey = requireKey(c, deps);
        await bodyText(c); // the body is ignored (and not part of the fingerprint)
        const id = idParam(c);
        return answer(
          c,
          runPost(
            c,
            deps,
            apiKey,
            () => '',
            (): Outcome<unknown> =>
              action === 'pause' ? machine.pause(apiKey, id) : machine.resume(apiKey, id),
          ),
          200,
        );
      }),
    });
  }
}

export { guarded, refuse };
