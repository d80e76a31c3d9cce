// How a window's topic counts are read: whole UTC days from the daily counts,
// whole UTC hours from the hourly counts, and the partial hours at either end
// exactly, from the articles themselves. A 24-hour window then reads ~23 hourly
// rows and two hours of articles per topic; a 90-day one ~90 daily rows.

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

export type CountSource = 'articles' | 'hourly' | 'daily';

export interface CountRange {
  source: CountSource;
  /** Inclusive. */
  from: Date;
  /** Exclusive. */
  to: Date;
}

export const floorTo = (time: Date, unitMs: number) => new Date(Math.floor(time.getTime() / unitMs) * unitMs);
export const ceilTo = (time: Date, unitMs: number) => new Date(Math.ceil(time.getTime() / unitMs) * unitMs);

/** Non-overlapping ranges covering [from, to) exactly, each read from the cheapest source. */
export function countRanges(from: Date, to: Date): CountRange[] {
  if (from >= to) return [];
  const firstHour = ceilTo(from, HOUR_MS);
  const lastHour = floorTo(to, HOUR_MS);
  if (firstHour >= lastHour) return [{ source: 'articles', from, to }];
  const firstDay = ceilTo(firstHour, DAY_MS);
  const lastDay = floorTo(lastHour, DAY_MS);
  const ranges: CountRange[] = [{ source: 'articles', from, to: firstHour }];
  if (firstDay < lastDay) {
    ranges.push(
      { source: 'hourly', from: firstHour, to: firstDay },
      { source: 'daily', from: firstDay, to: lastDay },
      { source: 'hourly', from: lastDay, to: lastHour },
    );
  } else {
    ranges.push({ source: 'hourly', from: firstHour, to: lastHour });
  }
  ranges.push({ source: 'articles', from: lastHour, to });
  return ranges.filter((r) => r.from < r.to);
}
