// `npm run bench:<name> -- [args]`: install and build if needed, and for the
// benches that need them check PostgreSQL and start Kafka unless it runs; then
// run dist/bench/<name>.js with the remaining arguments. Stops Kafka
// afterwards only if this script started it.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { checkPostgres, ensureBuild, ensureDependencies, ensureKafka, ROOT, stopKafka } from './lib.mjs';

const [name, ...args] = process.argv.slice(2);
if (!name || !/^[\w-]+$/.test(name)) {
  process.stderr.write('usage: node scripts/run-bench.mjs <name> [args…]   (runs dist/bench/<name>.js)\n');
  process.exit(2);
}

/** Runs the bench; Ctrl-C reaches it (and the services it started) directly, so here it only waits. */
function runBench(script, benchArgs) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...benchArgs], { cwd: ROOT, stdio: 'inherit' });
    const ignore = () => {};
    process.on('SIGINT', ignore);
    process.on('SIGTERM', () => child.kill('SIGTERM'));
    child.on('exit', (code, signal) => {
      process.off('SIGINT', ignore);
      resolve(code ?? (signal ? 128 + 2 : 1));
    });
  });
}

/** Benches that run the services against the real broker and database; the others are pure. */
const NEEDS_INFRASTRUCTURE = new Set(['pipeline', 'storage', 'fetch']);

let startedKafka = false;
let exitCode = 1;
try {
  ensureDependencies();
  ensureBuild();
  const script = join('dist', 'bench', `${name}.js`);
  if (!existsSync(join(ROOT, script))) throw new Error(`no bench named "${name}" (bench/${name}.ts)`);
  if (NEEDS_INFRASTRUCTURE.has(name)) {
    await checkPostgres();
    startedKafka = ensureKafka();
  }
  exitCode = await runBench(script, args);
} catch (error) {
  process.stderr.write(`bench:${name}: ${error.message}\n`);
} finally {
  if (startedKafka) stopKafka();
}
process.exit(exitCode);
