/*
 * The geometry of a grouped bar chart, drawn as SVG on the server: one group per month, one bar
 * per series. Pure numbers, so the view only writes them out and tests can check them.
 */

export interface ChartSeries {
  key: string;
  /** One value per group; null where the number is not published ("fewer than 5", hidden). */
  values: readonly (number | null)[];
}

export interface Bar {
  series: string;
  index: number;
  value: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface BarChart {
  width: number;
  height: number;
  /** The plot area: bars stand on `bottom`; the tallest reaches `top`. */
  left: number;
  right: number;
  top: number;
  bottom: number;
  bars: Bar[];
  /** Where a number is not published: a mark at the foot of its bar's place. */
  unpublished: { series: string; index: number; x: number; y: number }[];
  ticks: { value: number; y: number }[];
  /** The centre of each group, for its label. */
  groups: { index: number; x: number }[];
}

export interface ChartLayout {
  groupWidth: number;
  barGap: number;
  plotHeight: number;
  margin: { top: number; right: number; bottom: number; left: number };
}

export const DEFAULT_LAYOUT: ChartLayout = {
  groupWidth: 44,
  barGap: 2,
  plotHeight: 200,
  margin: { top: 12, right: 12, bottom: 40, left: 44 },
};

/** A round step (1, 2 or 5 times a power of ten) that needs at most `maxTicks` steps to pass `max`. */
export function niceStep(max: number, maxTicks = 5): number {
  if (max <= 0) return 1;
  const rough = max / maxTicks;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((factor) => factor * power).find((candidate) => candidate >= rough)!;
  return Math.max(1, step);
}

export function barChart(
  series: readonly ChartSeries[],
  groups: number,
  layout: ChartLayout = DEFAULT_LAYOUT,
): BarChart {
  const { margin, groupWidth, barGap, plotHeight } = layout;
  const max = Math.max(0, ...series.flatMap((one) => one.values.map((value) => value ?? 0)));
  const step = niceStep(max);
  const scaleMax = Math.max(step, Math.ceil(max / step) * step);
  const left = margin.left;
  const top = margin.top;
  const bottom = top + plotHeight;
  const right = left + groups * groupWidth;
  const y = (value: number) => bottom - (value / scaleMax) * plotHeight;
  // Bars fill the group but a quarter of it, which separates one month from the next.
  const barWidth = (groupWidth * 0.75 - barGap * (series.length - 1)) / Math.max(1, series.length);
  const bars: Bar[] = [];
  const unpublished: BarChart['unpublished'] = [];
  series.forEach((one, seriesIndex) => {
    one.values.forEach((value, index) => {
      const x = left + index * groupWidth + groupWidth * 0.125 + seriesIndex * (barWidth + barGap);
      if (value === null) unpublished.push({ series: one.key, index, x: x + barWidth / 2, y: bottom });
      else
        bars.push({
          series: one.key,
          index,
          value,
          x,
          y: y(value),
          width: barWidth,
          height: bottom - y(value),
        });
    });
  });
  const ticks = [];
  for (let value = 0; value <= scaleMax; value += step) ticks.push({ value, y: y(value) });
  return {
    width: right + margin.right,
    height: bottom + margin.bottom,
    left,
    right,
    top,
    bottom,
    bars,
    unpublished,
    ticks,
    groups: Array.from({ length: groups }, (_, index) => ({
      index,
      x: left + index * groupWidth + groupWidth / 2,
    })),
  };
}
