/**
 * The fenced code blocks of the repository's pages, for the tests that hold the docs to the
 * code (decision 0620).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root folder, with a trailing slash. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** One fenced block: where it starts (1-based line of its opening fence), its language and its text. */
export interface CodeBlock {
  file: string;
  line: number;
  lang: string;
  code: string;
}

/**
 * The pages a user reads: the README, CONTRIBUTING, the changelog and every page of `docs/`
 * (not the decision records, which quote internal code, nor the generated API reference).
 */
export const PAGES: readonly string[] = [
  'README.md',
  'CONTRIBUTING.md',
  'CHANGELOG.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => `docs/${name}`),
];

/** Reads a file of the repository. */
export const readPage = (file: string): string => readFileSync(join(ROOT, file), 'utf8');

/**
 * Every fenced block of a page, in order.
 *
 * @example
 * ```ts
 * codeBlocks('README.md').filter((block) => block.lang === 'ts');
 * ```
 */
export function codeBlocks(file: string, markdown = readPage(file)): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const lines = markdown.split('\n');
  for (let index = 0; index < lines.length; index++) {
    // A fence may be indented (a block inside a list item); its lines lose that indent.
    const open = /^( *)```(\S*)/.exec(lines[index] ?? '');
    if (!open) continue;
    const indent = open[1]?.length ?? 0;
    const start = index;
    const body: string[] = [];
    for (index++; index < lines.length && !/^ *```\s*$/.test(lines[index] ?? ''); index++) {
      body.push((lines[index] ?? '').slice(indent));
    }
    blocks.push({ file, line: start + 1, lang: open[2] ?? '', code: body.join('\n') });
  }
  return blocks;
}

/** The blocks in TypeScript (```ts or ```typescript) of every page. */
export const typeScriptBlocks = (): CodeBlock[] =>
  PAGES.flatMap((file) => codeBlocks(file)).filter(
    (block) => block.lang === 'ts' || block.lang === 'typescript',
  );
