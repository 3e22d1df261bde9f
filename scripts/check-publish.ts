/**
 * `npm run check:publish`: what `npm publish` would do, without publishing.
 *
 * Runs `npm publish --dry-run --json` (which runs `prepack`, so the build is fresh) and fails
 * when:
 * - npm would correct `package.json` on the way out (npm 11 prints "auto-corrected some
 *   errors", e.g. a `bin` path it rewrites) or prints any warning not known to be harmless;
 * - a file outside the allow-list would ship (tests, fixtures, bench, source maps, sources), or
 *   a required one is missing (README.md, LICENSE, CHANGELOG.md, package.json, and every file
 *   `main`, `module`, `types`, `typesVersions`, `exports` and `bin` name).
 *
 * The dry run is forced twice (`--dry-run` and `npm_config_dry_run=true`), so no mistake here
 * can publish (npm still asks the registry whether 0.1.0 exists). Decision 0503 says what ships.
 *
 * Run: `npx tsx scripts/check-publish.ts` (`npm run check:publish`; `.ci/run` runs it).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Files the package may ship; every other path fails the check. */
export const ALLOWED_FILES: readonly RegExp[] = [
  /^package\.json$/,
  /^README\.md$/,
  /^LICENSE$/,
  /^CHANGELOG\.md$/,
  /^dist\/[\w.-]+\.(js|cjs|d\.ts|d\.cts)$/,
];

/** Files the package must ship whatever `package.json` says. */
export const REQUIRED_FILES: readonly string[] = ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md'];

/** Warnings npm prints on every dry run that say nothing about the package. */
const HARMLESS_WARNINGS: readonly RegExp[] = [/requires you to be logged in to .* \(dry-run\)/];

/** The parts of `package.json` that name files. */
export interface Manifest {
  main?: string;
  module?: string;
  types?: string;
  bin?: string | Record<string, string>;
  typesVersions?: Record<string, Record<string, string[]>>;
  exports?: unknown;
}

/** Every file path `package.json` points at, without a leading `./`. */
export function referencedFiles(manifest: Manifest): string[] {
  const paths: string[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === 'string') paths.push(value);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk([manifest.main, manifest.module, manifest.types, manifest.bin, manifest.typesVersions]);
  walk(manifest.exports);
  return [...new Set(paths.map((path) => path.replace(/^\.\//, '')))];
}

/**
 * A `bin` path as npm 11 would write it to the registry (`@npmcli/package-json`'s
 * `secureAndUnixifyPath`): posix separators, no `./`, nothing above the package root. npm
 * "corrects" any other spelling, and says so in a warning that reads as if the bin was removed.
 */
export function normalizedBinPath(path: string): string {
  const parts: string[] = [];
  for (const part of path.replace(/\\/g, '/').split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.' && part !== '') parts.push(part);
  }
  return parts.join('/');
}

/**
 * The problems of one dry run: `files` is what the tarball holds, `stderr` what npm printed.
 *
 * @example
 * ```ts
 * publishProblems({ files: ['package.json'], stderr: '', manifest: {} });
 * // ['missing README.md', 'missing LICENSE', 'missing CHANGELOG.md']
 * ```
 */
export function publishProblems(input: {
  files: readonly string[];
  stderr: string;
  manifest: Manifest;
}): string[] {
  const problems: string[] = [];
  for (const file of input.files) {
    if (!ALLOWED_FILES.some((pattern) => pattern.test(file)))
      problems.push(`not allowed in the package: ${file}`);
  }
  const shipped = new Set(input.files);
  for (const file of [...REQUIRED_FILES, ...referencedFiles(input.manifest)]) {
    if (!shipped.has(file)) problems.push(`missing ${file}`);
  }
  const bins =
    typeof input.manifest.bin === 'string' ? { bin: input.manifest.bin } : (input.manifest.bin ?? {});
  for (const [name, path] of Object.entries(bins)) {
    if (normalizedBinPath(path) !== path) {
      problems.push(`bin ${name}: npm would rewrite "${path}" as "${normalizedBinPath(path)}"; write that`);
    }
  }
  for (const line of input.stderr.split('\n')) {
    if (!/^npm warn/i.test(line)) continue;
    if (HARMLESS_WARNINGS.some((pattern) => pattern.test(line))) continue;
    problems.push(`npm: ${line.trim()}`);
  }
  return problems;
}

/** The JSON npm prints last on stdout (after `prepack`'s build output). */
export function parsePublishJson(stdout: string): { files: string[]; size: number; unpackedSize: number } {
  const start = stdout.lastIndexOf('\n{\n');
  const text = start >= 0 ? stdout.slice(start + 1) : stdout.trim();
  const parsed = JSON.parse(text) as Record<
    string,
    { files: { path: string }[]; size: number; unpackedSize: number }
  >;
  const pack = parsed.runra ?? Object.values(parsed)[0];
  if (!pack?.files) throw new Error(`npm publish --json printed no file list:\n${text.slice(0, 500)}`);
  return { files: pack.files.map((file) => file.path), size: pack.size, unpackedSize: pack.unpackedSize };
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const run = spawnSync(npm, ['publish', '--dry-run', '--json'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, npm_config_dry_run: 'true' },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) {
    console.error(
      `npm publish --dry-run failed (exit ${run.status}):\n${run.stderr}\n${run.stdout.slice(-2000)}`,
    );
    process.exit(1);
  }
  const manifest = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as Manifest;
  const pack = parsePublishJson(run.stdout);
  const problems = publishProblems({ files: pack.files, stderr: run.stderr, manifest });
  if (problems.length > 0) {
    console.error(
      `check-publish: ${problems.length} problem(s)\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    process.exit(1);
  }
  const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
  console.log(
    `check-publish: ${pack.files.length} files, ${kB(pack.size)} packed, ${kB(pack.unpackedSize)} unpacked; no corrections, nothing outside the allow-list`,
  );
}
