/**
 * `npm run test:install`: a new user's first steps, run word for word from
 * `docs/getting-started.md`.
 *
 * Copies this working tree (tracked and untracked files that git does not ignore; no
 * `node_modules`, no `dist`) to `<tmp>/runra`, as a fresh clone would have it, then runs the
 * page's blocks between `<!-- test:install:start` and `<!-- test:install:end -->` in order,
 * the way a reader at one shell would: each `sh` block in bash (`set -e`) starting where the
 * previous one ended (the first starts in the clone), each block titled `title="file"` written
 * to that file in the current folder, and each `text` block compared with what the command
 * before it printed (`…` stands for anything; a line of just `…` for any lines). A block the
 * script cannot run fails it, so the page holds nothing untested between the markers.
 *
 * Needs the npm registry (runra's dependencies install from it). `RUNRA_API_KEY` and
 * `RUNRA_BASE_URL` are removed from the environment. The folder is removed afterwards unless
 * `--keep` is given.
 *
 * Run: `npx tsx scripts/test-install.ts [--keep]`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The page whose steps this runs. */
export const GUIDE = 'docs/getting-started.md';

/** One step of the page: a command, a file to write, or the output the last command must print. */
export type Step =
  | { kind: 'run'; script: string }
  | { kind: 'file'; name: string; content: string }
  | { kind: 'expect'; text: string };

/**
 * The steps between the page's `test:install` markers. Throws on a fenced block it cannot run
 * (another language, or code without a `title`), on an output block with no command before it,
 * and when the markers are missing.
 *
 * @example
 * ```ts
 * installSteps(readFileSync('docs/getting-started.md', 'utf8'))[0]; // { kind: 'run', script: 'npm install\n…' }
 * ```
 */
export function installSteps(markdown: string): Step[] {
  const start = markdown.indexOf('<!-- test:install:start');
  const end = markdown.indexOf('<!-- test:install:end -->');
  if (start < 0 || end < start) throw new Error(`${GUIDE}: no test:install:start … test:install:end markers`);
  const section = markdown.slice(start, end);
  const steps: Step[] = [];
  for (const [, info = '', body = ''] of section.matchAll(/^```([^\n]*)\n([\s\S]*?)^```$/gm)) {
    const [language] = info.trim().split(/\s+/);
    const title = /title="([^"]+)"/.exec(info)?.[1];
    if (language === 'sh' && !title) steps.push({ kind: 'run', script: body });
    else if (title) steps.push({ kind: 'file', name: title, content: body });
    else if (language === 'text') {
      if (steps.at(-1)?.kind !== 'run') throw new Error(`${GUIDE}: an output block must follow a sh block`);
      steps.push({ kind: 'expect', text: body });
    } else throw new Error(`${GUIDE}: cannot run a \`\`\`${info} block between the test:install markers`);
  }
  return steps;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Whether `output` shows `expected`: its lines in order, `…` inside a line matching anything,
 * and a line of just `…` matching any number of lines (trailing spaces ignored).
 *
 * @example
 * ```ts
 * outputMatches('created sb_abc\ndone\n', 'created sb_…\ndone\n'); // true
 * ```
 */
export function outputMatches(output: string, expected: string): boolean {
  const lines = (text: string) =>
    text
      .trimEnd()
      .split('\n')
      .map((line) => line.trimEnd());
  const pattern = lines(expected)
    .map((line) =>
      line === '…' ? '(?:[^\\n]*\\n)*?' : `${line.split('…').map(escapeRegExp).join('[^\\n]*')}\\n`,
    )
    .join('');
  return new RegExp(`^${pattern}$`).test(`${lines(output).join('\n')}\n`);
}

/** Copies what a clone of this working tree would hold to `target`. */
function copyWorkingTree(target: string): number {
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    encoding: 'utf8',
  });
  let count = 0;
  for (const file of listed.split('\0')) {
    if (!file || !existsSync(join(root, file))) continue;
    mkdirSync(dirname(join(target, file)), { recursive: true });
    copyFileSync(join(root, file), join(target, file));
    count++;
  }
  return count;
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const steps = installSteps(readFileSync(join(root, GUIDE), 'utf8'));
  const base = mkdtempSync(join(tmpdir(), 'runra-install-'));
  const clone = join(base, 'runra');
  const log = (message: string) => console.log(`[test:install] ${message}`);
  log(`copied ${copyWorkingTree(clone)} files to ${clone}`);
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.RUNRA_API_KEY;
  delete env.RUNRA_BASE_URL;
  // Variables npm sets for the script running this one; a reader's shell has none of them.
  for (const name of Object.keys(env)) if (/^npm_/i.test(name)) delete env[name];
  let cwd = clone;
  let lastOutput = '';
  let failed = false;
  for (const step of steps) {
    if (step.kind === 'file') {
      writeFileSync(join(cwd, step.name), step.content);
      log(`wrote ${step.name} in ${cwd}`);
    } else if (step.kind === 'run') {
      const started = performance.now();
      const cwdFile = join(base, '.cwd');
      const run = spawnSync('bash', ['-e', '-c', `${step.script}\npwd > ${JSON.stringify(cwdFile)}`], {
        cwd,
        env,
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      });
      lastOutput = `${run.stdout}`;
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      log(`$ ${step.script.trim().split('\n').join(' && ')}  (${seconds} s, exit ${run.status})`);
      if (run.status !== 0) {
        console.error(`${run.stdout}\n${run.stderr}`);
        failed = true;
        break;
      }
      cwd = resolve(readFileSync(cwdFile, 'utf8').trim());
    } else if (!outputMatches(lastOutput, step.text)) {
      console.error(
        `[test:install] expected the page's output:\n${step.text}\nbut the command printed:\n${lastOutput}`,
      );
      failed = true;
      break;
    } else {
      log(`output as the page shows it (${step.text.trim().split('\n').length} lines)`);
    }
  }
  if (process.argv.includes('--keep') || failed) log(`left ${base} for a look`);
  else rmSync(base, { recursive: true, force: true });
  if (failed) process.exit(1);
  log(`${GUIDE}: every step ran as written`);
}
