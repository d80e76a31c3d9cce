import { describe, expect, it } from '@jest/globals';
import { isDatabaseUnavailable, isDataError, isStatementTimeout } from './errors.js';

describe('isDatabaseUnavailable', () => {
  it.each([
    [
      'a refused connection',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
    ],
    ['a reset connection', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })],
    ['a connection the server closed', new Error('Connection terminated unexpectedly')],
    ['no pooled connection in time', new Error('timeout exceeded when trying to connect')],
    ['SQLSTATE 08006 connection failure', { code: '08006', message: 'connection failure' }],
    ['SQLSTATE 53300 too many connections', { code: '53300', message: 'sorry, too many clients already' }],
    [
      'SQLSTATE 57P01 admin shutdown',
      { code: '57P01', message: 'terminating connection due to administrator command' },
    ],
    ['SQLSTATE 57P03 starting up', { code: '57P03', message: 'the database system is starting up' }],
    ['a QueryFailedError around a shutdown', { message: 'query failed', driverError: { code: '57P02' } }],
  ])('is true for %s', (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation', { code: '23505', message: 'duplicate key value' }],
    ['an undefined table', { code: '42P01', message: 'relation "articles" does not exist' }],
    ['a QueryFailedError around a syntax error', { message: 'query failed', driverError: { code: '42601' } }],
    [
      'a query cancelled by statement_timeout',
      { code: '57014', message: 'canceling statement due to statement timeout' },
    ],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['nothing', undefined],
  ])('is false for %s', (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });

  it('never calls a data error unavailable', () => {
    for (const code of ['22001', '22P02', '23502', '23505'])
      expect([isDataError({ code }), isDatabaseUnavailable({ code })]).toEqual([true, false]);
  });
});

describe('isStatementTimeout', () => {
  it('is true for a statement PostgreSQL cancelled at statement_timeout, inside a QueryFailedError too', () => {
    const timeout = { code: '57014', message: 'canceling statement due to statement timeout' };
    expect([isStatementTimeout(timeout), isStatementTimeout({ message: 'x', driverError: timeout })]).toEqual(
      [true, true],
    );
  });

  it.each([
    ['a cancel someone asked for', { code: '57014', message: 'canceling statement due to user request' }],
    ['a lost connection', new Error('Connection terminated unexpectedly')],
    ['nothing', undefined],
  ])('is false for %s', (_what, error) => {
    expect(isStatementTimeout(error)).toBe(false);
  });
});
