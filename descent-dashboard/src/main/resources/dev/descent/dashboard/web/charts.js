// uPlot panels for the run and compare pages, and the data shaping they share (x choices,
// aligning series with different x values, smoothing). Needs uPlot and common.js loaded first.
'use strict';

const CHART_HEIGHT = 260;

const Colors = {
  stepLoss: '#2563eb',
  stepLossFaint: 'rgba(37, 99, 235, 0.22)',
  epochTrainLoss: '#1e3a8a',
  validationLoss: '#ea580c',
  accuracy: '#16a34a',
  gap: '#9333ea',
  learningRate: '#0891b2',
  throughput: '#475569',
  // One per run on the compare page; distinguishable, and none reads as a status colour alone.
  runs: ['#2563eb', '#ea580c', '#16a34a', '#9333ea', '#dc2626', '#0891b2', '#ca8a04', '#db2777',
    '#4b5563', '#65a30d'],
};

// The three x axes: the column giving x (both metrics files have all three) and its label.
const XAxis = {
  modes: ['step', 'epoch', 'time'],

  column(mode) {
    if (mode === 'time') return 'elapsed_seconds';
    if (mode === 'epoch') return 'epoch';
    return 'step';
  },

  label(mode) {
    return { step: 'step', epoch: 'epoch', time: 'wall time' }[mode] || mode;
  },

  formatValue(mode, value) {
    if (!Format.isNumber(value)) return Format.MISSING;
    if (mode === 'time') return Format.duration(value);
    if (mode === 'epoch') return Number(value.toFixed(3)).toString();
    return Format.integer(value);
  },

  // wholeEpochs: ticks on whole epochs only, for charts whose points all sit at an epoch's end.
  axis(mode, { wholeEpochs = false } = {}) {
    const axis = { label: XAxis.label(mode), labelSize: 20 };
    if (mode === 'time') axis.values = (u, ticks) => ticks.map(timeTick);
    if (mode === 'epoch' && wholeEpochs) axis.incrs = epochIncrements;
    return axis;
  },
};

// Axis ticks to 3 significant digits: uPlot's own rounding shows 0.0008 and 0.0002 both as 0.
function significantTicks(u, ticks) {
  return ticks.map((t) => (t == null ? '' : Number(t.toPrecision(3)).toString()));
}

function percentTicks(u, ticks) {
  return ticks.map((t) => (t == null ? '' : `${Number(t.toPrecision(3))}%`));
}

// The accuracy charts plot percentages (0–100); legends show them like the rest of the page.
function percentOfHundred(value) {
  return Format.isNumber(value) ? Format.percent(value / 100) : Format.MISSING;
}

// Whole epochs, unless zoomed in to less than two of them.
function epochIncrements(u, axisIndex, min, max) {
  const whole = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];
  return max - min >= 2 ? whole : [0.05, 0.1, 0.2, 0.25, 0.5, ...whole];
}

function timeTick(seconds) {
  if (seconds == null) return '';
  if (seconds < 120) return `${Number(seconds.toPrecision(4))}s`;
  if (seconds < 7200) return `${Number((seconds / 60).toPrecision(3))}m`;
  return `${Number((seconds / 3600).toPrecision(3))}h`;
}

// [xs, ys1, ys2, ...] from a metrics table: rows without an x, or whose x does not grow, are
// left out, since uPlot needs ascending x. transform maps each y (e.g. to drop non-positive
// values on a log axis).
function seriesTable(table, xName, yNames, transform = (y) => y) {
  const xAt = Table.index(table, xName);
  const yAts = yNames.map((name) => Table.index(table, name));
  const xs = [];
  const ys = yNames.map(() => []);
  if (xAt < 0) return [xs, ...ys];
  const rows = table.rows;
  let previous = -Infinity;
  // Plain loops: a long run has hundreds of thousands of step rows, redone on every draw.
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    const x = row[xAt];
    if (typeof x !== 'number' || !(x > previous) || x === Infinity) continue;
    previous = x;
    xs.push(x);
    for (let k = 0; k < yAts.length; k++) {
      const y = yAts[k] < 0 ? null : row[yAts[k]];
      ys[k].push(typeof y === 'number' && Number.isFinite(y) ? transform(y) : null);
    }
  }
  return [xs, ...ys];
}

// Aligns tables with different x values into one uPlot data set (missing values undefined,
// which series with spanGaps draw across). Ascending inputs merge in linear time, and a table
// that already has every x keeps its own arrays; anything else goes through uPlot.join.
function alignTables(tables) {
  if (tables.length === 1) return tables[0];
  if (!tables.every((t) => isAscending(t[0]))) return uPlot.join(tables);
  const xs = mergeAscending(tables.map((t) => t[0]));
  const aligned = [xs];
  for (const table of tables) {
    const own = table[0];
    if (own.length === xs.length) {
      // Ascending, and as many values as the union: the same x values, so no copy.
      for (let s = 1; s < table.length; s++) aligned.push(table[s]);
      continue;
    }
    const columns = table.slice(1).map(() => new Array(xs.length).fill(undefined));
    let at = 0;
    for (let i = 0; i < own.length; i++) {
      while (xs[at] < own[i]) at++;
      for (let s = 1; s < table.length; s++) columns[s - 1][at] = table[s][i];
    }
    aligned.push(...columns);
  }
  return aligned;
}

// The union of ascending arrays, ascending, each value once.
function mergeAscending(lists) {
  const merged = [];
  const heads = new Array(lists.length).fill(0);
  for (;;) {
    let x = Infinity;
    for (let i = 0; i < lists.length; i++) {
      if (heads[i] < lists[i].length && lists[i][heads[i]] < x) x = lists[i][heads[i]];
    }
    if (x === Infinity) return merged;
    merged.push(x);
    for (let i = 0; i < lists.length; i++) {
      if (heads[i] < lists[i].length && lists[i][heads[i]] === x) heads[i]++;
    }
  }
}

function isAscending(xs) {
  for (let i = 1; i < xs.length; i++) if (!(xs[i] > xs[i - 1])) return false;
  return true;
}

// TensorBoard's smoothing: an exponential moving average, debiased so the first points are
// not pulled towards zero. Missing values stay missing.
function smoothExponentially(values, weight) {
  const smoothed = new Array(values.length);
  let average = 0;
  let weightToTheCount = 1; // weight^count, the share of the (zero) start still in the average
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      smoothed[i] = value;
      continue;
    }
    average = average * weight + (1 - weight) * value;
    weightToTheCount *= weight;
    smoothed[i] = average / (1 - weightToTheCount);
  }
  return smoothed;
}

// Log axes cannot show zero or negative values; they become gaps.
function positiveOnly(value) {
  return value > 0 ? value : null;
}

function countPoints(values) {
  let n = 0;
  for (const v of values) if (v != null) n++;
  return n;
}

// Series options for a line; points are drawn for per-epoch series, which have few values.
function lineSeries(label, color, { width = 1.5, points = false, format = Format.loss } = {}) {
  return {
    label,
    stroke: color,
    width,
    spanGaps: true,
    points: { show: points, size: 5, fill: color },
    value: (u, v) => format(v),
  };
}

// The charts of one page: uPlot.sync publishes the cursor, a drag-to-zoom on x and the
// double-click that resets it to every chart with the same key.
class ChartGroup {
  constructor(syncKey) {
    this.syncKey = syncKey;
    uPlot.sync(syncKey);
  }

  panel(container) {
    return new ChartPanel(this, container);
  }
}

// One uPlot chart in a container. show(spec) draws it: spec.shape names everything about the
// chart except its data (x mode, log axis, the series); a new shape rebuilds the chart, the
// same shape only swaps the data. spec.options() gives the uPlot options (series, axes, scales).
class ChartPanel {
  constructor(group, container) {
    this.group = group;
    this.container = container;
    this.plot = null;
    this.shape = null;
    this.xMode = null;
    this.pending = null;
    this.width = 0;
    new ResizeObserver(() => this.resize()).observe(container);
  }

  show(spec) {
    const width = this.container.clientWidth;
    if (width === 0) {
      // Hidden (display: none) or not laid out yet: draw when the container gets a size.
      this.pending = spec;
      return;
    }
    this.pending = null;
    if (this.plot && spec.shape === this.shape) this.swapData(spec.data);
    else this.rebuild(spec, width);
  }

  rebuild(spec, width) {
    const keptZoom = this.plot && spec.xMode === this.xMode ? this.zoomedRange() : null;
    if (this.plot) this.plot.destroy();
    const options = spec.options();
    options.width = width;
    options.height = CHART_HEIGHT;
    options.cursor = Object.assign({
      sync: { key: this.group.syncKey, setSeries: false },
      drag: { x: true, y: false, setScale: true },
    }, options.cursor);
    options.legend = Object.assign({ live: true }, options.legend);
    this.plot = new uPlot(options, spec.data, this.container);
    this.width = width;
    this.shape = spec.shape;
    this.xMode = spec.xMode;
    if (keptZoom) this.plot.setScale('x', keptZoom);
  }

  // New points without losing the user's zoom: uPlot's setData would reset the x range.
  swapData(data) {
    const zoom = this.zoomedRange();
    if (!zoom) {
      this.plot.setData(data);
      return;
    }
    this.plot.batch(() => {
      this.plot.setData(data, false);
      this.plot.setScale('x', zoom);
    });
  }

  // The x range the user zoomed to, or null when the chart shows all its data.
  zoomedRange() {
    const u = this.plot;
    if (!u) return null;
    const xs = u.data[0];
    const { min, max } = u.scales.x;
    if (xs.length < 2 || min == null || max == null) return null;
    return min > xs[0] || max < xs[xs.length - 1] ? { min, max } : null;
  }

  resize() {
    const width = this.container.clientWidth;
    if (width === 0) return;
    if (this.pending) this.show(this.pending);
    else if (this.plot && width !== this.width) {
      this.width = width;
      this.plot.setSize({ width, height: CHART_HEIGHT });
    }
  }
}
