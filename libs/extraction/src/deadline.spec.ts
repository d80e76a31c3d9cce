import { describe, expect, it } from '@jest/globals';
import { Deadline } from './deadline.js';
import { ExtractionError } from './extraction-error.js';

/** A clock the test moves by hand: no real time is measured. */
function manualClock(): { now: number; read: () => number } {
  const clock = { now: 1000, read: () => clock.now };
  return clock;
}

describe('Deadline', () => {
  it('passes while time remains and fails once it is over, naming the bound and the page', () => {
    const clock = manualClock();
    const deadline = new Deadline(50, 'https://example.com/a', clock.read);
    clock.now += 49;
    expect(() => deadline.check()).not.toThrow();
    clock.now += 1;
    expect(() => deadline.check()).toThrow(
      new ExtractionError('extraction exceeded 50 ms', 'https://example.com/a'),
    );
  });

  it('is over at once with a bound of 0 ms', () => {
    const deadline = new Deadline(0, 'https://example.com/a', manualClock().read);
    expect(() => deadline.check()).toThrow(ExtractionError);
  });

  it('reads the clock every few hundred ticks, so a loop stops soon after the bound', () => {
    const clock = manualClock();
    const deadline = new Deadline(10, 'https://example.com/a', clock.read);
    clock.now += 11;
    let ticks = 0;
    expect(() => {
      for (; ticks < 10_000; ticks++) deadline.tick();
    }).toThrow('extraction exceeded 10 ms');
    expect(ticks).toBeLessThan(256);
  });
});
