import { describe, expect, it } from '@jest/globals';
import {
  feedLabel,
  formatClock,
  formatCount,
  formatDateTime,
  formatDuration,
  formatRelative,
  safeHttpUrl,
  searchableQuery,
} from './format.js';

const ZWNJ = '\u200C';

describe('dashboard formatting', () => {
  it('writes counts with Persian digits and separators', () => {
    expect(formatCount(1302)).toBe('۱٬۳۰۲');
    expect(formatCount(0)).toBe('۰');
    expect(formatCount(null)).toBe('—');
  });

  it('writes a latency in the unit that suits it', () => {
    expect(formatDuration(230)).toBe(`۲۳۰ میلی${ZWNJ}ثانیه`);
    expect(formatDuration(1_500)).toBe('۱٫۵ ثانیه');
    expect(formatDuration(90_000)).toBe('۱٫۵ دقیقه');
    expect(formatDuration(604_800_000)).toBe('۱۶۸ ساعت');
    expect(formatDuration(null)).toBe('—');
  });

  it('says how long ago, in Persian', () => {
    const now = new Date('2025-10-01T08:00:00Z');
    expect(formatRelative('2025-10-01T07:57:00Z', now)).toBe('۳ دقیقه پیش');
    expect(formatRelative('2025-09-30T08:00:00Z', now)).toBe('دیروز');
    expect(formatRelative('2025-10-01T08:00:00Z', now)).toBe('اکنون');
    expect(formatRelative(null, now)).toBe('—');
  });

  it('shows Tehran time, and the Jalali date', () => {
    // 08:00 UTC is 11:30 in Tehran (UTC+03:30); 2025-10-01 is 9 Mehr 1404.
    expect(formatClock('2025-10-01T08:00:00Z')).toBe('۱۱:۳۰');
    expect(formatDateTime('2025-10-01T08:00:00Z')).toBe('۹ مهر ۱۴۰۴، ۱۱:۳۰');
  });

  it('links only to http and https addresses', () => {
    expect(safeHttpUrl('https://www.ilna.ir/news/1/')).toBe('https://www.ilna.ir/news/1/');
    expect(safeHttpUrl('javascript:alert(1)')).toBeNull();
    expect(safeHttpUrl('data:text/html,<script>alert(1)</script>')).toBeNull();
    expect(safeHttpUrl('not a url')).toBeNull();
  });

  it('shows a feed by host and path', () => {
    expect(feedLabel('https://www.ilna.ir/rss/')).toBe('www.ilna.ir/rss/');
    expect(feedLabel('https://example.com/')).toBe('example.com');
  });

  it('asks for what the search endpoint accepts', () => {
    expect(searchableQuery('  كارگران ')).toBe('كارگران');
    expect(searchableQuery('ک')).toBeNull();
    expect(searchableQuery('« »')).toBeNull();
    expect(searchableQuery('ا'.repeat(201))).toBeNull();
  });
});
