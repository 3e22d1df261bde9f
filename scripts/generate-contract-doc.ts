/**
 * Writes the tables of `docs/contract.md` from the code that defines the contract, so the
 * document cannot drift from it: the endpoints and the codes each may answer
 * (`mock-server/openapi/routes.ts`), the create fields and their defaults and rules (`LIMITS`
 * and the schemas' JSON Schema), the list parameters, every other limit, and the error codes
 * with their status (`ERROR_STATUS`), meaning (`ERROR_DESCRIPTIONS`) and the SDK class that
 * `errorFromResponse` picks for each.
 *
 * Each table sits between `<!-- generated:NAME … -->` and `<!-- end generated:NAME -->`; the
 * prose around them is written by hand. Every number in `LIMITS` must appear in some table,
 * so a new limit fails here until the document says it.
 *
 * Run: `npx tsx scripts/generate-contract-doc.ts` (part of `npm run generate`); `--check` exits
 * 1 when the document is stale (part of `npm run lint`).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CAPACITY_RETRY_AFTER_MS } from '../mock-server/machine/machine.js';
import { REQUEST_ID_RANDOM_LENGTH, SANDBOX_ID_RANDOM_LENGTH } from '../mock-server/machine/random.js';
import { createOpenApiDocument } from '../mock-server/openapi/document.js';
import { ERROR_DESCRIPTIONS } from '../mock-server/openapi/errors.js';
import { COMMON_ERRORS, CONTRACT_OPERATIONS, POST_ERRORS } from '../mock-server/openapi/routes.js';
import { errorFromResponse } from '../src/core/error-from-response.js';
import {
  EGRESS_POLICIES,
  ERROR_STATUS,
  type ErrorCode,
  LIMITS,
  SANDBOX_STATES,
} from '../src/schemas/index.js';

/** The document, relative to the repository root. */
export const CONTRACT_DOC_PATH = 'docs/contract.md';

const root = fileURLToPath(new URL('..', import.meta.url));

/** One generated table: its rows, and the `LIMITS` paths it states. */
interface Table {
  header: string[];
  rows: string[][];
  limits: string[];
}

const code = (text: string | number) => `\`${text}\``;
/** `300000` → `300000 (5 min)`: the exact figure first, a reading aid after it. */
function ms(value: number): string {
  const units: [number, string][] = [
    [3_600_000, 'h'],
    [60_000, 'min'],
    [1000, 's'],
  ];
  const unit = units.find(([size]) => value !== 0 && value % size === 0);
  return unit ? `${value} (${value / unit[0]} ${unit[1]})` : String(value);
}

const range = (limit: { min: number; max: number }) => `integer ${limit.min}–${limit.max}`;
const msRange = (limit: { min: number; max: number }) => `integer ${limit.min}–${ms(limit.max)}`;

/** The JSON Schema the OpenAPI document derives from the zod schemas, read by path. */
function schemaAt(...keys: string[]): Record<string, unknown> {
  let current: unknown = createOpenApiDocument();
  for (const key of keys) current = (current as Record<string, unknown>)[key];
  return current as Record<string, unknown>;
}

function endpoints(): Table {
  const rows = CONTRACT_OPERATIONS.map((op) => {
    const codes = [
      ...new Set([...op.errors, ...COMMON_ERRORS, ...(op.method === 'post' ? POST_ERRORS : [])]),
    ];
    codes.sort((a, b) => ERROR_STATUS[a] - ERROR_STATUS[b] || a.localeCompare(b));
    return [
      op.method.toUpperCase(),
      code(op.path),
      op.requestBody ? code(op.requestBody) : '—',
      `${op.success.status} ${code(op.success.schema)}`,
      codes.map((c) => `${ERROR_STATUS[c]} ${code(c)}`).join(', '),
    ];
  });
  return { header: ['Method', 'Path', 'Body', 'Success', 'Errors it may answer'], rows, limits: [] };
}

function createFields(): Table {
  const { resources, metadata, timeoutMs, idleTimeoutMs } = LIMITS;
  const envKey = String(schemaAt('components', 'schemas', 'Env', 'propertyNames', 'pattern'));
  const rows = [
    ['image', 'yes', '—', `non-empty string of at most ${LIMITS.image.maxLength} characters, no whitespace`],
    ['resources.cpu', 'no', code(resources.cpu.default), `one of ${resources.cpu.values.join(', ')}`],
    ['resources.memoryMb', 'no', code(resources.memoryMb.default), range(resources.memoryMb)],
    ['resources.diskMb', 'no', code(resources.diskMb.default), range(resources.diskMb)],
    ['env', 'no', code('{}'), `keys match ${code(envKey)}; values are strings`],
    ['workdir', 'no', code(LIMITS.workdir.default), 'an absolute path (starts with `/`)'],
    ['timeoutMs', 'no', ms(timeoutMs.default), msRange(timeoutMs)],
    [
      'idleTimeoutMs',
      'no',
      ms(idleTimeoutMs.default),
      `${msRange(idleTimeoutMs)}; \`0\` turns auto-pause off`,
    ],
    [
      'metadata',
      'no',
      code('{}'),
      `at most ${metadata.maxKeys} keys of 1–${metadata.keyMaxLength} characters; values strings of at most ${metadata.valueMaxLength} characters`,
    ],
    [
      'network.egress.allow',
      'no',
      'absent: every host',
      `at most ${LIMITS.egressAllow.maxItems} hostnames; a leading \`*.\` matches subdomains`,
    ],
    [
      'network.egress.default',
      'no',
      code(LIMITS.network.egressDefault),
      EGRESS_POLICIES.map((p) => code(p)).join(' or '),
    ],
  ].map(([field, ...rest]) => [code(field ?? ''), ...rest]);
  return {
    header: ['Field', 'Required', 'Default', 'Rule'],
    rows,
    limits: [
      'image.maxLength',
      'resources.cpu.values',
      'resources.cpu.default',
      'resources.memoryMb.min',
      'resources.memoryMb.max',
      'resources.memoryMb.default',
      'resources.diskMb.min',
      'resources.diskMb.max',
      'resources.diskMb.default',
      'workdir.default',
      'timeoutMs.min',
      'timeoutMs.max',
      'timeoutMs.default',
      'idleTimeoutMs.min',
      'idleTimeoutMs.max',
      'idleTimeoutMs.default',
      'metadata.maxKeys',
      'metadata.keyMaxLength',
      'metadata.valueMaxLength',
      'egressAllow.maxItems',
      'network.egressDefault',
    ],
  };
}

function listParameters(): Table {
  const { limit, offset } = LIMITS.list;
  const rows = [
    ['state', '—', `one of ${SANDBOX_STATES.map((s) => code(s)).join(', ')}`],
    ['image', '—', 'exact match'],
    ['metadata.KEY', '—', 'exact match on that metadata key; several are ANDed'],
    ['limit', code(limit.default), range(limit)],
    ['offset', code(offset.default), `integer ≥ ${offset.min}`],
  ].map(([name, ...rest]) => [code(name ?? ''), ...rest]);
  return {
    header: ['Parameter', 'Default', 'Rule'],
    rows,
    limits: [
      'list.limit.min',
      'list.limit.max',
      'list.limit.default',
      'list.offset.min',
      'list.offset.default',
    ],
  };
}

function otherLimits(): Table {
  const rows = [
    [
      'Request body',
      `at most ${LIMITS.maxBodyBytes} bytes (${LIMITS.maxBodyBytes / 1_048_576} MiB)`,
      'a larger one answers 413 `PAYLOAD_TOO_LARGE`',
    ],
    [
      '`Idempotency-Key` memory',
      ms(LIMITS.idempotency.ttlMs),
      'per API key; a key reused after that acts again',
    ],
    [
      'Sandbox id',
      `\`sb_\` + ${SANDBOX_ID_RANDOM_LENGTH} characters of \`[a-z0-9]\``,
      'e.g. `sb_x7k2m9p4q1w3v5b8n`',
    ],
    [
      'Request id',
      `\`req_\` + ${REQUEST_ID_RANDOM_LENGTH} characters of \`[a-z0-9]\``,
      '`X-Request-Id` on every answer; `error.requestId` on errors',
    ],
    [
      '`Retry-After` of a 503 `RESOURCE_EXHAUSTED`',
      `${CAPACITY_RETRY_AFTER_MS / 1000} s (\`details.retryAfterMs\` ${CAPACITY_RETRY_AFTER_MS})`,
      'capacity has no schedule: a short, fixed hint',
    ],
  ];
  return { header: ['Limit', 'Value', 'Notes'], rows, limits: ['maxBodyBytes', 'idempotency.ttlMs'] };
}

/** The SDK class `errorFromResponse` picks for an answer with this code and status. */
function sdkClass(errorCode: ErrorCode): string {
  const body = JSON.stringify({
    error: { code: errorCode, message: 'm', details: {}, requestId: 'req_00000000' },
  });
  return errorFromResponse(new Response(null, { status: ERROR_STATUS[errorCode] }), body).name;
}

function errorCodes(): Table {
  const codes = Object.keys(ERROR_STATUS) as ErrorCode[];
  const rows = codes.map((c) => [String(ERROR_STATUS[c]), code(c), ERROR_DESCRIPTIONS[c], code(sdkClass(c))]);
  return { header: ['Status', 'Code', 'When', 'SDK class'], rows, limits: [] };
}

/** Every generated table by the name its markers carry. */
export const TABLES: Record<string, () => Table> = {
  endpoints,
  'create-fields': createFields,
  'list-parameters': listParameters,
  limits: otherLimits,
  'error-codes': errorCodes,
};

/** Every leaf path of `LIMITS` (`resources.cpu.values`, `maxBodyBytes`, …). */
export function limitPaths(value: unknown = LIMITS, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [prefix];
  return Object.entries(value).flatMap(([key, inner]) =>
    limitPaths(inner, prefix ? `${prefix}.${key}` : key),
  );
}

/** The `LIMITS` paths no table states. */
export function unstatedLimits(paths: readonly string[] = limitPaths()): string[] {
  const stated = new Set(Object.values(TABLES).flatMap((table) => table().limits));
  return paths.filter((path) => !stated.has(path));
}

function markdownTable(table: Table): string {
  const line = (cells: string[]) => `| ${cells.map((cell) => cell.replaceAll('|', '\\|')).join(' | ')} |`;
  return [line(table.header), `|${table.header.map(() => '---').join('|')}|`, ...table.rows.map(line)].join(
    '\n',
  );
}

const MARKED = /(<!-- generated:([a-z-]+)[^>]*-->\n)[\s\S]*?(<!-- end generated:\2 -->)/g;

/**
 * `document` with every generated table rewritten from the code. Throws when a marker names
 * no table, a table has no marker, or a limit is stated nowhere.
 *
 * @example
 * ```ts
 * const fresh = renderContractDoc(readFileSync('docs/contract.md', 'utf8'));
 * ```
 */
export function renderContractDoc(document: string): string {
  const unstated = unstatedLimits();
  if (unstated.length > 0) {
    throw new Error(
      `LIMITS.${unstated.join(', LIMITS.')}: in no table of ${CONTRACT_DOC_PATH}; add it to one`,
    );
  }
  const seen = new Set<string>();
  const out = document.replace(MARKED, (_match, open: string, name: string, close: string) => {
    const table = TABLES[name];
    if (!table) throw new Error(`${CONTRACT_DOC_PATH}: no generated table named "${name}"`);
    seen.add(name);
    return `${open}${markdownTable(table())}\n${close}`;
  });
  const missing = Object.keys(TABLES).filter((name) => !seen.has(name));
  if (missing.length > 0) throw new Error(`${CONTRACT_DOC_PATH}: no markers for ${missing.join(', ')}`);
  return out;
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const target = `${root}${CONTRACT_DOC_PATH}`;
  const current = readFileSync(target, 'utf8');
  const fresh = renderContractDoc(current);
  if (process.argv.includes('--check')) {
    if (fresh !== current) {
      console.error(`${CONTRACT_DOC_PATH}'s generated tables are stale: run npm run generate`);
      process.exit(1);
    }
    console.log(`${CONTRACT_DOC_PATH}'s tables are up to date`);
  } else {
    writeFileSync(target, fresh);
    console.log(`wrote the tables of ${CONTRACT_DOC_PATH}`);
  }
}
