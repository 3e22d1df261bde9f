import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { installSteps, outputMatches } from '../../scripts/test-install.js';

const guide = readFileSync(new URL('../../docs/getting-started.md', import.meta.url), 'utf8');
const section = (body: string) => `# x\n<!-- test:install:start -->\n${body}\n<!-- test:install:end -->\n`;

describe('test:install reads the getting-started page as a reader would run it', () => {
  it('the page: install from the clone, a new project, a file, its output, the CLI', () => {
    const steps = installSteps(guide);
    expect(steps.map((step) => step.kind)).toEqual(['run', 'run', 'file', 'run', 'expect', 'run', 'expect']);
    const [clone, project, file] = steps;
    expect(clone).toEqual({ kind: 'run', script: 'npm install\nnpm pack --pack-destination ..\n' });
    expect(project?.kind === 'run' && project.script).toContain('npm install ../runra-0.1.0.tgz');
    expect(file?.kind === 'file' && file.name).toBe('index.mjs');
    expect(file?.kind === 'file' && file.content).toContain("from 'runra/mock'");
  });

  it('the tarball name in the page follows package.json', async () => {
    const { default: pkg } = await import('../../package.json', { with: { type: 'json' } });
    expect(guide).toContain(`npm install ../runra-${pkg.version}.tgz`);
  });

  it('refuses a block it cannot run between the markers, and an output with no command before it', () => {
    expect(() => installSteps(section('```ts\nconst x = 1;\n```'))).toThrow('cannot run a ```ts block');
    expect(() => installSteps(section('```text\nhello\n```'))).toThrow('must follow a sh block');
    expect(() => installSteps('no markers')).toThrow('no test:install:start');
  });

  it('compares output line by line; … stands for anything, a line of … for any lines', () => {
    expect(
      outputMatches('created sb_abc123\nrunning → terminated\n', 'created sb_…\nrunning → terminated\n'),
    ).toBe(true);
    expect(
      outputMatches('Usage: runra-mock [options]\n\nOptions:\n  -p\n', 'Usage: runra-mock [options]\n…\n'),
    ).toBe(true);
    expect(
      outputMatches('created sb_abc123\nrunning → paused\n', 'created sb_…\nrunning → terminated\n'),
    ).toBe(false);
    expect(outputMatches('extra first\ncreated sb_1\n', 'created sb_…\n')).toBe(false);
    expect(outputMatches('a.b\n', 'a*b\n')).toBe(false);
  });
});
