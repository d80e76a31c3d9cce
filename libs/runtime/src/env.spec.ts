import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import {
  ConfigError,
  envBoolean,
  envBrokers,
  envPort,
  envPositiveInt,
  envPostgresUrl,
  loadEnv,
} from './env.js';

const schema = z.object({
  FLAG: envBoolean(false),
  INTERVAL: envPositiveInt(300),
  PORT: envPort(3000),
  BROKERS: envBrokers,
  DATABASE_URL: envPostgresUrl,
});

describe('loadEnv', () => {
  it('applies defaults when variables are unset or empty', () => {
    expect(loadEnv(schema, { INTERVAL: '' })).toEqual({
      FLAG: false,
      INTERVAL: 300,
      PORT: 3000,
      BROKERS: ['127.0.0.1:9092'],
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/news',
    });
  });

  it('parses given values', () => {
    expect(
      loadEnv(schema, { FLAG: 'true', INTERVAL: '60', PORT: '8080', BROKERS: 'a:1, b:2' }),
    ).toMatchObject({
      FLAG: true,
      INTERVAL: 60,
      PORT: 8080,
      BROKERS: ['a:1', 'b:2'],
    });
  });

  it.each([
    [{ INTERVAL: 'abc' }, 'invalid INTERVAL ("abc"): expected a number'],
    [{ INTERVAL: '-5' }, 'invalid INTERVAL ("-5"): expected a positive number'],
    [{ INTERVAL: '1.5' }, 'invalid INTERVAL ("1.5"): expected a whole number'],
    [{ FLAG: 'maybe' }, 'invalid FLAG ("maybe"): expected true or false'],
    [{ BROKERS: 'localhost' }, 'invalid BROKERS ("localhost"): expected host:port[,host:port…]'],
  ])('rejects %j with one line naming the variable', (env, message) => {
    expect(() => loadEnv(schema, env)).toThrow(new ConfigError(message));
  });

  it('never repeats a password from a connection string', () => {
    expect(() => loadEnv(schema, { DATABASE_URL: 'mysql://app:s3cret@db/news' })).toThrow(/app:\*\*\*@db/);
    expect(() => loadEnv(schema, { DATABASE_URL: 'mysql://app:s3cret@db/news' })).not.toThrow(/s3cret/);
  });
});
