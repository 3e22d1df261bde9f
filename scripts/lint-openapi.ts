/**
 * Part of `npm run lint`: the OpenAPI document the mock serves at `/openapi.json`, as other
 * tools see it.
 *
 * 1. Redocly CLI (`redocly lint`, its `recommended` rules) must report nothing: no error and no
 *    warning.
 * 2. openapi-typescript must turn it into types that compile under the repository's strict
 *    options, and a probe using those types (fields, a create body, a refused cpu value, a list
 *    query) must compile too, so the types are not merely `unknown`.
 *
 * Files go to `.tmp/openapi/`. Redocly runs with telemetry and update checks off; its banners
 * are shown only when it fails. Decision 0504.
 *
 * Run: `npx tsx scripts/lint-openapi.ts`.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { createOpenApiDocument } from '../mock-server/openapi/document.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const REDOCLY = join(root, 'node_modules', '@redocly', 'cli', 'bin', 'cli.js');

/** One finding of Redocly's linter. */
export interface RedoclyProblem {
  ruleId: string;
  severity: string;
  message: string;
  pointer: string;
}

/** The options the generated types must compile under: the repository's strict set. */
export const STRICT_OPTIONS: ts.CompilerOptions = {
  strict: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  noImplicitOverride: true,
  verbatimModuleSyntax: true,
  isolatedModules: true,
  skipLibCheck: false,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  types: [],
};

/** Uses of the generated types that must type-check (and one that must not). */
const PROBE = `import type { components, operations, paths } from './schema.js';

type Schemas = components['schemas'];
export const id = (sandbox: Schemas['Sandbox']): string => sandbox.id;
export const cpu = (sandbox: Schemas['Sandbox']): number => sandbox.resources.cpu;
export const more = (page: Schemas['SandboxPage']): boolean => page.pagination.hasMore;
export const code = (envelope: Schemas['ErrorEnvelope']): string => envelope.error.code;
export const body: Schemas['CreateSandboxParams'] = { image: 'node:22', resources: { cpu: 4 } };
// @ts-expect-error cpu is 2, 4 or 8
export const refused: Schemas['CreateSandboxParams'] = { image: 'node:22', resources: { cpu: 3 } };
export const query: NonNullable<operations['listSandboxes']['parameters']['query']> = { limit: 20, state: 'running' };
export type Created = paths['/v1/sandboxes']['post']['responses'][201]['content']['application/json'];
export const created = (sandbox: Created): string => sandbox.createdAt;
`;

/**
 * Runs Redocly CLI's `lint` with its recommended rules on `document` and returns every
 * problem (errors and warnings alike).
 *
 * @example
 * ```ts
 * await redoclyProblems(createOpenApiDocument()); // []
 * ```
 */
export function redoclyProblems(document: unknown, dir = join(root, '.tmp', 'openapi')): RedoclyProblem[] {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'openapi.json');
  writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`);
  const run = spawnSync(
    process.execPath,
    [REDOCLY, 'lint', file, '--extends', 'recommended', '--format', 'json'],
    {
      cwd: dir,
      encoding: 'utf8',
      env: {
        ...process.env,
        REDOCLY_TELEMETRY: 'off',
        REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
        NO_COLOR: '1',
      },
    },
  );
  let report: {
    problems: { ruleId: string; severity: string; message: string; location: { pointer: string }[] }[];
  };
  try {
    report = JSON.parse(run.stdout);
  } catch {
    throw new Error(`redocly lint printed no report (exit ${run.status}):\n${run.stderr}\n${run.stdout}`);
  }
  return report.problems.map((problem) => ({
    ruleId: problem.ruleId,
    severity: problem.severity,
    message: problem.message,
    pointer: problem.location[0]?.pointer ?? '',
  }));
}

/**
 * Generates types from `document` with openapi-typescript and compiles them, with a probe that
 * uses them, under {@link STRICT_OPTIONS}. Returns the compiler's messages (none when fine).
 *
 * @example
 * ```ts
 * await typesCompileErrors(createOpenApiDocument()); // []
 * ```
 */
export async function typesCompileErrors(
  document: unknown,
  dir = join(root, '.tmp', 'openapi', 'types'),
): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const ast = await openapiTS(JSON.stringify(document), { silent: true });
  writeFileSync(join(dir, 'schema.ts'), astToString(ast));
  writeFileSync(join(dir, 'probe.ts'), PROBE);
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  const program = ts.createProgram([join(dir, 'probe.ts')], STRICT_OPTIONS);
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    if (!diagnostic.file || diagnostic.start === undefined) return text;
    const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    return `${diagnostic.file.fileName.slice(dir.length + 1)}:${line + 1}: ${text}`;
  });
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const document = createOpenApiDocument();
  const problems = redoclyProblems(document);
  const typeErrors = await typesCompileErrors(document);
  for (const p of problems)
    console.error(`openapi.json ${p.pointer}: ${p.severity} ${p.ruleId}: ${p.message}`);
  for (const error of typeErrors) console.error(`openapi-typescript types: ${error}`);
  if (problems.length > 0 || typeErrors.length > 0) process.exit(1);
  console.log(
    'openapi.json: no Redocly problem (recommended rules); openapi-typescript types compile under strict',
  );
}
