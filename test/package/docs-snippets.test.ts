/**
 * The TypeScript of the README and the guides compiles and runs (decision 0620).
 *
 * Every ```ts block of the pages is compiled, each as its own module, against the source
 * (`runra` → `src/`, `runra/mock` and `runra/msw` → `mock-server/`) under the repository's strict
 * options, with one shared prelude declaring the names a guide's snippet may use without
 * making them (`runra`, `api`, `sandbox`, …). The README's blocks are also run: the mock's
 * in-process, and the one against the real API against a mock server reached through
 * `RUNRA_BASE_URL` and `RUNRA_API_KEY`, as a user's environment would.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { startMockServer } from '../../mock-server/index.js';
import { type CodeBlock, codeBlocks, ROOT, typeScriptBlocks } from './doc-blocks.js';

const OUT = join(ROOT, '.tmp', 'doc-snippets');

/**
 * The names a snippet may use without defining them, as a guide's reader knows them from the
 * text around it. A name a snippet defines itself shadows its entry here.
 */
const PRELUDE = `import type { Runra, Sandbox } from '../../src/index.js';
import type { MockApi } from '../../mock-server/index.js';

type RunraClass = typeof import('../../src/index.js').Runra;

declare global {
  /** The client class, imported as the page showed before. */
  const Runra: RunraClass;
  /** A client, made as the page showed before. */
  const runra: Runra;
  /** The mock of the page (createMockApi, handlers.api or server.api). */
  const api: MockApi;
  /** A sandbox, and its id. */
  const sandbox: Sandbox;
  const id: string;
  /** A job of the reader's own queue (errors-and-retries). */
  const job: { id: string };
  /** A logger of the reader's choice (configuration: pino). */
  function pino(): { error(...args: unknown[]): void; warn(...args: unknown[]): void; info(...args: unknown[]): void; debug(...args: unknown[]): void };
}
export {};
`;

/** Where a page's import names resolve in this repository, relative to {@link OUT}. */
const SOURCE_OF: Record<string, string> = {
  runra: '../../src/index.js',
  'runra/mock': '../../mock-server/index.js',
  'runra/msw': '../../mock-server/msw.js',
};

/** The block's text with the package's names pointing at the source. */
function fromSource(code: string, sourceOf: (name: string) => string): string {
  return code.replace(
    /(from\s+)'(runra(?:\/mock|\/msw)?)'/g,
    (_, from: string, name: string) => `${from}'${sourceOf(name)}'`,
  );
}

const fileName = (block: CodeBlock, suffix = '') =>
  `${block.file.replace(/[^a-z0-9]+/gi, '-')}-${block.line}${suffix}.ts`;

mkdirSync(OUT, { recursive: true });
afterAll(() => rmSync(OUT, { recursive: true, force: true }));

describe('docs: the TypeScript of every page', () => {
  const blocks = typeScriptBlocks();

  it('there are snippets to check, in the README and in the guides', () => {
    expect(blocks.filter((block) => block.file === 'README.md').length).toBeGreaterThanOrEqual(2);
    expect(new Set(blocks.map((block) => block.file)).size).toBeGreaterThan(5);
  });

  it('every ```ts block compiles, each as its own module, under the strict options, against the source', () => {
    writeFileSync(join(OUT, 'prelude.d.ts'), PRELUDE);
    const files = new Map<string, CodeBlock>();
    for (const block of blocks) {
      const path = join(OUT, fileName(block));
      writeFileSync(path, `${fromSource(block.code, (name) => SOURCE_OF[name] ?? name)}\nexport {};\n`);
      files.set(path, block);
    }
    const config = ts.getParsedCommandLineOfConfigFile(
      join(ROOT, 'tsconfig.json'),
      {},
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
          throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
        },
      },
    );
    if (!config) throw new Error('tsconfig.json could not be read');
    const program = ts.createProgram([join(OUT, 'prelude.d.ts'), ...files.keys()], config.options);
    const problems = ts.getPreEmitDiagnostics(program).map((diagnostic) => {
      const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
      const block = diagnostic.file ? files.get(diagnostic.file.fileName) : undefined;
      if (!diagnostic.file || diagnostic.start === undefined) return text;
      const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
      if (!block) return `${diagnostic.file.fileName}:${line + 1}: ${text}`;
      return `${block.file}:${block.line + 1 + line}: ${text}`;
    });
    expect(problems).toEqual([]);
  }, 120_000);
});

describe('docs: the README runs', () => {
  const [real, mock, ...rest] = codeBlocks('README.md').filter((block) => block.lang === 'ts');

  /** Runs a block as a module and returns what it printed. */
  async function run(block: CodeBlock): Promise<string[]> {
    const path = join(OUT, fileName(block, '-run'));
    writeFileSync(
      path,
      fromSource(block.code, (name) => join(OUT, (SOURCE_OF[name] ?? name).replace(/\.js$/, '.ts'))),
    );
    const printed: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
      printed.push(args.map(String).join(' '));
    });
    try {
      await import(pathToFileURL(path).href);
    } finally {
      log.mockRestore();
    }
    return printed;
  }

  it('has its two snippets: the real API, then the mock', () => {
    expect(real?.code).toContain('new Runra()');
    expect(mock?.code).toContain("from 'runra/mock'");
    expect(rest).toEqual([]);
  });

  it('the snippet against the real API runs as written, with RUNRA_API_KEY and RUNRA_BASE_URL set (a mock server stands in)', async () => {
    const server = await startMockServer({ clock: 'manual' });
    vi.stubEnv('RUNRA_API_KEY', 'sk_test_readme');
    vi.stubEnv('RUNRA_BASE_URL', server.url);
    try {
      const printed = await run(real as CodeBlock);
      const calls = server.api.journal.entries().map((entry) => `${entry.method} ${entry.status}`);
      expect(calls).toEqual(['POST 201', 'POST 200', 'POST 200', 'GET 200', 'DELETE 200']);
      const [sandbox] = server.api.exportState().sandboxes;
      expect(sandbox?.state).toBe('terminated');
      expect(printed).toContain(`${sandbox?.id} ${sandbox?.image}`);
      expect(printed.at(-1)).toMatch(/^sb_\w+ ran for \d+ ms$/);
    } finally {
      vi.unstubAllEnvs();
      await server.close();
    }
  });

  it("the mock's snippet runs and prints what its comments say", async () => {
    const expected = [...(mock as CodeBlock).code.matchAll(/console\.log\(.*\);\s*\/\/ '([^']*)'/g)].map(
      (match) => match[1],
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(await run(mock as CodeBlock)).toEqual(expected);
  });
});
