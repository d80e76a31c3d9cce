// `npm run bench:<name> -- [args]`: install and build if needed, check
// PostgreSQL, start Kafka unless it runs, then run dist/bench/<name>.js with
// the remaining arguments. Stops Kafka afterwards only if this script started it.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  checkPostgres,
  ensureBuild,
  ensureDependencies,
  ensureKafka,
  ROOT,
  run,
  say,
  stopKafka,
} from './lib.mjs';

const [name, ...args] = process.argv.slice(2);
if (!name || !/^[\w-]+$/.test(name)) {
  process.stderr.write('usage: node scripts/run-bench.mjs <name> [args…]   (runs dist/bench/<name>.js)\n');
  process.exit(2);
}

function newestTsMtime(dir) {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestTsMtime(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** ensureBuild() watches apps/ and libs/ only; rebuild when a bench source is newer than its output. */
function ensureBenchBuild(entry) {
  const output = join(ROOT, 'dist', 'bench', `${entry}.js`);
  if (existsSync(output) && statSync(output).mtimeMs >= newestTsMtime(join(ROOT, 'bench'))) return;
  say('building (tsc, bench sources changed)');
  run('npm', ['run', '-s', 'build'], { stdio: ['ignore', 2, 'inherit'] });
  if (!existsSync(output)) throw new Error(`no bench named "${entry}": bench/${entry}.ts did not build`);
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

let startedKafka = false;
let exitCode = 1;
try {
  ensureDependencies();
  ensureBuild();
  ensureBenchBuild(name);
  await checkPostgres();
  startedKafka = ensureKafka();
  exitCode = await runBench(join('dist', 'bench', `${name}.js`), args);
} catch (error) {
  process.stderr.write(`bench:${name}: ${error.message}\n`);
} finally {
  if (startedKafka) stopKafka();
}
process.exit(exitCode);
