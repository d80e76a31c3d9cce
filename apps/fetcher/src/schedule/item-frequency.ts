const DAY_MS = 86_400_000;
/** Item dates this far ahead of our clock are the site's clock or time zone being wrong, not news. */
const FUTURE_SKEW_MS = 3_600_000;

/**
 * Items per day, observed from the publication dates in the feed: the dated
 * items over the time from the oldest of them to now. Counting up to now
 * makes a feed that went quiet look quiet. No estimate (null) from fewer
 * than two dates, or when every item carries the same date (feeds that
 * stamp each item with the build time).
 */
export function estimateItemsPerDay(publishedAt: (string | null)[], now: Date): number | null {
  const times = publishedAt
    .map((p) => (p === null ? NaN : Date.parse(p)))
    .filter((t) => !Number.isNaN(t) && t <= now.getTime() + FUTURE_SKEW_MS);
  if (times.length < 2) return null;
  const oldest = Math.min(...times);
  if (times.every((t) => t === oldest)) return null;
  const spanDays = (now.getTime() - oldest) / DAY_MS;
  return spanDays > 0 ? times.length / spanDays : null;
}
