import {
  ERROR_STATUS,
  type ErrorCode,
  ErrorEnvelopeSchema,
  PauseResultSchema,
  ResumeResultSchema,
  SandboxPageSchema,
  SandboxSchema,
  TerminateResultSchema,
  toFieldIssues,
} from '../../../src/schemas/index.js';
import type { Finding } from '../../http/finding.js';
import { retryAfterSeconds } from '../../http/responses.js';
import { REQUEST_ID_PATTERN } from '../../machine/random.js';
import { COMMON_ERRORS, POST_ERRORS } from '../../openapi/routes.js';
import type { ComponentName } from '../../openapi/schemas.js';
import { shapeFindings } from '../findings.js';
import type { RouteMatch } from '../routes.js';
import type { Schema } from './schema-walk.js';
import { resultValueIssues, sandboxValueIssues, summaryValueIssues } from './values.js';

/** An answer's body as the checks see it. */
export type ParsedBody =
  | { kind: 'json'; value: unknown }
  | { kind: 'empty' }
  | { kind: 'not-json'; text: string }
  /** Too large to keep: forwarded, not checked. */
  | { kind: 'unchecked' };

/** The success schema of each response component a contract operation answers with. */
const SUCCESS_SCHEMAS: Partial<Record<ComponentName, Schema>> = {
  Sandbox: SandboxSchema,
  SandboxPage: SandboxPageSchema,
  PauseResult: PauseResultSchema,
  ResumeResult: ResumeResultSchema,
  TerminateResult: TerminateResultSchema,
};

const REQUEST_ID_FORM = 'req_ followed by 8 characters of [a-z0-9]';
/** How much of a body that is not JSON a finding quotes. */
const QUOTE_LENGTH = 200;

const isKnownCode = (code: unknown): code is ErrorCode =>
  typeof code === 'string' && Object.hasOwn(ERROR_STATUS, code);

const isJsonType = (type: string | null): boolean =>
  type !== null && /^application\/([\w.+-]*\+)?json\b/i.test(type.trim());

function requestIdFindings(headers: Headers): Finding[] {
  const id = headers.get('x-request-id');
  if (id === null) {
    return [
      {
        kind: 'shape',
        path: 'headers.x-request-id',
        message: 'every response carries X-Request-Id',
        expected: REQUEST_ID_FORM,
        actual: null,
      },
    ];
  }
  if (!REQUEST_ID_PATTERN.test(id)) {
    return [
      {
        kind: 'shape',
        path: 'headers.x-request-id',
        message: `X-Request-Id must be ${REQUEST_ID_FORM}`,
        expected: REQUEST_ID_FORM,
        actual: id,
      },
    ];
  }
  return [];
}

function bodyFindings(status: number, headers: Headers, body: ParsedBody): Finding[] {
  if (body.kind === 'empty') {
    return status === 204
      ? []
      : [{ kind: 'shape', path: 'body', message: `a ${status} answer carries a JSON body`, actual: '' }];
  }
  if (body.kind === 'not-json') {
    return [
      {
        kind: 'shape',
        path: 'body',
        message: 'the body is not JSON',
        actual: body.text.slice(0, QUOTE_LENGTH),
      },
    ];
  }
  if (body.kind === 'json' && !isJsonType(headers.get('content-type'))) {
    return [
      {
        kind: 'shape',
        path: 'headers.content-type',
        message: 'a JSON body is sent as application/json',
        expected: 'application/json',
        actual: headers.get('content-type'),
      },
    ];
  }
  return [];
}

function successFindings(route: RouteMatch, status: number, value: unknown): Finding[] {
  if (route.kind !== 'operation') return [];
  const { success } = route.operation;
  const out: Finding[] = [];
  if (status !== success.status) {
    out.push({
      kind: 'shape',
      path: 'status',
      message: `${route.operation.operationId} succeeds with ${success.status}`,
      expected: success.status,
      actual: status,
    });
  }
  const schema = SUCCESS_SCHEMAS[success.schema];
  if (schema === undefined) return out;
  const parsed = (schema as typeof SandboxSchema).safeParse(value);
  const issues = parsed.success ? [] : toFieldIssues(parsed.error.issues);
  if (success.schema === 'Sandbox') issues.push(...sandboxValueIssues(value));
  else if (success.schema === 'SandboxPage') {
    const data = (value as { data?: unknown } | null)?.data;
    if (Array.isArray(data)) {
      data.forEach((item, index) => {
        for (const issue of summaryValueIssues(item))
          issues.push({ ...issue, path: `data.${index}.${issue.path}` });
      });
    }
  } else issues.push(...resultValueIssues(value, schema));
  out.push(...shapeFindings('body', issues, value));
  return out;
}

/** The codes an answer of this route may carry. */
function allowedCodes(route: RouteMatch, method: string): ReadonlySet<string> {
  if (route.kind !== 'operation') return new Set([...COMMON_ERRORS, 'NOT_FOUND', 'METHOD_NOT_ALLOWED']);
  return new Set([...route.operation.errors, ...COMMON_ERRORS, ...(method === 'POST' ? POST_ERRORS : [])]);
}

function retryFindings(status: number, headers: Headers, details: unknown): Finding[] {
  if (status !== 429 && status !== 503) return [];
  const out: Finding[] = [];
  const header = headers.get('retry-after');
  const detailsMs = (details as { retryAfterMs?: unknown } | null | undefined)?.retryAfterMs;
  if (header === null || !/^\d+$/.test(header.trim())) {
    out.push({
      kind: 'shape',
      path: 'headers.retry-after',
      message: `a ${status} answer carries Retry-After in whole seconds`,
      actual: header,
    });
  }
  if (typeof detailsMs !== 'number' || !Number.isFinite(detailsMs) || detailsMs < 0) {
    out.push({
      kind: 'shape',
      path: 'body.error.details.retryAfterMs',
      message: `a ${status} answer carries details.retryAfterMs, in milliseconds`,
      actual: detailsMs,
    });
  } else if (
    header !== null &&
    /^\d+$/.test(header.trim()) &&
    header.trim() !== retryAfterSeconds(detailsMs)
  ) {
    out.push({
      kind: 'shape',
      path: 'headers.retry-after',
      message: 'Retry-After is details.retryAfterMs in seconds, rounded up (at least 1)',
      expected: retryAfterSeconds(detailsMs),
      actual: header,
    });
  }
  return out;
}

function errorFindings(
  route: RouteMatch,
  method: string,
  status: number,
  headers: Headers,
  value: unknown,
): Finding[] {
  const parsed = ErrorEnvelopeSchema.safeParse(value);
  if (!parsed.success) return shapeFindings('body', toFieldIssues(parsed.error.issues), value);
  const { code, details, requestId } = parsed.data.error;
  const out: Finding[] = [];
  if (!isKnownCode(code)) {
    out.push({
      kind: 'shape',
      path: 'body.error.code',
      message: 'not an error code of the contract',
      expected: Object.keys(ERROR_STATUS),
      actual: code,
    });
  } else {
    if (ERROR_STATUS[code] !== status) {
      out.push({
        kind: 'shape',
        path: 'status',
        message: `${code} is answered with ${ERROR_STATUS[code]}`,
        expected: ERROR_STATUS[code],
        actual: status,
      });
    }
    const allowed = allowedCodes(route, method);
    if (!allowed.has(code)) {
      const where = route.kind === 'operation' ? route.operation.operationId : 'an unknown route';
      out.push({
        kind: 'shape',
        path: 'body.error.code',
        message: `${code} is not an answer of ${where}`,
        expected: [...allowed],
        actual: code,
      });
    }
  }
  if (details === undefined) {
    out.push({
      kind: 'shape',
      path: 'body.error.details',
      message: 'every error carries details (at least {})',
    });
  }
  const headerId = headers.get('x-request-id');
  if (requestId === undefined) {
    out.push({ kind: 'shape', path: 'body.error.requestId', message: 'every error carries its requestId' });
  } else if (headerId !== null && requestId !== headerId) {
    out.push({
      kind: 'shape',
      path: 'body.error.requestId',
      message: 'error.requestId equals the X-Request-Id header',
      expected: headerId,
      actual: requestId,
    });
  }
  out.push(...retryFindings(status, headers, details));
  if (status === 405 && headers.get('allow') === null) {
    out.push({
      kind: 'shape',
      path: 'headers.allow',
      message: 'a 405 answer carries an Allow header',
      actual: null,
    });
  }
  return out;
}

/**
 * Checks an answer against the contract's shapes: `X-Request-Id`, a JSON body, the success
 * schema of the operation (and the values the reference would hold), or the error envelope
 * (a known code with its status, `requestId` equal to the header, `Retry-After` on 429/503,
 * `Allow` on 405).
 *
 * @example
 * ```ts
 * responseShapeFindings(matchRoute('GET', '/v1/sandboxes/sb_x'), 'GET', 200, headers, { kind: 'json', value });
 * ```
 */
export function responseShapeFindings(
  route: RouteMatch,
  method: string,
  status: number,
  headers: Headers,
  body: ParsedBody,
): Finding[] {
  const out = [...requestIdFindings(headers), ...bodyFindings(status, headers, body)];
  if (status >= 300 && status < 400) {
    out.push({ kind: 'shape', path: 'status', message: 'the contract answers no redirect', actual: status });
    return out;
  }
  if (body.kind !== 'json') return out;
  if (status >= 200 && status < 300) out.push(...successFindings(route, status, body.value));
  else if (status >= 400) out.push(...errorFindings(route, method, status, headers, body.value));
  return out;
}
