/**
 * The value of one series in Prometheus text, `series` written as it appears there (name and
 * labels in registration order); undefined when the series is absent.
 */
export function metricValue(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

/**
 * How much each series grew while `act` ran, an absent series counting as 0: exact counts of what
 * `act` did, whatever ran before it on the same app.
 */
export async function seriesGrowth<Name extends string>(
  metricsText: () => Promise<string>,
  series: Record<Name, string>,
  act: () => Promise<void>,
): Promise<Record<Name, number>> {
  const names = Object.keys(series) as Name[];
  const read = async () => {
    const text = await metricsText();
    return names.map((name) => metricValue(text, series[name]) ?? 0);
  };
  const before = await read();
  await act();
  const after = await read();
  return Object.fromEntries(names.map((name, i) => [name, after[i] - before[i]])) as Record<Name, number>;
}
