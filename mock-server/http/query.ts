import {
  type FieldIssue,
  type ListSandboxesParams,
  ListSandboxesQuerySchema,
  toFieldIssues,
} from '../../src/schemas/index.js';
import type { DomainError } from '../machine/types.js';

const METADATA_PREFIX = 'metadata.';
/** The fixed parameter names, read from the schema (`__proto__`, `constructor`… are not among them). */
const FIXED_NAMES = new Set(Object.keys(ListSandboxesQuerySchema.shape));
const NAMES_LIST = `${[...FIXED_NAMES].join(', ')} and ${METADATA_PREFIX}KEY`;

const invalidQuery = (issues: FieldIssue[]): DomainError => {
  const first = issues[0];
  return {
    code: 'INVALID_REQUEST',
    message: `Invalid query: ${first ? `${first.path}: ${first.message}` : 'bad parameters'}`,
    details: { issues },
  };
};

/**
 * Reads the query of `GET /v1/sandboxes`. `metadata.KEY` parameters become the metadata
 * filter; the fixed ones go through `ListSandboxesQuerySchema`. An unknown parameter is
 * refused (a typo would otherwise silently widen the list), whatever its name: `__proto__`
 * too, which a plain object would swallow. A parameter given twice is refused too: which
 * one would win is not obvious.
 */
export function parseListQuery(
  search: URLSearchParams,
): { ok: true; params: ListSandboxesParams } | { ok: false; error: DomainError } {
  // No prototype: every name is an own key, and only known names are ever set on it.
  const fixed: Record<string, string> = Object.create(null);
  const metadata: [string, string][] = [];
  const seen = new Set<string>();
  const issues: FieldIssue[] = [];
  for (const [name, value] of search) {
    if (seen.has(name)) {
      issues.push({ path: name, message: 'may be given only once' });
      continue;
    }
    seen.add(name);
    if (name.startsWith(METADATA_PREFIX)) {
      const key = name.slice(METADATA_PREFIX.length);
      if (key === '') issues.push({ path: name, message: 'needs a key: metadata.KEY=value' });
      else metadata.push([key, value]);
    } else if (FIXED_NAMES.has(name)) {
      fixed[name] = value;
    } else {
      issues.push({
        path: name,
        message: `unknown parameter: the list takes ${NAMES_LIST}`,
      });
    }
  }
  const parsed = ListSandboxesQuerySchema.safeParse(fixed);
  if (!parsed.success) issues.push(...toFieldIssues(parsed.error.issues));
  if (!parsed.success || issues.length > 0) return { ok: false, error: invalidQuery(issues) };
  const params: ListSandboxesParams = { limit: parsed.data.limit, offset: parsed.data.offset };
  if (parsed.data.state !== undefined) params.state = parsed.data.state;
  if (parsed.data.image !== undefined) params.image = parsed.data.image;
  // fromEntries keeps a `__proto__` key as an own entry (plain data).
  if (metadata.length > 0) params.metadata = Object.fromEntries(metadata);
  return { ok: true, params };
}
