import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  limitPaths,
  renderContractDoc,
  TABLES,
  unstatedLimits,
} from '../../scripts/generate-contract-doc.js';
import { ERROR_STATUS, LIMITS } from '../../src/schemas/index.js';

const doc = readFileSync(new URL('../../docs/contract.md', import.meta.url), 'utf8');
const table = (name: string) =>
  doc.slice(doc.indexOf(`<!-- generated:${name}`), doc.indexOf(`<!-- end generated:${name}`));

describe('docs/contract.md: generated tables', () => {
  it('are current: rendering them again changes nothing', () => {
    expect(renderContractDoc(doc)).toBe(doc);
  });

  it('a table edited by hand (a stale number) is rewritten from LIMITS', () => {
    const stale = doc.replace('integer 2048–16384', 'integer 2048–32768');
    expect(stale).not.toBe(doc);
    expect(renderContractDoc(stale)).toBe(doc);
  });

  it('state every number of LIMITS, and a limit no table states fails the generator', () => {
    expect(unstatedLimits()).toEqual([]);
    expect(limitPaths()).toContain('resources.cpu.values');
    expect(unstatedLimits([...limitPaths(), 'sandboxes.maxPerKey'])).toEqual(['sandboxes.maxPerKey']);
  });

  it('name every error code with its status and SDK class', () => {
    const codes = table('error-codes');
    for (const [code, status] of Object.entries(ERROR_STATUS))
      expect(codes).toContain(`| ${status} | \`${code}\` |`);
    expect(codes).toContain(
      '| `SANDBOX_NOT_FOUND` | no such sandbox for this API key (`details: { sandboxId }`) | `SandboxNotFoundError` |',
    );
  });

  it('show the limits and defaults of create and list as LIMITS has them', () => {
    expect(table('create-fields')).toContain(
      `| \`resources.cpu\` | no | \`${LIMITS.resources.cpu.default}\` | one of 2, 4, 8 |`,
    );
    expect(table('list-parameters')).toContain(
      `| \`limit\` | \`${LIMITS.list.limit.default}\` | integer 1–100 |`,
    );
    expect(table('limits')).toContain(`${LIMITS.maxBodyBytes} bytes`);
  });

  it('refuse a marker naming no table, and a document missing a table', () => {
    expect(() =>
      renderContractDoc(`${doc}\n<!-- generated:nothing -->\n<!-- end generated:nothing -->\n`),
    ).toThrow('no generated table named "nothing"');
    const withoutCodes = doc.replace(
      /<!-- generated:error-codes[\s\S]*?<!-- end generated:error-codes -->/,
      '',
    );
    expect(() => renderContractDoc(withoutCodes)).toThrow('no markers for error-codes');
    expect(Object.keys(TABLES)).toEqual([
      'endpoints',
      'create-fields',
      'list-parameters',
      'limits',
      'error-codes',
    ]);
  });
});
