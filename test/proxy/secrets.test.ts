import { describe, expect, it } from 'vitest';
import { formatProxyLine } from '../../mock-server/cli/proxy-line.js';
import { startVerifyingProxy } from '../../mock-server/proxy/node/server.js';
import { REDACTED } from '../../mock-server/proxy/scrub.js';
import { caller, KEY_A, KEY_B } from './caller.js';
import { startFakeUpstream } from './fake-upstream.js';

describe('secrets: the proxy forwards the caller’s key and keeps none of it', () => {
  it('an upstream that echoes the key: journal, log lines, report and mirror hold no key, only digests', async () => {
    const seenKeys: string[] = [];
    // Echoes the Authorization header in a get's metadata and in a 404's message and details.
    const upstream = await startFakeUpstream({
      response: (seen, wire) => {
        const authorization = seen.headers.get('authorization') ?? '';
        seenKeys.push(authorization);
        if (seen.method !== 'GET' || !/sb_/.test(seen.path)) return undefined;
        const body = structuredClone(wire.body) as { metadata: object; error: object };
        if (wire.status === 200) body.metadata = { ...body.metadata, echo: authorization };
        else
          body.error = {
            ...body.error,
            message: `no sandbox for ${authorization}`,
            details: { token: authorization },
          };
        return { ...wire, body };
      },
    });
    const lines: string[] = [];
    const proxy = await startVerifyingProxy({
      upstream: upstream.url,
      onExchange: (verified) => lines.push(formatProxyLine(verified)),
    });
    try {
      await fetch(`${proxy.url}/_mock/reset`, { method: 'POST' });
      const a = caller(proxy.url, KEY_A);
      const b = caller(proxy.url, KEY_B);
      const { id } = (await a.create()).body;
      expect((await a.get(id)).body.metadata.echo).toBe(`Bearer ${KEY_A}`); // forwarded unchanged, both ways
      await a.get('sb_aaaaaaaaaaaaaaaaa');
      await b.create();
      await a.send('GET', `/v1/sandboxes/${id}`, undefined, { authorization: `Token ${KEY_A}` });
      await proxy.settled();

      expect(seenKeys).toContain(`Bearer ${KEY_A}`);
      expect(seenKeys).toContain(`Bearer ${KEY_B}`);
      const journal = proxy.verifier.journal.entries();
      const report = proxy.report();
      const findings = journal.flatMap((entry) => entry.findings ?? []);
      // The echoes are found, and shown redacted.
      expect(JSON.stringify(findings)).toContain(REDACTED);
      const mirror = proxy.verifier.mirror;
      const tenants = mirror.tenantIds();
      expect(tenants).toHaveLength(2);
      for (const tenant of tenants) expect(tenant).toMatch(/^t_[0-9a-f]{32}$/);
      const entries = tenants.flatMap((tenant) => [...mirror.tenant(tenant).sandboxes.values()]);
      expect(entries.length).toBeGreaterThan(0);
      for (const entry of entries) expect(tenants).toContain(entry.sandbox.apiKey);
      for (const text of [
        JSON.stringify(journal),
        JSON.stringify(report),
        lines.join('\n'),
        JSON.stringify(entries),
        JSON.stringify(tenants),
      ]) {
        expect(text).not.toContain(KEY_A);
        expect(text).not.toContain(KEY_B);
        expect(text.toLowerCase()).not.toContain('bearer');
      }
      // The journal masks the key as the mock's journal does.
      expect(journal[0]?.apiKey).toBe('sk_…0001');
    } finally {
      await proxy.close();
      await upstream.close();
    }
  });

  it('the same key is one tenant, another key another; the digest changes from run to run', async () => {
    const upstream = await startFakeUpstream({ response: () => undefined });
    const first = await startVerifyingProxy({ upstream: upstream.url });
    const second = await startVerifyingProxy({ upstream: upstream.url });
    try {
      for (const proxy of [first, second]) {
        await caller(proxy.url, KEY_A).list();
        await caller(proxy.url, KEY_A).list();
        await caller(proxy.url, KEY_B).list();
        await proxy.settled();
      }
      expect(first.verifier.mirror.tenantIds()).toHaveLength(2);
      expect(second.verifier.mirror.tenantIds()).toHaveLength(2);
      for (const id of first.verifier.mirror.tenantIds()) {
        expect(second.verifier.mirror.tenantIds()).not.toContain(id);
      }
    } finally {
      await first.close();
      await second.close();
      await upstream.close();
    }
  });
});
