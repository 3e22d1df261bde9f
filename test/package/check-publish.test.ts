import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ALLOWED_FILES,
  type Manifest,
  normalizedBinPath,
  parsePublishJson,
  publishProblems,
  referencedFiles,
} from '../../scripts/check-publish.js';

const manifest = JSON.parse(
  readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
) as Manifest & {
  files: string[];
};
const shipped = ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', ...referencedFiles(manifest)];

describe('the package as npm publishes it', () => {
  it('bin paths are written as npm 11 publishes them, so the dry run corrects nothing', () => {
    for (const [name, path] of Object.entries(manifest.bin ?? {})) {
      expect(normalizedBinPath(path), `bin ${name}`).toBe(path);
    }
    expect(manifest.bin).toEqual({ 'runra-mock': 'dist/cli.js' });
  });

  it('every file package.json points at is one the allow-list admits', () => {
    for (const file of referencedFiles(manifest)) {
      expect(
        ALLOWED_FILES.some((pattern) => pattern.test(file)),
        file,
      ).toBe(true);
    }
  });

  it('files names the license and the changelog', () => {
    expect(manifest.files).toEqual(expect.arrayContaining(['dist', 'README.md', 'CHANGELOG.md', 'LICENSE']));
  });
});

describe('check-publish: publishProblems', () => {
  it('a clean tarball and a dry run with only the log-in notice pass', () => {
    const stderr =
      'npm warn publish This command requires you to be logged in to https://registry.npmjs.org/ (dry-run)\n';
    expect(publishProblems({ files: shipped, stderr, manifest })).toEqual([]);
  });

  it('refuses source maps, tests, fixtures, bench and sources', () => {
    const extra = [
      'dist/index.js.map',
      'test/sdk/errors.test.ts',
      'test/runtimes/deno/smoke.ts',
      'bench/run.ts',
      'src/index.ts',
    ];
    const problems = publishProblems({ files: [...shipped, ...extra], stderr: '', manifest });
    expect(problems).toEqual(extra.map((file) => `not allowed in the package: ${file}`));
  });

  it('requires README, LICENSE, the changelog and every file package.json names', () => {
    const files = shipped.filter(
      (file) => file !== 'LICENSE' && file !== 'dist/cli.js' && file !== 'README.md',
    );
    expect(publishProblems({ files, stderr: '', manifest })).toEqual([
      'missing README.md',
      'missing LICENSE',
      'missing dist/cli.js',
    ]);
  });

  it("reports npm's corrections to package.json, and a bin npm would rewrite", () => {
    const stderr = [
      'npm warn publish npm auto-corrected some errors in your package.json when publishing.  Please run "npm pkg fix" to address these errors.',
      'npm warn publish errors corrected:',
      'npm warn publish "bin[runra-mock]" script name dist/cli.js was invalid and removed',
    ].join('\n');
    const old = { ...manifest, bin: { 'runra-mock': './dist/cli.js' } };
    const problems = publishProblems({ files: shipped, stderr, manifest: old });
    expect(problems[0]).toBe(
      'bin runra-mock: npm would rewrite "./dist/cli.js" as "dist/cli.js"; write that',
    );
    expect(problems.slice(1)).toHaveLength(3);
    expect(problems.slice(1).every((line) => line.startsWith('npm: npm warn publish'))).toBe(true);
  });
});

describe('check-publish: parsePublishJson', () => {
  it('finds the JSON after the build output prepack printed', () => {
    const json = JSON.stringify(
      { runra: { files: [{ path: 'LICENSE' }, { path: 'dist/index.js' }], size: 10, unpackedSize: 20 } },
      null,
      2,
    );
    const stdout = `> runra@0.1.0 build\n> tsup\n{"not": "this"}\nESM dist/index.js 36 KB\n${json}\n`;
    expect(parsePublishJson(stdout)).toEqual({
      files: ['LICENSE', 'dist/index.js'],
      size: 10,
      unpackedSize: 20,
    });
  });
});
