import assert from 'node:assert/strict';
import { DEFAULT_LAYOUT, barChart, niceStep } from '../../../src/statistics/chart.js';

describe('statistics: the bar chart’s geometry', () => {
  it('picks round steps for the axis', () => {
    assert.equal(niceStep(0), 1);
    assert.equal(niceStep(4), 1);
    assert.equal(niceStep(9), 2);
    assert.equal(niceStep(23), 5);
    assert.equal(niceStep(140), 50);
  });

  it('draws bars in proportion on one baseline, one group per month, and marks what is not published', () => {
    const chart = barChart(
      [
        { key: 'received', values: [10, 5, null] },
        { key: 'resolved', values: [0, 10, 7] },
      ],
      3,
    );
    const { plotHeight, groupWidth, margin } = DEFAULT_LAYOUT;
    assert.equal(chart.bottom - chart.top, plotHeight);
    assert.equal(chart.right - chart.left, 3 * groupWidth);
    assert.equal(chart.width, margin.left + 3 * groupWidth + margin.right);
    const bar = (series: string, index: number) =>
      chart.bars.find((one) => one.series === series && one.index === index)!;
    // The axis runs to 10 (steps of 2): a 10 reaches the top, a 5 half-way, a 0 has no height.
    assert.equal(chart.ticks.at(-1)!.value, 10);
    assert.equal(bar('received', 0).height, plotHeight);
    assert.equal(bar('received', 0).y, chart.top);
    assert.equal(bar('received', 1).height, plotHeight / 2);
    assert.equal(bar('resolved', 0).height, 0);
    for (const one of chart.bars) assert.equal(one.y + one.height, chart.bottom);
    // Bars stay inside their own month, and the two series side by side.
    for (const one of chart.bars) {
      assert.ok(one.x >= chart.left + one.index * groupWidth);
      assert.ok(one.x + one.width <= chart.left + (one.index + 1) * groupWidth);
    }
    assert.ok(bar('resolved', 1).x > bar('received', 1).x + bar('received', 1).width);
    assert.deepEqual(
      chart.unpublished.map((mark) => [mark.series, mark.index, mark.y]),
      [['received', 2, chart.bottom]],
    );
    assert.deepEqual(
      chart.groups.map((group) => group.x),
      [0, 1, 2].map((index) => chart.left + index * groupWidth + groupWidth / 2),
    );
  });

  it('draws an empty chart with a scale when every month is zero', () => {
    const chart = barChart([{ key: 'received', values: [0, 0] }], 2);
    assert.deepEqual(
      chart.ticks.map((tick) => tick.value),
      [0, 1],
    );
    assert.ok(chart.bars.every((bar) => bar.height === 0));
  });
});
