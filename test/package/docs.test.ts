import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const decisionsDir = join(root, 'docs', 'decisions');
const records = readdirSync(decisionsDir).filter((name) => /^\d{4}-.+\.md$/.test(name));
const markdown = [
  'README.md',
  'CHANGELOG.md',
  'CONTRIBUTING.md',
  ...readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
  ...readdirSync(decisionsDir).map((name) => `docs/decisions/${name}`),
];
const read = (file: string) => readFileSync(join(root, file), 'utf8');

/** The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces as `-`, repeats numbered. */
function anchorsOf(path: string): Set<string> {
  const anchors = new Set<string>();
  const text = readFileSync(path, 'utf8').replace(/^```[\s\S]*?^```/gm, '');
  for (const [, heading = ''] of text.matchAll(/^#{1,6} (.+)$/gm)) {
    const base = heading
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    let anchor = base;
    for (let n = 1; anchors.has(anchor); n++) anchor = `${base}-${n}`;
    anchors.add(anchor);
  }
  return anchors;
}

describe('docs: what a clone can follow', () => {
  it('the decisions index lists every record once, as `- [NNNN](file): Title` without the number again', () => {
    const index = read('docs/decisions/README.md');
    const lines = index.split('\n').filter((line) => line.startsWith('- ['));
    for (const line of lines) {
      const match = /^- \[(\d{4})\]\((\1-[a-z0-9-]+\.md)\): (.+)$/.exec(line);
      expect(match, line).not.toBeNull();
      expect(match?.[3], line).not.toMatch(/^\d{4}\b/);
    }
    const linked = lines.map((line) => /\]\(([^)]+)\)/.exec(line)?.[1]);
    expect(linked.sort()).toEqual([...records].sort());
  });

  it('no page points at the contract beside the repository, or at an issue number', () => {
    for (const file of markdown) {
      const text = read(file);
      expect(text, file).not.toMatch(/shared\/spec|beside the repository/);
      expect(text, file).not.toMatch(/\bissues? \d+\b/i);
    }
  });

  it('every relative link of every page reaches a file in the repository, and a heading of it when it names one', () => {
    const broken: string[] = [];
    for (const file of markdown) {
      const text = read(file)
        .replace(/```[\s\S]*?```/g, '')
        .replace(/`[^`\n]*`/g, '');
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (!target || /^(https?:|mailto:)/.test(target)) continue;
        const [pathPart = '', anchor] = target.split('#');
        const path = join(root, dirname(file), decodeURIComponent(pathPart || basename(file)));
        if (!existsSync(path)) broken.push(`${file} → ${target}`);
        else if (anchor && path.endsWith('.md') && !anchorsOf(path).has(anchor))
          broken.push(`${file} → ${target} (no such heading)`);
      }
    }
    expect(broken).toEqual([]);
  });

  it("typedoc's documents are every page of docs/, each once, so the API reference holds them all", () => {
    const { projectDocuments } = JSON.parse(read('typedoc.json')) as { projectDocuments: string[] };
    const pages = readdirSync(join(root, 'docs'))
      .filter((name) => name.endsWith('.md'))
      .map((name) => `docs/${name}`);
    expect([...projectDocuments].sort()).toEqual(pages.sort());
  });
});
