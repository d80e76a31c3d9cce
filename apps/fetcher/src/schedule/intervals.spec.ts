import { describe, expect, it } from '@jest/globals';
import { backoffInterval, nextPollAt, normalInterval, scheduleSettings, withJitter } from './intervals.js';

const s = scheduleSettings(300, 120, 86_400);
const middle = () => 0.5; // no jitter

describe('scheduleSettings', () => {
  it('keeps the configured bounds around the default interval', () => {
    expect(s).toEqual({
      defaultSeconds: 300,
      minSeconds: 120,
      maxSeconds: 86_400,
      unhealthyAfter: 10,
      jitter: 0.1,
    });
  });

  it('lowers the floor to an explicitly shorter interval and raises the ceiling to a longer one', () => {
    expect(scheduleSettings(2, 120, 86_400)).toMatchObject({ minSeconds: 2, maxSeconds: 86_400 });
    expect(scheduleSettings(100_000, 120, 86_400)).toMatchObject({ minSeconds: 120, maxSeconds: 100_000 });
  });
});

describe('normalInterval', () => {
  it.each([
    [null, 300], // nothing known: the default
    [0, 86_400], // nothing recent: the ceiling
    [288, 300], // one item every 5 minutes
    [24, 3600], // one an hour
    [10_000, 120], // busier than the floor allows
    [0.5, 86_400], // one every two days: the ceiling
  ])('%s items a day → %i s', (itemsPerDay, seconds) => {
    expect(normalInterval(itemsPerDay, s)).toBe(seconds);
  });
});

describe('backoffInterval', () => {
  it.each([
    [1, 300],
    [2, 600],
    [3, 1200],
    [9, 76_800],
    [10, 86_400],
    [1000, 86_400],
  ])('after %i failures → %i s', (failures, seconds) => {
    expect(backoffInterval(300, failures, s)).toBe(seconds);
  });
});

describe('withJitter', () => {
  it.each([
    [0, 270],
    [0.5, 300],
    [0.75, 315],
  ])('random %s spreads 300 s to %i s', (random, seconds) => {
    expect(withJitter(300, s, () => random)).toBeCloseTo(seconds, 9);
  });
});

describe('nextPollAt', () => {
  const now = new Date('2026-11-27T10:00:00Z');

  it('is the interval from now without a hint', () => {
    expect(nextPollAt(now, 300, null, s, middle).toISOString()).toBe('2026-11-27T10:05:00.000Z');
  });

  it('waits for a longer server hint', () => {
    expect(nextPollAt(now, 300, 3600, s, middle).toISOString()).toBe('2026-11-27T11:00:00.000Z');
  });

  it('does not come back earlier for a shorter hint', () => {
    expect(nextPollAt(now, 300, 60, s, middle).toISOString()).toBe('2026-11-27T10:05:00.000Z');
  });

  it('caps a hint at the ceiling', () => {
    expect(nextPollAt(now, 300, 10 * 86_400, s, middle).toISOString()).toBe('2026-11-28T10:00:00.000Z');
  });
});
