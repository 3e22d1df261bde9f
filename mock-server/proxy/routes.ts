import { CONTRACT_OPERATIONS, type ContractOperation } from '../openapi/routes.js';

/** What a contract operation does, named after its `operationId`. */
export type OperationKind = 'create' | 'list' | 'get' | 'pause' | 'resume' | 'terminate';

const KIND_BY_OPERATION: ReadonlyMap<string, OperationKind> = new Map([
  ['createSandbox', 'create'],
  ['listSandboxes', 'list'],
  ['getSandbox', 'get'],
  ['pauseSandbox', 'pause'],
  ['resumeSandbox', 'resume'],
  ['terminateSandbox', 'terminate'],
]);

/**
 * Where a request lands in the contract:
 * - `operation`: one of the contract's operations (with the sandbox id of its path, decoded);
 * - `other`: any other path or method, which the reference answers 404 `NOT_FOUND` or 405;
 * - `unchecked`: forwarded but not judged (`OPTIONS`, `HEAD`, the mock's own `/openapi.json`).
 */
export type RouteMatch =
  | { kind: 'operation'; operation: ContractOperation; name: OperationKind; sandboxId?: string }
  | { kind: 'other' }
  | { kind: 'unchecked'; reason: string };

/** Methods the contract does not describe and whose answers depend on the deployment (CORS, HEAD). */
const UNCHECKED_METHODS: ReadonlySet<string> = new Set(['OPTIONS', 'HEAD']);
/** Paths the mock serves beside the API (its document); a live API may not. */
const MOCK_EXTENSION_PATHS: ReadonlySet<string> = new Set(['/openapi.json']);

/** `/v1/sandboxes/{id}` as segments; `{id}` matches one non-empty segment. */
const templates = CONTRACT_OPERATIONS.map((operation) => ({
  operation,
  segments: operation.path.split('/'),
}));

/** The path parameter of a segment, percent-decoded; `undefined` when it cannot be decoded. */
function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

function matchPath(segments: readonly string[], path: readonly string[]): { id?: string } | undefined {
  if (segments.length !== path.length) return undefined;
  let id: string | undefined;
  for (let i = 0; i < segments.length; i++) {
    const part = segments[i]!;
    const actual = path[i]!;
    if (part === '{id}') {
      if (actual === '') return undefined;
      id = decodeSegment(actual);
      if (id === undefined) return undefined;
    } else if (part !== actual) {
      return undefined;
    }
  }
  return id === undefined ? {} : { id };
}

/**
 * Finds the contract operation a request is for, from the operations table the OpenAPI
 * document is generated from.
 *
 * @example
 * ```ts
 * matchRoute('POST', '/v1/sandboxes/sb_x7k2m9p4q1w3v5b8n/pause');
 * // { kind: 'operation', name: 'pause', sandboxId: 'sb_x7k2m9p4q1w3v5b8n', operation: … }
 * ```
 */
export function matchRoute(method: string, pathname: string): RouteMatch {
  if (UNCHECKED_METHODS.has(method))
    return { kind: 'unchecked', reason: `${method} is not part of the contract` };
  if (MOCK_EXTENSION_PATHS.has(pathname))
    return { kind: 'unchecked', reason: `${pathname} is not part of the contract` };
  const path = pathname.split('/');
  const lower = method.toLowerCase();
  for (const { operation, segments } of templates) {
    if (operation.method !== lower) continue;
    const matched = matchPath(segments, path);
    if (matched === undefined) continue;
    const name = KIND_BY_OPERATION.get(operation.operationId);
    if (name === undefined) continue;
    return matched.id === undefined
      ? { kind: 'operation', operation, name }
      : { kind: 'operation', operation, name, sandboxId: matched.id };
  }
  return { kind: 'other' };
}

/** Whether an operation changes state (and so conflicts with a concurrent call on the same sandbox). */
export const isMutation = (name: OperationKind): boolean => name !== 'get' && name !== 'list';
