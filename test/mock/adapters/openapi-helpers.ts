import { Ajv2020 } from 'ajv/dist/2020.js';
import { createOpenApiDocument } from '../../../mock-server/openapi/document.js';

/** A JSON object read from the document. */
export type JsonObject = Record<string, unknown>;

/** Reads a nested object of the document by keys, failing loudly when it is missing. */
export function at(value: unknown, ...keys: string[]): JsonObject {
  let current = value;
  for (const key of keys) {
    if (typeof current !== 'object' || current === null || !(key in current)) {
      throw new Error(`missing ${keys.join(' > ')} (at ${key})`);
    }
    current = (current as JsonObject)[key];
  }
  if (typeof current !== 'object' || current === null)
    throw new Error(`${keys.join(' > ')} is not an object`);
  return current as JsonObject;
}

const DOC_ID = 'https://runra.test/openapi.json';
const pointer = (...keys: string[]) =>
  keys.map((k) => k.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');

/**
 * A JSON Schema 2020-12 validator loaded with the whole document, so a body can be checked
 * against any schema in it by JSON pointer (refs resolve as in the document).
 */
export function documentValidator() {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addSchema({ ...createOpenApiDocument(), $id: DOC_ID });
  return {
    /** Errors of `body` against the schema at `keys` (empty when valid). */
    errors(body: unknown, ...keys: string[]): string[] {
      const validate = ajv.getSchema(`${DOC_ID}#/${pointer(...keys)}`);
      if (!validate) throw new Error(`no schema at ${keys.join(' > ')}`);
      return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
    },
  };
}
