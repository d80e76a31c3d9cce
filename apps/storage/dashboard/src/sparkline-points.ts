/**
 * The `points` of an SVG polyline drawing `values` left to right in a width×height box, with
 * `pad` pixels kept free inside the edges; the lowest value sits at the bottom only when it is
 * 0 (counts), so that a flat, busy series does not look like an empty one.
 */
export function sparklinePoints(values: readonly number[], width: number, height: number, pad = 1): string {
  if (values.length === 0) return '';
  const max = Math.max(...values, 1);
  const step = values.length > 1 ? (width - 2 * pad) / (values.length - 1) : 0;
  const usable = height - 2 * pad;
  return values
    .map((v, i) => {
      const x = values.length > 1 ? pad + i * step : width / 2;
      const y = height - pad - (Math.max(0, v) / max) * usable;
      return `${round(x)},${round(y)}`;
    })
    .join(' ');
}

const round = (n: number) => Math.round(n * 10) / 10;
