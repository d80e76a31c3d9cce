import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ConfigError } from '@news/runtime';
import { captureLogger } from '../../../../test/support/logger.js';
import { loadStorageConfig } from '../config.js';
import {
  chooseDatabase,
  databaseFromUrl,
  databaseUrl,
  DEFAULT_POSTGRES_URL,
  tcpAnswers,
} from './database-choice.js';

const listen = (server: Server) =>
  new Promise<number>((done) =>
    server.listen(0, '127.0.0.1', () => done((server.address() as AddressInfo).port)),
  );
const close = (server: Server) => new Promise<void>((done) => server.close(() => done()));

describe('which database storage runs on', () => {
  let dir: string;
  let open: Server;
  let openPort: number;
  let closedPort: number;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'storage-choice-'));
    open = createServer((socket) => socket.destroy());
    openPort = await listen(open);
    // A port that was just ours and is closed again: nothing answers there.
    const closed = createServer();
    closedPort = await listen(closed);
    await close(closed);
  });

  afterAll(async () => {
    await close(open);
    rmSync(dir, { recursive: true, force: true });
  });

  it('obeys a PostgreSQL DATABASE_URL without probing', async () => {
    const log = captureLogger();
    const url = 'postgres://app@db.internal:5433/news';
    expect(
      await chooseDatabase(url, log.logger, {
        probe: { host: '127.0.0.1', port: closedPort, timeoutMs: 500 },
      }),
    ).toEqual({
      kind: 'postgresql',
      url,
    });
  });

  it('obeys sqlite:<path>, creating its directory and saying so', async () => {
    const log = captureLogger();
    const file = join(dir, 'explicit', 'news.sqlite');
    expect(await chooseDatabase(`sqlite:${file}`, log.logger)).toEqual({ kind: 'sqlite', path: file });
    expect(existsSync(join(dir, 'explicit'))).toBe(true);
    expect(log.lines('storage uses embedded SQLite (DATABASE_URL asks for it)')).toHaveLength(1);
  });

  it('stops with one line when the SQLite file’s directory cannot be made', async () => {
    const log = captureLogger();
    const blocker = join(dir, 'a-file');
    writeFileSync(blocker, '');
    await expect(chooseDatabase(`sqlite:${blocker}/news.sqlite`, log.logger)).rejects.toThrow(
      new ConfigError(
        `cannot create the directory of the SQLite file ${blocker}/news.sqlite: EEXIST: file already exists, mkdir '${blocker}'`,
      ),
    );
  });

  it('uses the PostgreSQL that answers when DATABASE_URL is unset', async () => {
    const log = captureLogger();
    const choice = await chooseDatabase(undefined, log.logger, {
      probe: { host: '127.0.0.1', port: openPort, timeoutMs: 2000 },
      sqlitePath: join(dir, 'unused', 'storage.sqlite'),
    });
    expect(choice).toEqual({ kind: 'postgresql', url: `postgres://postgres@127.0.0.1:${openPort}/news` });
    expect(existsSync(join(dir, 'unused'))).toBe(false);
  });

  it('falls back to an SQLite file, and logs why, when nothing answers', async () => {
    const log = captureLogger();
    const file = join(dir, 'data', 'storage.sqlite');
    const choice = await chooseDatabase(undefined, log.logger, {
      probe: { host: '127.0.0.1', port: closedPort, timeoutMs: 2000 },
      sqlitePath: file,
    });
    expect(choice).toEqual({ kind: 'sqlite', path: file });
    expect(existsSync(join(dir, 'data'))).toBe(true);
    expect(
      log.lines(
        'storage uses embedded SQLite: DATABASE_URL is unset and no PostgreSQL answers at the default address',
      ),
    ).toEqual([
      expect.objectContaining({ database: 'sqlite', path: file, probed: `127.0.0.1:${closedPort}` }),
    ]);
  });

  it('tells an open port from a closed one', async () => {
    expect(await tcpAnswers('127.0.0.1', openPort, 2000)).toBe(true);
    expect(await tcpAnswers('127.0.0.1', closedPort, 2000)).toBe(false);
  });

  it('reads DATABASE_URL forms both ways', () => {
    expect(databaseFromUrl('sqlite:./data/x.sqlite')).toEqual({
      kind: 'sqlite',
      path: resolve('data/x.sqlite'),
    });
    expect(databaseFromUrl(DEFAULT_POSTGRES_URL)).toEqual({ kind: 'postgresql', url: DEFAULT_POSTGRES_URL });
    expect(databaseUrl({ kind: 'sqlite', path: '/tmp/a.sqlite' })).toBe('sqlite:/tmp/a.sqlite');
  });

  it('accepts postgres and sqlite URLs in the config, leaves it unset when absent, and rejects others in one line', () => {
    expect(loadStorageConfig({}).DATABASE_URL).toBeUndefined();
    expect(loadStorageConfig({ DATABASE_URL: 'sqlite:/tmp/news.sqlite' }).DATABASE_URL).toBe(
      'sqlite:/tmp/news.sqlite',
    );
    expect(loadStorageConfig({ DATABASE_URL: DEFAULT_POSTGRES_URL }).DATABASE_URL).toBe(DEFAULT_POSTGRES_URL);
    expect(() => loadStorageConfig({ DATABASE_URL: 'mysql://root:hunter2@db/news' })).toThrow(
      'invalid DATABASE_URL ("mysql://root:***@db/news"): expected postgres://user@host:port/database',
    );
    expect(() => loadStorageConfig({ DATABASE_URL: 'sqlite:' })).toThrow(
      'invalid DATABASE_URL ("sqlite:"): expected sqlite:<file path>',
    );
  });
});
