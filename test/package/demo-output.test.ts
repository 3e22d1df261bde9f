import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('npm run demo, read as a newcomer reads it', () => {
  it('names each sandbox where it is made before any step refers to it by that name', async () => {
    const env = { ...process.env, RUNRA_API_KEY: '', RUNRA_BASE_URL: '', FORCE_COLOR: '0' };
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'examples/demo.ts'], {
      cwd: root,
      env,
    });
    const lines = stdout.split('\n');
    const introduced = new Map<string, number>();
    lines.forEach((line, at) => {
      const made = /^\s*(\w+)\s*= create\(/.exec(line)?.[1];
      if (made && !introduced.has(made)) introduced.set(made, at);
    });
    expect([...introduced.keys()]).toEqual(['minimal', 'full']);
    lines.forEach((line, at) => {
      for (const [, name] of line.matchAll(/\b(?:get|pause|resume|terminate)\((\w+)\)/g)) {
        expect(introduced.get(name ?? ''), `"${line.trim()}" uses ${name} before it is named`).toBeLessThan(
          at,
        );
      }
    });
    expect(stdout).toMatch(/Done: \d+ sandboxes created and terminated\./);
    // It ends by saying where to go next, and every page it names is in the clone.
    const pages = [...stdout.matchAll(/\bdocs\/[\w-]+\.md\b/g)].map((match) => match[0]);
    expect(pages).toEqual(['docs/getting-started.md', 'docs/testing-with-the-mock.md']);
    for (const page of pages) expect(existsSync(join(root, page)), page).toBe(true);
  });
});
