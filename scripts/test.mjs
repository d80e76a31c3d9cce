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
  ROOT,
  run,
  say,
  stopKafka,
} from './lib.mjs';

let startedKafka = false;
let exitCode = 1;
let totals = null;
try {
  ensureDependencies();
  say('lint and format check');
  run('npx', ['eslint', '.']);
  run('npx', ['prettier', '--check', '.', '--log-level', 'warn']);
  say('type check');
  run('npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
  ensureBuild();
  await checkPostgres();
  startedKafka = ensureKafka();

  const results = join(ROOT, 'test-results', 'jest.json');
  mkdirSync(join(ROOT, 'test-results'), { recursive: true });
  say('jest (unit, integration, e2e)');
  const jest = spawnSync(
    process.execPath,
    [
      '--experimental-vm-modules',
      'node_modules/jest/bin/jest.js',
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
  totals = {
    passed: report.numPassedTests,
    failed: report.numFailedTests + report.numRuntimeErrorTestSuites,
  };
  exitCode = jest.status === 0 && totals.passed > 0 ? 0 : 1;
} catch (error) {
  process.stderr.write(`npm test: ${error.message}\n`);
} finally {
  if (startedKafka && !process.env.KEEP_KAFKA) stopKafka();
}
if (totals) process.stdout.write(`${totals.passed} passed, ${totals.failed} failed\n`);
process.exit(exitCode);
