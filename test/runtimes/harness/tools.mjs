// Provisioning for the package test: the tarball, Node 22/24 from npm, Debian's Chromium,
// and each fixture's node_modules. Everything installs itself so a fresh clone works.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { childEnv, exec } from './exec.mjs';

/** Debian's Chromium, overridable for machines that keep it elsewhere. */
export const CHROMIUM_PATH = process.env.RUNRA_CHROMIUM ?? '/usr/bin/chromium';

/** Flags that keep Chromium off the (closed) network and quiet as root in a container. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Resolves the real binary of Node `spec` (`22`, `24`, `20.0.0`) via `npx -y node@<spec>` (the
 * `node` npm package ships the official build), so later steps spawn it without npx overhead.
 *
 * @returns {Promise<{ path: string, version: string }>}
 */
export async function nodeBinary(spec, root, logDir) {
  const script = 'console.log(JSON.stringify({ path: process.execPath, version: process.version }))';
  const outcome = await exec('npx', ['-y', `node@${spec}`, '-e', script], {
    cwd: root,
    timeoutMs: 300_000,
    logFile: join(logDir, `provision-node${spec}.log`),
  });
  const line = outcome.output
    .trim()
    .split('\n')
    .find((l) => l.startsWith('{"path"'));
  if (outcome.code !== 0 || !line) throw new Error(`npx -y node@${spec} failed:\n${outcome.output}`);
  const found = JSON.parse(line);
  if (!`${found.version}.`.startsWith(`v${spec}.`)) throw new Error(`node@${spec} reported ${found.version}`);
  return found;
}

/**
 * Makes sure Debian's Chromium is installed: apt-get only when the binary is missing.
 *
 * @returns {Promise<{ installed: boolean }>}
 */
export async function ensureChromium(root, logDir) {
  if (existsSync(CHROMIUM_PATH)) return { installed: false };
  const env = childEnv({ DEBIAN_FRONTEND: 'noninteractive' });
  const options = { cwd: root, timeoutMs: 900_000, env, logFile: join(logDir, 'provision-chromium.log') };
  const update = await exec('apt-get', ['update'], options);
  if (update.code !== 0) throw new Error(`apt-get update failed:\n${update.output.slice(-2000)}`);
  const install = await exec('apt-get', ['install', '-y', 'chromium'], options);
  if (install.code !== 0 || !existsSync(CHROMIUM_PATH)) {
    throw new Error(`apt-get install chromium failed:\n${install.output.slice(-2000)}`);
  }
  return { installed: true };
}

/**
 * Installs a fixture's dependencies with the freshly packed tarball (the fixture's
 * package.json points at `.tmp/pack/runra.tgz`). No lock file is written or read.
 *
 * @returns {Promise<import('./exec.mjs').Outcome>}
 */
export function installFixture(dir, logDir, name) {
  rmSync(join(dir, 'node_modules', 'runra'), { recursive: true, force: true });
  rmSync(join(dir, 'dist'), { recursive: true, force: true });
  return exec(
    'npm',
    ['install', '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error', '--no-update-notifier'],
    { cwd: dir, timeoutMs: 300_000, logFile: join(logDir, `install-${name}.log`) },
  );
}

/** The `version` field of an installed package, or `?`. */
export function installedVersion(dir, name) {
  try {
    return JSON.parse(readFileSync(join(dir, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return '?';
  }
}
