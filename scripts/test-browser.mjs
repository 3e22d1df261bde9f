// `npm run test:browser`: makes sure Debian's Chromium is installed (apt-get, as the package
// matrix does), builds the package if dist/ is missing, then runs test/browser/**/*.test.ts
// with vitest. CI runs it after `npm test`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureChromium } from '../test/runtimes/harness/tools.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const logDir = join(root, '.tmp', 'browser-logs');
mkdirSync(logDir, { recursive: true });

try {
  const { installed } = await ensureChromium(root, logDir);
  if (installed) console.log('test:browser: installed Debian chromium');
} catch (error) {
  console.error(`test:browser: Chromium is missing and could not be installed: ${error.message}`);
  process.exit(1);
}

const run = (command, args) => {
  const outcome = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (outcome.status !== 0) process.exit(outcome.status ?? 1);
};
if (!existsSync(join(root, 'dist', 'cli.js'))) run('npm', ['run', 'build']);
run('npx', ['vitest', 'run', '--config', 'vitest.browser.config.ts', ...process.argv.slice(2)]);
