// `npm start`: install, build, start Kafka, then run storage, parser and
// fetcher until Ctrl-C or SIGTERM, which stops all of them cleanly.
import {
  checkPostgres,
  ensureBuild,
  ensureDependencies,
  ensureKafka,
  say,
  startChild,
  stopKafka,
} from './lib.mjs';

const SERVICES = ['storage', 'parser', 'fetcher'];
/**
 * The fetcher's heap, unless NODE_OPTIONS says otherwise. Its live data is
 * small (feed state is in PostgreSQL), but with hundreds of polls under way
 * V8 lets the old generation fill with garbage up to ~160 MB between full
 * GCs; capped, the fetcher stays well under 256 MB at the same cycle times
 * (bench:fetch, issue 4), with room left for a few multi-megabyte feeds.
 */
const NODE_OPTIONS = { fetcher: '--max-old-space-size=192 --max-semi-space-size=8' };
const children = [];
let startedKafka = false;
let stopping = false;

async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  say('stopping services');
  const exits = children
    .filter((c) => c.exitCode === null && c.signalCode === null)
    .map(
      (c) =>
        new Promise((resolve) => {
          const force = setTimeout(() => c.kill('SIGKILL'), 20_000);
          c.once('exit', () => {
            clearTimeout(force);
            resolve();
          });
          c.kill('SIGTERM');
        }),
    );
  await Promise.all(exits);
  if (startedKafka) stopKafka();
  process.exit(code);
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

try {
  ensureDependencies();
  ensureBuild();
  await checkPostgres();
  startedKafka = ensureKafka();
  const env = { LOG_PRETTY: process.env.LOG_PRETTY ?? 'true', KAFKAJS_NO_PARTITIONER_WARNING: '1' };
  for (const service of SERVICES) {
    const nodeOptions = process.env.NODE_OPTIONS ?? NODE_OPTIONS[service];
    const child = startChild(service, process.execPath, [`dist/apps/${service}/src/main.js`], {
      ...env,
      ...(nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}),
    });
    child.on('exit', (code, signal) => {
      if (stopping) return;
      say(`${service} exited (${signal ?? `code ${code}`}); stopping the pipeline`);
      void shutdown(1);
    });
    children.push(child);
  }
  say(
    `pipeline running: articles at http://127.0.0.1:${process.env.STORAGE_PORT ?? 3000}/articles — Ctrl-C stops it`,
  );
} catch (error) {
  process.stderr.write(`npm start: ${error.message}\n`);
  await shutdown(1);
}
