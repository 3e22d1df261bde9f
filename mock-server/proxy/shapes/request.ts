import { type FieldIssue, LIMITS, validateCreateParams } from '../../../src/schemas/index.js';
import { parseJsonObject } from '../../http/body.js';
import type { Finding } from '../../http/finding.js';
import { parseListQuery } from '../../http/query.js';
import { shapeFindings } from '../findings.js';
import type { RouteMatch } from '../routes.js';
import { bearerKey } from '../tenant-key.js';

/** A request as these checks read it. */
export interface CheckedRequest {
  method: string;
  /** The query string's parameters. */
  query: URLSearchParams;
  /** The `Authorization` header (never copied into a finding). */
  authorization: string | null;
  /** The body's first `LIMITS.maxBodyBytes + 1` bytes, and how many bytes were sent in all. */
  body: Uint8Array;
  bodyBytes: number;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

function createBodyIssues(body: Uint8Array): FieldIssue[] {
  let text: string;
  try {
    text = decoder.decode(body);
  } catch {
    return [{ path: '', message: 'the body is not valid UTF-8' }];
  }
  const parsed = parseJsonObject(text);
  if (!parsed.ok) return [{ path: '', message: parsed.error.message }];
  const valid = validateCreateParams(parsed.body);
  return valid.success ? [] : valid.details.issues;
}

/**
 * Checks a request the upstream ACCEPTED (answered 2xx) against the contract: a request
 * that breaks it and is refused with the right error is correct behaviour, not a finding,
 * but one that is accepted shows the upstream is laxer than the contract. The checks are
 * the mock's own: `Authorization`, the body size, `parseJsonObject` and
 * `validateCreateParams` for a create, `parseListQuery` for a list.
 *
 * @example
 * ```ts
 * acceptedRequestFindings(route, { method: 'POST', query, authorization, body, bodyBytes }, 201);
 * // [{ kind: 'shape', path: 'request.body.resources.cpu', message: 'cpu value not in [2, 4, 8]' }]
 * ```
 */
export function acceptedRequestFindings(
  route: RouteMatch,
  request: CheckedRequest,
  status: number,
): Finding[] {
  if (status < 200 || status >= 300 || route.kind !== 'operation') return [];
  const out: Finding[] = [];
  if (bearerKey(request.authorization) === undefined) {
    out.push({
      kind: 'shape',
      path: 'request.headers.authorization',
      message: 'accepted without a well-formed "Authorization: Bearer <api key>"',
    });
  }
  if (request.bodyBytes > LIMITS.maxBodyBytes) {
    out.push({
      kind: 'shape',
      path: 'request.body',
      message: `accepted a body of ${request.bodyBytes} bytes: the limit is ${LIMITS.maxBodyBytes}`,
    });
    return out;
  }
  if (route.name === 'create') out.push(...shapeFindings('request.body', createBodyIssues(request.body)));
  if (route.name === 'list') {
    const parsed = parseListQuery(request.query);
    if (!parsed.ok) {
      const issues = (parsed.error.details as { issues?: FieldIssue[] } | undefined)?.issues ?? [];
      out.push(...shapeFindings('request.query', issues));
    }
  }
  return out.map((finding) => ({ ...finding, message: `the upstream accepted it, yet: ${finding.message}` }));
}
