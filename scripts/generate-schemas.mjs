// `npm run schemas`: writes the JSON Schema of every event (generated from the
// zod contracts in libs/contracts) to docs/schemas/, and removes schema files
// that no longer correspond to a contract. Commit the result; a unit test
// (libs/contracts/src/json-schemas.spec.ts) fails when the files are stale.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureDependencies, ROOT, run, say } from './lib.mjs';

ensureDependencies();
// Compiles libs/contracts alone (it imports nothing but zod), so that the
// schemas can be generated while other parts of the tree do not build.
const out = join(ROOT, 'node_modules', '.cache', 'news-contracts');
rmSync(out, { recursive: true, force: true });
run(process.execPath, [
  join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'),
  join(ROOT, 'libs', 'contracts', 'src', 'index.ts'),
  ...['--outDir', out, '--rootDir', join(ROOT, 'libs', 'contracts', 'src')],
  ...['--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2023'],
  ...['--strict', '--skipLibCheck', '--types', 'node', '--ignoreConfig'],
]);
const contracts = await import(pathToFileURL(join(out, 'index.js')).href);
const dir = join(ROOT, contracts.SCHEMAS_DIR);
mkdirSync(dir, { recursive: true });

const files = contracts.renderJsonSchemaFiles();
const wanted = new Set(files.map((f) => f.file));
let changed = 0;
for (const { file, text } of files) {
  const path = join(dir, file);
  let current = null;
  try {
    current = readFileSync(path, 'utf8');
  } catch {
    // a new file
  }
  if (current === text) continue;
  writeFileSync(path, text);
  changed++;
  say(`wrote ${contracts.SCHEMAS_DIR}/${file}`);
}
for (const file of readdirSync(dir)) {
  if (file.endsWith('.schema.json') && !wanted.has(file)) {
    rmSync(join(dir, file));
    changed++;
    say(`removed ${contracts.SCHEMAS_DIR}/${file}`);
  }
}
say(`${files.length} schemas in ${contracts.SCHEMAS_DIR}/, ${changed} changed`);
