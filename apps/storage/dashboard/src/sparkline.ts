import { sparklinePoints } from './sparkline-points.js';

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 96;
const HEIGHT = 24;

/** A tiny line chart of counts, drawn with SVG elements (no inline style, no markup strings). */
export function sparkline(values: readonly number[], label: string): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('class', 'sparkline');
  svg.setAttribute('viewBox', `0 0 ${WIDTH} ${HEIGHT}`);
  svg.setAttribute('width', String(WIDTH));
  svg.setAttribute('height', String(HEIGHT));
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  const area = document.createElementNS(SVG, 'polygon');
  const points = sparklinePoints(values, WIDTH, HEIGHT, 2);
  if (points) {
    area.setAttribute('class', 'sparkline-area');
    area.setAttribute('points', `2,${HEIGHT} ${points} ${WIDTH - 2},${HEIGHT}`);
    const line = document.createElementNS(SVG, 'polyline');
    line.setAttribute('class', 'sparkline-line');
    line.setAttribute('points', points);
    svg.append(area, line);
  }
  return svg;
}
