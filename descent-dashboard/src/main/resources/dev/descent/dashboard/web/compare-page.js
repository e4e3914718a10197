// Several runs overlaid (compare.html): per-epoch curves, one colour per run, and the
// configuration keys on which the runs differ. Live like the run page, per-epoch rows only.
'use strict';

const comparedIds = [...new Set(new URLSearchParams(window.location.search).getAll('id'))];

// One entry per run, in the order of the address.
const compared = comparedIds.map((id, i) => ({
  id,
  color: Colors.runs[i % Colors.runs.length],
  summary: null,
  epochs: Table.empty(),
  epochsBeforeEmptied: null,
  loaded: false,
  loading: false,
  loadAgain: false,
  eventsWhileLoading: [],
  deleted: false,
}));
const comparedById = new Map(compared.map((entry) => [entry.id, entry]));

const controls = {
  xAxis: document.getElementById('x-axis'),
  logY: document.getElementById('log-y'),
};
const charts = new ChartGroup('compare');
const panels = {
  validationLoss: charts.panel(document.getElementById('chart-compare-val-loss')),
  validationAccuracy: charts.panel(document.getElementById('chart-compare-val-accuracy')),
  trainLoss: charts.panel(document.getElementById('chart-compare-train-loss')),
};
const scheduleDraw = drawThrottle(drawCharts);

// ---- fetching ----

async function loadComparison() {
  try {
    const data = await Api.getJson(`/api/compare?${comparedIds.map((id) => `id=${encodeURIComponent(id)}`).join('&')}`);
    for (const summary of data.runs || []) {
      const entry = comparedById.get(summary.id);
      if (entry && !entry.summary) entry.summary = summary;
    }
    showLegend();
    showDifferences(data.differing || []);
  } catch (error) {
    showNotice(`Could not compare these runs: ${error.message}`);
    showDifferences(null);
  }
}

async function loadRun(entry) {
  if (entry.loading) {
    entry.loadAgain = true;
    return;
  }
  entry.loading = true;
  try {
    const data = await Api.getJson(`/api/run?id=${encodeURIComponent(entry.id)}`);
    const epochs = Table.from(data.epochs);
    // A directory being deleted is first seen with its metrics gone: keep the curve for a 404.
    if (epochs.rows.length === 0 && entry.epochs.rows.length > 0) entry.epochsBeforeEmptied = entry.epochs;
    else if (epochs.rows.length > 0) entry.epochsBeforeEmptied = null;
    entry.summary = data.run;
    entry.epochs = epochs;
    entry.loaded = true;
    entry.deleted = false;
  } catch (error) {
    if (error.status === 404) {
      entry.deleted = true;
      if (entry.epochsBeforeEmptied) entry.epochs = entry.epochsBeforeEmptied;
      entry.epochsBeforeEmptied = null;
    }
    else showNotice(`Could not load ${entry.summary ? entry.summary.name : entry.id}: ${error.message}`);
  } finally {
    entry.loading = false;
    for (const event of entry.eventsWhileLoading.splice(0)) appendRows(entry, event);
    showLegend();
    scheduleDraw(true);
    if (entry.loadAgain) {
      entry.loadAgain = false;
      loadRun(entry);
    }
  }
}

function appendRows(entry, event) {
  if (!entry.loaded || event.file !== 'epochs') return;
  if (Table.append(entry.epochs, event.from, event.rows || [])) scheduleDraw();
  else loadRun(entry); // rows are missing in between
}

function subscribe() {
  LiveEvents.subscribe(comparedIds, {
    onRows(event) {
      const entry = comparedById.get(event.id);
      if (!entry) return;
      if (entry.loading) entry.eventsWhileLoading.push(event);
      else appendRows(entry, event);
    },
    onRuns(data) {
      for (const summary of data.runs || []) {
        const entry = comparedById.get(summary.id);
        if (!entry) continue;
        const wasRunning = entry.summary && entry.summary.status === 'running';
        entry.summary = summary;
        if (!entry.loaded || (wasRunning && summary.status !== 'running')) loadRun(entry);
      }
      showLegend();
    },
    onReset(event) {
      const entry = comparedById.get(event.id);
      if (entry) loadRun(entry);
    },
    onReconnect() {
      compared.forEach(loadRun);
    },
  });
}

// ---- legend and differences ----

function runName(entry) {
  return entry.summary ? entry.summary.name : entry.id;
}

function swatch(color) {
  const mark = Dom.el('span', { className: 'swatch', 'aria-hidden': 'true' });
  mark.style.backgroundColor = color;
  return mark;
}

function showLegend() {
  const list = document.getElementById('run-legend');
  list.replaceChildren(...compared.map((entry) => {
    const status = Dom.el('span');
    Dom.setStatus(status, entry.summary ? entry.summary.status : 'unknown', 'badge');
    if (entry.summary && entry.summary.message) status.title = entry.summary.message;
    return Dom.el('li', { 'data-id': entry.id }, [
      swatch(entry.color),
      Dom.el('a', { className: 'run-link', href: Dom.runHref(entry.id), text: runName(entry) }),
      status,
      entry.summary ? Dom.el('span', { className: 'muted', text: Format.settings(entry.summary.settings) }) : null,
      entry.deleted ? Dom.el('span', { className: 'deleted-note', text: "this run's directory was deleted" }) : null,
    ]);
  }));
  if (compared.some((entry) => entry.summary)) {
    document.title = `Compare ${compared.map(runName).join(', ')} · Descent`;
  }
}

function showDifferences(differing) {
  const table = document.getElementById('differing');
  const empty = document.getElementById('differing-empty');
  if (differing == null) {
    table.replaceChildren();
    empty.hidden = true;
    return;
  }
  empty.textContent = 'All runs share the same configuration.';
  empty.hidden = differing.length > 0;
  table.hidden = differing.length === 0;
  const head = Dom.el('tr', {}, [Dom.el('th', { text: 'Key' }), ...compared.map((entry) =>
    Dom.el('th', {}, [swatch(entry.color), runName(entry)]))]);
  const rows = differing.map((difference) => Dom.el('tr', {}, [
    Dom.el('td', { className: 'config-key', text: difference.key }),
    ...compared.map((_, i) => {
      const value = (difference.values || [])[i];
      return value == null
        ? Dom.el('td', { className: 'missing', text: '(not set)' })
        : Dom.el('td', { className: 'config-value', text: value });
    }),
  ]));
  table.replaceChildren(Dom.el('thead', {}, [head]), Dom.el('tbody', {}, rows));
}

// ---- charts ----

function drawCharts() {
  const mode = XAxis.modes.includes(controls.xAxis.value) ? controls.xAxis.value : 'epoch';
  const logY = controls.logY.checked;
  const x = XAxis.column(mode);
  const logValue = logY ? positiveOnly : (v) => v;
  const drawnRuns = new Set();

  const drawMetric = (panel, name, column, transform, log, format, yAxis) => {
    const tables = compared.map((entry) => seriesTable(entry.epochs, x, [column], transform));
    tables.forEach((t, i) => { if (countPoints(t[1]) > 0) drawnRuns.add(compared[i].id); });
    const drawn = tables.some((t) => countPoints(t[1]) > 0);
    panel.container.closest('.chart-card').querySelector('.chart-empty').hidden = drawn;
    panel.container.hidden = !drawn;
    if (!drawn) return;
    const labels = compared.map(runName);
    panel.show({
      shape: [name, mode, log, ...labels].join('|'),
      xMode: mode,
      data: alignTables(tables),
      options: () => ({
        scales: { x: { time: false }, y: log ? { distr: 3, log: 10 } : {} },
        axes: [XAxis.axis(mode, { wholeEpochs: true }), Object.assign({ size: 64, labelSize: 20 }, yAxis)],
        series: [
          { label: XAxis.label(mode), value: (u, v) => XAxis.formatValue(mode, v) },
          ...compared.map((entry, i) => lineSeries(labels[i], entry.color, { width: 2, points: true, format })),
        ],
      }),
    });
  };

  drawMetric(panels.validationLoss, 'val-loss', 'val_loss', logValue, logY, Format.loss, { label: 'validation loss' });
  const anyClassification = compared.some((entry) => !entry.summary || entry.summary.task !== 'regression');
  document.getElementById('card-compare-val-accuracy').hidden = !anyClassification;
  if (anyClassification) {
    drawMetric(panels.validationAccuracy, 'val-accuracy', 'val_accuracy', (v) => v * 100, false,
      percentOfHundred, { label: 'accuracy (%)', values: percentTicks });
  }
  drawMetric(panels.trainLoss, 'train-loss', 'train_loss', logValue, logY, Format.loss, { label: 'training loss' });

  // The browser tests wait on this.
  document.body.dataset.runsDrawn = String(drawnRuns.size);
}

// ---- start ----

controls.xAxis.addEventListener('change', scheduleDraw);
controls.logY.addEventListener('change', scheduleDraw);

if (comparedIds.length === 0) {
  showNotice('No runs to compare: tick two or more runs on the list of runs, then press Compare.', 'warning');
} else {
  if (comparedIds.length === 1) showNotice('Only one run in the address; add another id=… to compare.', 'warning');
  showLegend();
  loadComparison();
  compared.forEach(loadRun);
  subscribe();
}
