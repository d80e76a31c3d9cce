// `npm run cli -- …`: build if needed (quietly, on stderr), then run the CLI.
import { spawnSync } from 'node:child_process';
import { ensureBuild, ensureDependencies, ROOT } from './lib.mjs';

ensureDependencies();
ensureBuild();
const result = spawnSync(process.execPath, ['dist/apps/cli/src/main.js', ...process.argv.slice(2)], {
  cwd: ROOT,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
