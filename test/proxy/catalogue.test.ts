import { afterAll, describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../mock-server/index.js';
import { startVerifyingProxy } from '../../mock-server/proxy/node/server.js';
import { caller, KEY_B } from './caller.js';
import { CATALOGUE, type Divergence } from './catalogue/index.js';
import { startFakeUpstream } from './fake-upstream.js';

/** Runs one divergence through a fresh proxy and returns the journal and what was altered. */
async function run(divergence: Divergence) {
  const upstream = await startFakeUpstream(divergence.alteration, divergence.options);
  const proxy = await startVerifyingProxy({ upstream: upstream.url });
  try {
    // The fake upstream starts empty: every sandbox of every key will be seen.
    await (await fetch(`${proxy.url}/_mock/reset`, { method: 'POST' })).arrayBuffer();
    await divergence.steps({ a: caller(proxy.url), b: caller(proxy.url, KEY_B), upstream });
    await proxy.settled();
    return { journal: proxy.verifier.journal.entries(), altered: upstream.altered, report: proxy.report() };
  } finally {
    await proxy.close();
    await upstream.close();
  }
}

const detected: string[] = [];

describe('no missed drift: every divergence of the catalogue is reported on the right exchange and field', () => {
  it.each(CATALOGUE.map((divergence) => [divergence.name, divergence] as const))(
    '%s',
    async (_name, divergence) => {
      const { journal, altered, report } = await run(divergence);
      expect(altered.length, 'the fake upstream altered an answer').toBeGreaterThan(0);
      expect(report.checkerErrors).toBe(0);
      const isAltered = (entry: JournalEntry) =>
        altered.some(
          (a) =>
            a.method === entry.method &&
            a.path === entry.path &&
            (a.requestId === undefined ||
              !/^req_[a-z0-9]{8}$/.test(a.requestId) ||
              a.requestId === entry.requestId),
        );
      const reported = journal.filter(
        (entry) =>
          isAltered(entry) &&
          (entry.findings ?? []).some(
            (finding) => finding.kind === divergence.expect.kind && finding.path === divergence.expect.path,
          ),
      );
      expect(
        reported.length,
        `expected a ${divergence.expect.kind} finding at ${divergence.expect.path} on ${altered.map((a) => `${a.method} ${a.path}`).join(', ')}; journal: ${JSON.stringify(
          journal.filter((e) => e.findings),
          null,
          1,
        )}`,
      ).toBeGreaterThan(0);
      // And nothing on the exchanges the upstream answered faithfully.
      const collateral = journal.filter((entry) => (entry.findings ?? []).length > 0 && !isAltered(entry));
      expect(collateral, 'findings on exchanges that were not altered').toEqual([]);
      detected.push(divergence.name);
    },
  );

  afterAll(() => {
    console.log(`proxy catalogue: ${CATALOGUE.length} divergences, ${detected.length} detected`);
  });
});
