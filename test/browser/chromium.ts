import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

// Debian's Chromium (`RUNRA_CHROMIUM` points elsewhere; test tools' own browser downloads fail
// here) and its flags: one definition, shared with the package matrix's Chromium target.
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../runtimes/harness/tools.mjs';

/** A Chromium context with a fresh profile, and a `close()` that also removes the profile. */
export interface ChromiumSession {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Launches Debian's Chromium headless with a new, empty profile; `args` are added to its
 * command line (e.g. `--host-resolver-rules=MAP rebind.test 127.0.0.1`).
 *
 * @example
 * ```ts
 * const session = await launchChromium({ viewport: { width: 1280, height: 800 } });
 * const page = await session.context.newPage();
 * await session.close();
 * ```
 */
export async function launchChromium(
  options: { viewport?: { width: number; height: number }; args?: readonly string[] } = {},
): Promise<ChromiumSession> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'runra-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
    ...(options.viewport ? { viewport: options.viewport } : {}),
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
