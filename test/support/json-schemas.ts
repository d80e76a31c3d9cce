import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';

/** The committed JSON Schemas, as a consumer that does not use our code reads them. */
export const SCHEMAS_DIR = fileURLToPath(new URL('../../docs/schemas/', import.meta.url));

// ajv-formats is CommonJS with `exports.default` beside `module.exports`;
// `.default` is what its type declarations describe under NodeNext.
const addFormats = ajvFormats.default;

export interface SchemaValidator {
  /** The committed files, by name. */
  files: string[];
  /** Validates `data` against docs/schemas/<file>; returns ajv's error messages, empty when valid. */
  errors(file: string, data: unknown): string[];
}

/**
 * An ajv 2020-12 validator loaded with every file in docs/schemas/. Union
 * types (`"type": ["string", "null"]`) are allowed, as a consumer must.
 */
export function committedSchemas(): SchemaValidator {
  const ajv = new Ajv2020({ allErrors: true, allowUnionTypes: true });
  addFormats(ajv);
  const files = readdirSync(SCHEMAS_DIR).filter((f) => f.endsWith('.schema.json'));
  const ids = new Map<string, string>();
  for (const file of files) {
    const schema = JSON.parse(readFileSync(`${SCHEMAS_DIR}${file}`, 'utf8')) as { $id: string };
    ajv.addSchema(schema);
    ids.set(file, schema.$id);
  }
  return {
    files,
    errors(file, data) {
      const id = ids.get(file);
      if (!id) throw new Error(`no committed schema ${file} in docs/schemas/`);
      const validate = ajv.getSchema(id);
      if (!validate) throw new Error(`ajv did not compile ${file}`);
      if (validate(data)) return [];
      return (validate.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? e.keyword}`);
    },
  };
}
