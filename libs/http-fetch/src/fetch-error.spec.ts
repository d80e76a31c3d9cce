import { describe, expect, it } from '@jest/globals';
import { FetchError, type FetchErrorKind } from './fetch-error.js';

describe('FetchError', () => {
  it('names the URL in its message and keeps kind and status', () => {
    const error = new FetchError('http-status', 'https://example.com/a', 'HTTP 404', 404);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('FetchError');
    expect(error.message).toBe('HTTP 404 (https://example.com/a)');
    expect(error.kind).toBe('http-status');
    expect(error.url).toBe('https://example.com/a');
    expect(error.status).toBe(404);
  });

  it.each([
    [400, true],
    [401, true],
    [403, true],
    [404, true],
    [410, true],
    [451, true],
    [408, false],
    [429, false],
    [500, false],
    [502, false],
    [503, false],
    [504, false],
  ])('HTTP %i is permanent: %s', (status, permanent) => {
    expect(new FetchError('http-status', 'https://example.com/', `HTTP ${status}`, status).isPermanent).toBe(
      permanent,
    );
  });

  it('an http-status error without a status is not permanent', () => {
    expect(new FetchError('http-status', 'https://example.com/', 'HTTP ?').isPermanent).toBe(false);
  });

  it.each([
    ['bad-url', true],
    ['blocked-address', true],
    ['too-large', true],
    ['timeout', false],
    ['network', false],
    ['too-many-redirects', false],
  ] as [FetchErrorKind, boolean][])('%s is permanent: %s', (kind, permanent) => {
    expect(new FetchError(kind, 'https://example.com/', 'failed').isPermanent).toBe(permanent);
  });
});
