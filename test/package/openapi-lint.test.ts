import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createOpenApiDocument } from '../../mock-server/openapi/document.js';
import { redoclyProblems, typesCompileErrors } from '../../scripts/lint-openapi.js';

const dir = mkdtempSync(join(tmpdir(), 'runra-openapi-lint-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Doc = Record<string, Record<string, Record<string, unknown>>>;
const copy = () => structuredClone(createOpenApiDocument()) as Doc;

describe('/openapi.json as other tools see it', () => {
  it('Redocly CLI, recommended rules: no error and no warning', () => {
    expect(redoclyProblems(createOpenApiDocument(), join(dir, 'ok'))).toEqual([]);
  });

  it('the Redocly check reports a missing license and an unused response component', () => {
    const doc = copy();
    delete doc.info?.license;
    doc.components = { ...doc.components, responses: { Unused: { description: 'nothing refers to it' } } };
    const problems = redoclyProblems(doc, join(dir, 'bad'));
    expect(problems.map((p) => `${p.ruleId} ${p.pointer}`).sort()).toEqual([
      'info-license #/info',
      'no-unused-components #/components/responses/Unused',
    ]);
  });

  it('openapi-typescript 7 types compile under strict, with a probe that uses them', async () => {
    expect(await typesCompileErrors(createOpenApiDocument(), join(dir, 'types-ok'))).toEqual([]);
  });

  it('the types check fails when the document loses a field the probe reads', async () => {
    const doc = copy();
    const sandbox = doc.components?.schemas?.Sandbox as {
      properties: Record<string, unknown>;
      required: string[];
    };
    delete sandbox.properties.id;
    sandbox.required = sandbox.required.filter((name) => name !== 'id');
    const errors = await typesCompileErrors(doc, join(dir, 'types-bad'));
    expect(errors.join('\n')).toMatch(/probe\.ts:4: Type 'unknown' is not assignable to type 'string'/);
  });
});
