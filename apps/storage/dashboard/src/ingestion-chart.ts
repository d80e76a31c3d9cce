import uPlot from 'uplot';
import type { CountPoint } from './api.js';
import { formatClock, formatCount } from './format.js';

const FONT = '11px Vazirmatn, Tahoma, "Noto Sans Arabic", sans-serif';
const HEIGHT = 220;

const dayHour = new Intl.DateTimeFormat('fa-IR', {
  timeZone: 'Asia/Tehran',
  weekday: 'short',
  hour: '2-digit',
  hourCycle: 'h23',
});

/** Articles written per bucket, as bars on a time axis in Tehran time with Persian digits. */
export class IngestionChart {
  private plot: uPlot | undefined;
  private hourly = false;
  private points: CountPoint[] = [];

  constructor(private readonly container: HTMLElement) {
    new ResizeObserver(() => this.plot?.setSize({ width: this.width(), height: HEIGHT })).observe(container);
  }

  show(points: CountPoint[], hourly: boolean): void {
    const rebuild = hourly !== this.hourly || !this.plot;
    this.points = points;
    this.hourly = hourly;
    const data: uPlot.AlignedData = [points.map((p) => Date.parse(p.t) / 1000), points.map((p) => p.count)];
    if (!rebuild && this.plot) {
      this.plot.setData(data);
      return;
    }
    this.plot?.destroy();
    this.plot = new uPlot(this.options(), data, this.container);
  }

  get isHourly(): boolean {
    return this.hourly;
  }

  get shown(): CountPoint[] {
    return this.points;
  }

  private width(): number {
    return Math.max(280, this.container.clientWidth);
  }

  private options(): uPlot.Options {
    const axis = {
      stroke: '#8b949e',
      font: FONT,
      grid: { stroke: 'rgba(139,148,158,0.15)', width: 1 },
      ticks: { stroke: 'rgba(139,148,158,0.3)', width: 1 },
    };
    return {
      width: this.width(),
      height: HEIGHT,
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(5, Math.ceil(max * 1.15))] } },
      axes: [
        {
          ...axis,
          values: (_u, splits) =>
            splits.map((s) =>
              this.hourly ? dayHour.format(new Date(s * 1000)) : formatClock(new Date(s * 1000)),
            ),
        },
        { ...axis, size: 48, values: (_u, splits) => splits.map((s) => formatCount(s)) },
      ],
      series: [
        {},
        {
          label: 'خبر',
          stroke: '#58a6ff',
          width: 1,
          fill: 'rgba(88,166,255,0.35)',
          paths: uPlot.paths.bars?.({ size: [0.8, 24] }),
          points: { show: false },
        },
      ],
    };
  }
}
