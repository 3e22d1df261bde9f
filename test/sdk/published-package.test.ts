import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * The built package (`dist/`, made by `npm run build`, which `npm test` runs first): one
 * contract at run time, no zod or hono for an SDK-only install, types users can check
 * without zod, the version in the User-Agent (docs/decisions/0105).
 */

const root = new URL('../../', import.meta.url);
const dist = new URL('dist/', root);
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as {
  version: string;
  dependencies: Record<string, string>;
};

function files(pattern: RegExp): [string, string][] {
  if (!existsSync(dist)) throw new Error('dist/ is missing: run npm run build');
  return readdirSync(dist)
    .filter((name) => pattern.test(name))
    .map((name) => [name, readFileSync(new URL(name, dist), 'utf8')]);
}

/** Modules a built file loads: `import … from "x"`, `export … from "x"`, `require("x")`, `import("x")`. */
const loaded = (source: string) =>
  [
    ...source.matchAll(
      /^\s*(?:import|export)\b[^'"\n]*?from\s*["']([^"']+)["']|\brequire\(["']([^"']+)["']\)|\bimport\(["']([^"']+)["']\)/gm,
    ),
  ].map((match) => match[1] ?? match[2] ?? match[3]);

describe('the published package', () => {
  it('depends on ky alone: zod and hono are bundled into the mock’s chunks', () => {
    expect(Object.keys(pkg.dependencies)).toEqual(['ky']);
    for (const [name, source] of files(/\.(c?js)$/)) {
      const external = loaded(source).filter((id) => id && !id.startsWith('.'));
      expect(
        external.filter((id) => !/^(ky|msw|node:.*)$/.test(id as string)),
        name,
      ).toEqual([]);
    }
  });

  it('its type declarations never make users type-check against zod or hono', () => {
    const declarations = files(/\.d\.c?ts$/);
    expect(declarations.length).toBeGreaterThan(3);
    for (const [name, source] of declarations) {
      expect(
        loaded(source).filter((id) => /^(zod|hono)(\/|$)/.test(id ?? '')),
        name,
      ).toEqual([]);
    }
  });

  it('the User-Agent carries package.json’s version, injected at build time', async () => {
    const { Runra } = (await import(new URL('index.js', dist).href)) as typeof import('../../src/index.js');
    let agent: string | null = null;
    const runra = new Runra({
      apiKey: 'sk_test_1',
      fetch: async (request) => {
        agent = request.headers.get('user-agent');
        return new Response('{"id":"sb_1","state":"running"}', {
          headers: { 'content-type': 'application/json' },
        });
      },
    });
    await runra.sandboxes.get('sb_1');
    expect(agent).toBe(`runra-js/${pkg.version} node/${process.versions.node}`);
  });
});
