import { describe, expect, it } from '@jest/globals';
import { sparklinePoints } from './sparkline-points.js';

describe('sparkline points', () => {
  it('spreads the values over the width, the largest at the top and 0 at the bottom', () => {
    // 100×20 box, 0 padding: x steps of 50; y = 20 − v/4 × 20.
    expect(sparklinePoints([0, 2, 4], 100, 20, 0)).toBe('0,20 50,10 100,0');
  });

  it('keeps the padding free', () => {
    expect(sparklinePoints([0, 1], 100, 20, 2)).toBe('2,18 98,2');
  });

  it('draws an all-zero series along the bottom, and one point in the middle', () => {
    expect(sparklinePoints([0, 0], 10, 10, 0)).toBe('0,10 10,10');
    expect(sparklinePoints([3], 10, 10, 0)).toBe('5,0');
    expect(sparklinePoints([], 10, 10)).toBe('');
  });
});
