/** Injected by the build from package.json (tsup.config.ts); absent when running the source. */
declare const __RUNRA_VERSION__: string | undefined;

/** This package's version, as the build read it from package.json. */
export const VERSION: string = typeof __RUNRA_VERSION__ === 'string' ? __RUNRA_VERSION__ : '0.0.0-dev';

type Globals = {
  window?: { document?: unknown };
  navigator?: { userAgent?: string };
  process?: { versions?: { node?: string; bun?: string; deno?: string } };
};

/** Whether this is a browser page (a `window` with a `document`), where any script can read a key. */
export function isBrowser(): boolean {
  const g = globalThis as Globals;
  return typeof g.window?.document !== 'undefined' && typeof g.navigator !== 'undefined';
}

/**
 * `runra-js/<version>` and the runtime where it can be told (`node/20.20.0`, `bun/…`,
 * `deno/…`, `workerd`); `undefined` in a browser, which sends its own.
 */
export function userAgent(): string | undefined {
  if (isBrowser()) return undefined;
  const g = globalThis as Globals;
  // Bun and Deno 2 also say a Node version: ask for them first.
  const v = g.process?.versions;
  const runtime = v?.bun
    ? ` bun/${v.bun}`
    : v?.deno
      ? ` deno/${v.deno}`
      : v?.node
        ? ` node/${v.node}`
        : g.navigator?.userAgent === 'Cloudflare-Workers'
          ? ' workerd'
          : '';
  return `runra-js/${VERSION}${runtime}`;
}
