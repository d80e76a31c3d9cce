/**
 * The value of one series in Prometheus text, `series` written as it appears there (name and
 * labels in registration order); undefined when the series is absent.
 */
export function metricValue(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}
