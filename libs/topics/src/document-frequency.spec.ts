import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';

import { RollingDocumentFrequency } from './document-frequency.js';

describe('RollingDocumentFrequency', () => {
  it('counts each phrase once per article', () => {
    const df = new RollingDocumentFrequency({ width: 1 << 10 });
    df.add(['a', 'b', 'a']);
    df.add(['a']);
    expect(df.documents).toBe(2);
    expect(df.frequency('a')).toBe(2);
    expect(df.frequency('b')).toBe(1);
  });

  it('forgets the generation before the previous one', () => {
    const df = new RollingDocumentFrequency({ width: 1 << 10, generationSize: 2 });
    df.add(['old']);
    df.add(['old']);
    df.add(['new']);
    df.add(['new']);
    expect(df.frequency('old')).toBe(2); // previous generation: still counted
    df.add(['newest']);
    expect(df.frequency('old')).toBe(0);
    expect(df.frequency('new')).toBe(2);
    expect(df.documents).toBe(3);
  });

  it('never estimates below the true count', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string({ maxLength: 4 }), { maxLength: 5 }), { maxLength: 60 }),
        (articles) => {
          const df = new RollingDocumentFrequency({ width: 1 << 4, generationSize: 1000 });
          const truth = new Map<string, number>();
          for (const keys of articles) {
            df.add(keys);
            for (const key of new Set(keys)) truth.set(key, (truth.get(key) ?? 0) + 1);
          }
          return [...truth].every(([key, n]) => df.frequency(key) >= n);
        },
      ),
    );
  });

  it('refuses a width that is not a power of two', () => {
    expect(() => new RollingDocumentFrequency({ width: 1000 })).toThrow(RangeError);
  });
});
