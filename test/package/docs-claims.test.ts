/**
 * What the pages say about the code, held to the code (decision 0620): the option tables list
 * exactly the options the types declare, the mock reference lists every CLI flag, control route
 * and limit with its default, every `npm run` names a script, every guide says first who it is
 * for, and the README's package figures are the package's.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { HELP_TEXT } from '../../mock-server/cli/help.js';
import { routesOf } from '../../mock-server/http/handler.js';
import {
  createMockApi,
  DEFAULT_JOURNAL_LIMITS,
  DEFAULT_MACHINE_LIMITS,
  FAULT_LIMITS,
} from '../../mock-server/index.js';
import { codeBlocks, PAGES, ROOT, readPage } from './doc-blocks.js';

const packageJson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
};

/** The text of a page from a heading (its `#`s included) to the next heading of that level or above. */
function section(file: string, heading: string): string {
  const text = readPage(file);
  const start = text.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`${file} has no heading "${heading}"`);
  const level = heading.indexOf(' ');
  const rest = text.slice(start + heading.length + 2);
  const end = rest.search(new RegExp(`^#{1,${level}} `, 'm'));
  return end < 0 ? rest : rest.slice(0, end);
}

/** The names in backticks that open the rows of the first table of a text. */
function tableNames(text: string): string[] {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => line.startsWith('|'));
  const end = lines.findIndex((line, index) => index > start && !line.startsWith('|'));
  const rows = lines.slice(start, end < 0 ? undefined : end).filter((line) => line.startsWith('| `'));
  return rows.map((row) => /^\| `([^`]+)`/.exec(row)?.[1] ?? '');
}

/** One program over the public entries, made on first use. */
let program: ts.Program | undefined;

/** The property names of an exported interface or type, read by the compiler. */
function propertiesOf(entry: string, typeName: string): string[] {
  program ??= ts.createProgram(
    ['src/index.ts', 'mock-server/index.ts', 'mock-server/msw.ts'].map((file) => join(ROOT, file)),
    {
      strict: true,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      noEmit: true,
      skipLibCheck: true,
      types: ['node'],
    },
  );
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(join(ROOT, entry));
  const module = source && checker.getSymbolAtLocation(source);
  if (!module) throw new Error(`${entry} not found`);
  const symbol = checker.getExportsOfModule(module).find((candidate) => candidate.name === typeName);
  if (!symbol) throw new Error(`${entry} does not export ${typeName}`);
  const declared = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  return checker
    .getDeclaredTypeOfSymbol(declared)
    .getProperties()
    .map((property) => property.name);
}

describe('docs: the option tables are the options', () => {
  it("configuration's tables list exactly the client's and a call's options", () => {
    const client = tableNames(section('docs/configuration.md', '## Client options'));
    const call = tableNames(section('docs/configuration.md', '## Per-request options'));
    expect(client.sort()).toEqual(propertiesOf('src/index.ts', 'ClientOptions').sort());
    expect(call.sort()).toEqual(propertiesOf('src/index.ts', 'RequestOptions').sort());
  });

  it("the mock reference's tables list exactly the options of createMockApi, startMockServer and createHandlers", () => {
    const file = 'docs/mock-reference.md';
    const mockOptions = propertiesOf('mock-server/index.ts', 'MockApiOptions');
    const serverOptions = propertiesOf('mock-server/index.ts', 'MockServerOptions');
    expect(tableNames(section(file, '## In-process: createMockApi')).sort()).toEqual([...mockOptions].sort());
    expect(tableNames(section(file, '## Over HTTP: startMockServer')).sort()).toEqual(
      serverOptions.filter((name) => !mockOptions.includes(name)).sort(),
    );
    expect(tableNames(section(file, '## With msw: createHandlers')).sort()).toEqual(
      propertiesOf('mock-server/msw.ts', 'CreateHandlersOptions').sort(),
    );
  });

  it('the limits table has every bound of the mock with its default, and the fault caps are the code', () => {
    const limits = section('docs/mock-reference.md', '### Limits');
    const defaults: Record<string, number> = { ...DEFAULT_MACHINE_LIMITS, ...DEFAULT_JOURNAL_LIMITS };
    expect(tableNames(limits).sort()).toEqual(Object.keys(defaults).sort());
    const written = (name: string, value: number) =>
      name.endsWith('Bytes')
        ? `${value / 2 ** 20} MiB`
        : name.endsWith('Ms')
          ? `${value / 3_600_000} h`
          : value.toLocaleString('en-US');
    for (const [name, value] of Object.entries(defaults)) {
      const row = limits.split('\n').find((line) => line.startsWith(`| \`${name}\``)) ?? '';
      expect(row.split('|')[2]?.trim(), name).toBe(written(name, value));
    }
    expect(limits).toContain(
      `Faults are capped at ${FAULT_LIMITS.maxFaults.toLocaleString('en-US')} and ${FAULT_LIMITS.maxBytes / 2 ** 20} MiB`,
    );
  });
});

describe('docs: the CLI and the control plane as the mock serves them', () => {
  const cliFlags = new Set(HELP_TEXT.match(/--[a-z][a-z-]+/g));
  const reference = readPage('docs/mock-reference.md');

  it('the mock reference lists every flag of runra-mock --help, and the variable of its keys', () => {
    const table = section('docs/mock-reference.md', '## The runra-mock CLI');
    for (const flag of cliFlags) expect(table, flag).toContain(`\`${flag}`);
    expect(table).toContain('RUNRA_MOCK_API_KEYS');
  });

  it('every flag a page gives runra-mock is one it has', () => {
    const unknown: string[] = [];
    for (const file of PAGES) {
      const commands = codeBlocks(file)
        .filter((block) => block.lang === 'sh' || block.lang === 'yaml')
        .flatMap((block) => block.code.replace(/\\\n/g, ' ').split('\n'))
        .filter((line) => line.includes('runra-mock') || line.includes('dist/cli.js'));
      for (const line of commands) {
        for (const flag of line.match(/(?<=\s|')--[a-z][a-z-]+/g) ?? []) {
          if (!cliFlags.has(flag)) unknown.push(`${file}: ${flag} in ${line.trim()}`);
        }
      }
    }
    expect(unknown).toEqual([]);
  });

  it('the reference lists every control route the mock mounts', () => {
    const routes = (routesOf(createMockApi().fetch) ?? []).filter(
      (route) => route.path.startsWith('/_mock/') || route.path === '/openapi.json',
    );
    expect(routes.length).toBeGreaterThan(8);
    const table = section('docs/mock-reference.md', '### Routes and methods');
    for (const { path, methods } of routes) {
      for (const method of methods.filter((m) => m !== 'HEAD' && m !== 'OPTIONS')) {
        // The inspector's routes share one row: its page, and `/_mock/ui/…` for the rest.
        const written = path.startsWith('/_mock/ui/')
          ? `${method} /_mock/ui\` and \`/_mock/ui/…`
          : `${method} ${path}`;
        expect(table, `${method} ${path}`).toContain(written);
      }
    }
    expect(reference).toContain('[security](./security.md)');
  });
});

describe('docs: what every page promises', () => {
  it('every `npm run <script>` a page shows is a script of package.json', () => {
    /** Scripts of the reader's own project, which the proxy guide runs through the proxy. */
    const readersOwn = new Set(['test:staging']);
    const missing: string[] = [];
    for (const file of PAGES) {
      for (const [, script] of readPage(file).matchAll(/npm run ([a-z][\w:-]*)/g)) {
        if (script && !(script in packageJson.scripts) && !readersOwn.has(script))
          missing.push(`${file}: npm run ${script}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('every guide and reference says in its first lines who it is for (benchmarks.md is written by npm run bench)', () => {
    const silent: string[] = [];
    for (const file of PAGES.filter((page) => page.startsWith('docs/') && page !== 'docs/benchmarks.md')) {
      const opening = readPage(file).split('\n').slice(1, 6).join(' ');
      if (!/\bThis (page|guide) is for\b/.test(opening)) silent.push(file);
    }
    expect(silent).toEqual([]);
  });

  it('the README and the changelog give the SDK bundle as npm run size measures it and its one dependency; the inspector page its weight', () => {
    const size = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/size.ts'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(size.status, size.stderr).toBe(0);
    const measured = Number(/total: ([\d.]+) kB/.exec(size.stdout)?.[1]);
    expect(measured).toBeGreaterThan(0);
    for (const file of ['README.md', 'CHANGELOG.md']) {
      const claimed = [...readPage(file).matchAll(/([\d.]+) kB min\+gzip/g)].map((match) => match[1]);
      expect(claimed, file).toEqual([measured.toFixed(1)]);
    }
    expect(Object.keys(packageJson.dependencies)).toEqual(['ky']);

    const page = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build-inspector.ts', '--check'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(page.status, page.stderr).toBe(0);
    const [, weight, budget] = /total\s+([\d.]+) kB of (\d+) kB/.exec(page.stdout) ?? [];
    const inspector = readPage('docs/inspector.md');
    expect(inspector).toContain(`the build fails above\n${budget} kB`);
    const about = Number(/about (\d+) kB min\+gzip/.exec(inspector)?.[1]);
    expect(
      Math.abs(about - Number(weight)),
      `inspector.md says about ${about} kB; the page weighs ${weight} kB`,
    ).toBeLessThan(1);
    expect(readPage('README.md')).toContain('one dependency (ky)');
  }, 60_000);
});
