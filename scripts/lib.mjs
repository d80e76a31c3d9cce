// Shared steps of `npm start`, `npm test` and `npm run cli`: install what is
// missing, build, and run the local Kafka broker. Plain Node, no dependencies,
// because it runs before `npm ci` has installed anything.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const KAFKA_SCRIPT = join(ROOT, 'deploy', 'kafka', 'kafka.sh');

export function say(message) {
  process.stderr.write(`\x1b[36m▸ ${message}\x1b[0m\n`);
}

export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'], ...options });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed with exit code ${result.status ?? result.signal}`);
  }
}

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/** `npm ci` when node_modules is missing or older than the lock file. */
export function ensureDependencies() {
  const marker = join(ROOT, 'node_modules', '.package-lock.json');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(join(ROOT, 'package-lock.json')).mtimeMs)
    return;
  say('installing dependencies (npm ci)');
  run('npm', ['ci', '--no-audit', '--no-fund'], { stdio: ['ignore', 2, 'inherit'] });
}

/** Compiles apps and libs to dist/ when any source is newer than the last build. */
export function ensureBuild() {
  const stamp = join(ROOT, 'dist', '.build-stamp');
  const sources = Math.max(
    newestMtime(join(ROOT, 'apps')),
    newestMtime(join(ROOT, 'libs')),
    newestMtime(join(ROOT, 'bench')),
    newestMtime(join(ROOT, 'tsconfig.base.json')),
    newestMtime(join(ROOT, 'tsconfig.build.json')),
    newestMtime(join(ROOT, 'scripts', 'build-dashboard.mjs')),
  );
  if (existsSync(stamp) && statSync(stamp).mtimeMs >= sources) return;
  say('building (tsc)');
  run('npm', ['run', '-s', 'build'], { stdio: ['ignore', 2, 'inherit'] });
  run('touch', [stamp]);
}

/**
 * kafka.sh's environment for a local broker: `npm start`'s when none is given (kafka.sh's defaults,
 * or the KAFKA_PORT, KAFKA_CONTROLLER_PORT and KAFKA_DATA_DIR the caller set), else the one given.
 */
function brokerEnv(broker) {
  if (!broker) return process.env;
  return {
    ...process.env,
    KAFKA_PORT: String(broker.port),
    KAFKA_CONTROLLER_PORT: String(broker.controllerPort),
    KAFKA_DATA_DIR: broker.dataDir,
  };
}

/**
 * Starts the local broker unless KAFKA_BROKERS points at another cluster: `npm start`'s, or
 * `broker` ({ port, controllerPort, dataDir }: `npm test`'s own) when given.
 * Returns true when this call started it (so the caller stops it again).
 */
export function ensureKafka(broker) {
  if (process.env.KAFKA_BROKERS) {
    say(`using Kafka at ${process.env.KAFKA_BROKERS}`);
    return false;
  }
  const env = brokerEnv(broker);
  const running =
    spawnSync('bash', [KAFKA_SCRIPT, 'status'], { cwd: ROOT, env, stdio: 'ignore' }).status === 0;
  const port = env.KAFKA_PORT ?? '9092';
  if (running) {
    say(`Kafka already running on 127.0.0.1:${port}`);
    return false;
  }
  say(`starting Kafka (KRaft, single node) on 127.0.0.1:${port}`);
  run('bash', [KAFKA_SCRIPT, 'start'], { env, stdio: ['ignore', 2, 'inherit'] });
  return true;
}

export function stopKafka(broker) {
  say('stopping Kafka');
  spawnSync('bash', [KAFKA_SCRIPT, 'stop'], {
    cwd: ROOT,
    env: brokerEnv(broker),
    stdio: ['ignore', 2, 'inherit'],
  });
}

/**
 * kcat (Kafka's command-line client on librdkafka) reads our events in the
 * end-to-end tests as a client that is not ours. On a fresh Debian/Ubuntu
 * machine running as root (CI) it is installed with apt-get; elsewhere a
 * missing kcat stops the run with what to install.
 */
/**
 * Installs a Debian package when its command is missing (CI machines start bare): kcat for the
 * kcat e2e test, chromium for the dashboard's browser test.
 */
function ensureDebianPackage(pkg, command, versionArgs) {
  const runs = () => spawnSync(command, versionArgs, { stdio: 'ignore' }).error === undefined;
  if (runs()) return;
  const hint = `install it (Debian/Ubuntu: apt-get install ${pkg}) and run again`;
  if (process.getuid?.() !== 0)
    throw new Error(`${pkg} is not installed and we are not root to install it: ${hint}`);
  if (spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).error !== undefined)
    throw new Error(`${pkg} is not installed and there is no apt-get to install it with: ${hint}`);
  say(`installing ${pkg} (apt-get)`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', pkg],
  ]) {
    const result = spawnSync('apt-get', args, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    if (result.status !== 0) {
      const output = `${result.stdout}${result.stderr}`.trim().split('\n').slice(-5).join('\n');
      throw new Error(
        `apt-get ${args.join(' ')} failed (exit ${result.status ?? result.signal}): ${output}\n${hint}`,
      );
    }
  }
  if (!runs()) throw new Error(`apt-get installed ${pkg} but it does not run: ${hint}`);
}

export const ensureKcat = () => ensureDebianPackage('kcat', 'kcat', ['-V']);
export const ensureChromium = () => ensureDebianPackage('chromium', 'chromium', ['--version']);

/** Fails early, with a hint, when PostgreSQL does not answer. */
export async function checkPostgres() {
  const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const { default: pg } = await import('pg');
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString(), connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.end();
  } catch (error) {
    throw new Error(
      `PostgreSQL does not answer at ${admin.host} (${error.message}). Start it (on Debian: ` +
        `pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start) or set DATABASE_URL.`,
      { cause: error },
    );
  }
}

/** Spawns a long-running child whose output goes to ours. */
export function startChild(name, command, args, env) {
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  child.name = name;
  return child;
}
