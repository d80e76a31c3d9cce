import { mkdirSync } from 'node:fs';
import { Socket } from 'node:net';
import { dirname, resolve } from 'node:path';
import type { Logger } from '@news/observability';
import { ConfigError } from '@news/runtime';

/** The PostgreSQL storage uses when DATABASE_URL is unset and a server answers locally. */
export const DEFAULT_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/news';
/** The embedded store used when DATABASE_URL is unset and no PostgreSQL answers locally. */
export const DEFAULT_SQLITE_PATH = './data/storage.sqlite';
const SQLITE_PREFIX = 'sqlite:';

export type DatabaseChoice =
  | { kind: 'postgresql'; url: string }
  | { kind: 'sqlite'; /** Absolute path of the database file. */ path: string };

export type DatabaseKind = DatabaseChoice['kind'];

/** `postgres://…`/`postgresql://…`, or `sqlite:<file path>`: what DATABASE_URL may hold. */
export function isDatabaseUrl(value: string): boolean {
  return (
    /^postgres(ql)?:\/\/[^/]+\/[\w-]+/.test(value) ||
    (value.startsWith(SQLITE_PREFIX) && value.length > SQLITE_PREFIX.length)
  );
}

/** A validated DATABASE_URL → the database it names; a relative SQLite path is from the working directory. */
export function databaseFromUrl(url: string): DatabaseChoice {
  if (url.startsWith(SQLITE_PREFIX))
    return { kind: 'sqlite', path: resolve(url.slice(SQLITE_PREFIX.length)) };
  return { kind: 'postgresql', url };
}

/** The DATABASE_URL form of a choice, so the rest of the service is configured by one string. */
export function databaseUrl(choice: DatabaseChoice): string {
  return choice.kind === 'sqlite' ? `${SQLITE_PREFIX}${choice.path}` : choice.url;
}

/** Whether something accepts a TCP connection at host:port within the timeout. */
export function tcpAnswers(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = new Socket();
    const finish = (answered: boolean) => {
      socket.destroy();
      done(answered);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
    socket.connect(port, host);
  });
}

export interface ChooseOptions {
  /** Where the default PostgreSQL is looked for; tests point it at a port of their own. */
  probe?: { host: string; port: number; timeoutMs: number };
  /** The SQLite file used when nothing answers; its directory is created. */
  sqlitePath?: string;
}

/**
 * The database storage runs on. A DATABASE_URL is obeyed as given (`sqlite:<path>` is the
 * explicit way to ask for the embedded store). Without one, a PostgreSQL answering on the default
 * address is used, as before; when none answers, storage still starts, on an SQLite file under
 * ./data, so that `npm start` works on a machine with Kafka alone. The log says which and why,
 * because a silent fallback would hide a PostgreSQL that is merely down.
 */
export async function chooseDatabase(
  configured: string | undefined,
  logger: Logger,
  options: ChooseOptions = {},
): Promise<DatabaseChoice> {
  if (configured) {
    const choice = databaseFromUrl(configured);
    if (choice.kind === 'sqlite') {
      createDirectoryOf(choice.path);
      logger.info(
        { database: 'sqlite', path: choice.path },
        'storage uses embedded SQLite (DATABASE_URL asks for it)',
      );
    }
    return choice;
  }
  const probe = options.probe ?? { host: '127.0.0.1', port: 5432, timeoutMs: 1000 };
  if (await tcpAnswers(probe.host, probe.port, probe.timeoutMs)) {
    logger.info(
      { database: 'postgresql', address: `${probe.host}:${probe.port}` },
      'storage uses PostgreSQL at the default address (DATABASE_URL is unset)',
    );
    return {
      kind: 'postgresql',
      url: DEFAULT_POSTGRES_URL.replace('127.0.0.1:5432', `${probe.host}:${probe.port}`),
    };
  }
  const path = resolve(options.sqlitePath ?? DEFAULT_SQLITE_PATH);
  createDirectoryOf(path);
  logger.warn(
    { database: 'sqlite', path, probed: `${probe.host}:${probe.port}` },
    'storage uses embedded SQLite: DATABASE_URL is unset and no PostgreSQL answers at the default address',
  );
  return { kind: 'sqlite', path };
}

/** The SQLite file's directory; a path that cannot be made is a setting to fix, said in one line. */
function createDirectoryOf(file: string): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
  } catch (error) {
    throw new ConfigError(
      `cannot create the directory of the SQLite file ${file}: ${(error as Error).message}`,
    );
  }
}
