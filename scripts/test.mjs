// `npm test`: the whole suite — lint, types, unit, integration and end-to-end
// tests — against a real Kafka broker and PostgreSQL, which it starts itself.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  checkPostgres,
  ensureBuild,
  ensureDependencies,
  ensureKafka,
  ensureChromium,
  ensureKcat,
  ROOT,
  run,
  say,
  stopKafka,
} from './lib.mjs';

/**
 * The suite's own broker, beside `npm start`'s (9092, deploy/kafka/.data): the articles the tests
 * produce never reach the topics `npm start`'s storage reads into its archive, whether it runs now
 * or later. KAFKA_BROKERS still points the suite at any other cluster instead.
 */
const TEST_BROKER = {
  port: 19092,
  controllerPort: 19093,
  dataDir: join(ROOT, 'deploy', 'kafka', '.data-test'),
};

/** One Jest run with its JSON report; extra `npm test -- …` arguments (e.g. a path filter) go to each run. */
function runJest(name, args) {
  const results = join(ROOT, 'test-results', `${name}.json`);
  say(`jest: ${name}`);
  const jest = spawnSync(
    process.execPath,
    [
      '--experimental-vm-modules',
      'node_modules/jest/bin/jest.js',
      ...args,
      '--passWithNoTests',
      '--json',
      `--outputFile=${results}`,
      ...process.argv.slice(2),
    ],
    {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, NODE_NO_WARNINGS: '1', KAFKAJS_NO_PARTITIONER_WARNING: '1' },
    },
  );
  const report = JSON.parse(readFileSync(results, 'utf8'));
  return {
    ok: jest.status === 0,
    passed: report.numPassedTests,
    failed: report.numFailedTests + report.numRuntimeErrorTestSuites,
  };
}

let startedKafka = false;
let exitCode = 1;
let totals = null;
try {
  ensureDependencies();
  say('lint and format check');
  run('npx', ['eslint', '.']);
  run('npx', ['prettier', '--check', '.', '--log-level', 'warn']);
  say('type check');
  run('npm', ['run', '-s', 'typecheck']);
  ensureBuild();
  await checkPostgres();
  startedKafka = ensureKafka(TEST_BROKER);
  process.env.KAFKA_BROKERS ??= `127.0.0.1:${TEST_BROKER.port}`;
  ensureKcat();
  ensureChromium();

  mkdirSync(join(ROOT, 'test-results'), { recursive: true });
  // Unit specs run in parallel. Integration and end-to-end tests share one broker
  // and its topics, so they run one file at a time: a service under test must not
  // consume what another test file is producing.
  const unit = runJest('unit', ['--selectProjects', 'unit']);
  const real = runJest('integration-e2e', ['--selectProjects', 'integration', 'e2e', '--runInBand']);
  totals = { passed: unit.passed + real.passed, failed: unit.failed + real.failed };
  exitCode = unit.ok && real.ok && totals.passed > 0 ? 0 : 1;
} catch (error) {
  process.stderr.write(`npm test: ${error.message}\n`);
} finally {
  if (startedKafka && !process.env.KEEP_KAFKA) stopKafka(TEST_BROKER);
}
if (totals) process.stdout.write(`${totals.passed} passed, ${totals.failed} failed\n`);
process.exit(exitCode);
