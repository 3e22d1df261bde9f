import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { ProxyReport } from '../proxy/report.js';

/**
 * Writes the proxy's report as pretty JSON, atomically (a temporary file beside it, then
 * renamed over it), so a CI step never reads half a report.
 *
 * @example
 * ```ts
 * await writeReportFile('proxy-report.json', proxy.report());
 * ```
 */
export async function writeReportFile(path: string, report: ProxyReport): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    await writeFile(temporary, `${JSON.stringify(report, null, 2)}\n`, 'utf8');
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
