// One run (run.html): its summary, live curves, test report, plots and configuration.
// The metrics tables are fetched once, then grown by the live "rows" events; the charts redraw
// from them at most every ~100 ms.
'use strict';

const runId = new URLSearchParams(window.location.search).get('id');

const run = {
  summary: null,
  config: [],
  epochs: Table.empty(),
  steps: Table.empty(),
  testReport: null,
  plots: [],
  loaded: false, // at least one successful fetch: there are curves to keep
  curvesBeforeEmptied: null, // the curves a fetch found emptied, for a 404 that may follow
};

const controls = {
  xAxis: document.getElementById('x-axis'),
  logY: document.getElementById('log-y'),
  smoothing: document.getElementById('smoothing'),
  smoothingValue: document.getElementById('smoothing-value'),
};

const charts = new ChartGroup('run');
const panels = {
  loss: charts.panel(document.getElementById('chart-loss')),
  accuracy: charts.panel(document.getElementById('chart-accuracy')),
  gap: charts.panel(document.getElementById('chart-gap')),
  lr: charts.panel(document.getElementById('chart-lr')),
  throughput: charts.panel(document.getElementById('chart-throughput')),
};
const scheduleDraw = drawThrottle(drawCharts);

// ---- fetching, and the live events that grow what was fetched ----

let loading = false;
let loadAgain = false;
const eventsWhileLoading = [];

async function loadRun() {
  if (loading) {
    loadAgain = true;
    return;
  }
  loading = true;
  try {
    const data = await Api.getJson(`/api/run?id=${encodeURIComponent(runId)}`);
    const epochs = Table.from(data.epochs);
    const steps = Table.from(data.steps);
    // A directory being deleted is first seen with its metrics gone; keep the curves aside in
    // case a 404 follows. A run started again in the same directory brings new rows instead.
    if (epochs.rows.length + steps.rows.length > 0) run.curvesBeforeEmptied = null;
    else if (run.epochs.rows.length + run.steps.rows.length > 0) {
      run.curvesBeforeEmptied = { epochs: run.epochs, steps: run.steps };
    }
    run.summary = data.run;
    run.config = data.config || [];
    run.epochs = epochs;
    run.steps = steps;
    run.testReport = data.test_report || null;
    run.plots = data.plots || [];
    run.loaded = true;
    showNotice(null);
    showSummary();
    showConfig();
    showTestReport();
    showPlots();
  } catch (error) {
    if (error.status === 404) {
      if (run.curvesBeforeEmptied) {
        run.epochs = run.curvesBeforeEmptied.epochs;
        run.steps = run.curvesBeforeEmptied.steps;
        run.curvesBeforeEmptied = null;
      }
      showNotice(run.loaded
        ? "This run's directory was deleted; the curves below are the last ones received."
        : `No run with id “${runId}”: it may have been deleted. Go back to the list of runs.`,
      'warning');
    } else {
      showNotice(`Could not load this run: ${error.message}`);
    }
  } finally {
    loading = false;
    // Rows that arrived during the fetch: the ones the fetch already had are skipped by position.
    for (const event of eventsWhileLoading.splice(0)) appendRows(event);
    scheduleDraw(true);
    if (loadAgain) {
      loadAgain = false;
      loadRun();
    }
  }
}

function appendRows(event) {
  if (!run.loaded) return;
  const table = event.file === 'epochs' ? run.epochs : event.file === 'steps' ? run.steps : null;
  if (!table) return;
  if (Table.append(table, event.from, event.rows || [])) scheduleDraw();
  else loadRun(); // rows are missing in between
}

function subscribe() {
  LiveEvents.subscribe([runId], {
    onRows(event) {
      if (event.id !== runId) return;
      if (loading) eventsWhileLoading.push(event);
      else appendRows(event);
    },
    onRuns(data) {
      const summary = (data.runs || []).find((candidate) => candidate.id === runId);
      if (!summary) return;
      const wasRunning = run.summary && run.summary.status === 'running';
      run.summary = summary;
      showSummary();
      // A run that was not there (or the server not up) when the page opened has appeared; and
      // the test report, the last rows and the plots are written as a run ends.
      if (!run.loaded || (wasRunning && summary.status !== 'running')) loadRun();
    },
    onReset(event) {
      if (event.id === runId) loadRun();
    },
    onReconnect: loadRun,
  });
}

// ---- the summary at the top ----

function showSummary() {
  const summary = run.summary;
  if (!summary) return;
  document.title = `${summary.name} · Descent`;
  Dom.setText(document.getElementById('title'), summary.name);
  Dom.setStatus(document.getElementById('status'), summary.status, 'badge');
  Dom.setText(document.getElementById('started'),
    summary.started ? `started ${Format.dateTime(summary.started)}` : 'not started');
  Dom.setText(document.getElementById('epochs'), `${Format.epochs(summary.epochs_done, summary.epochs)} epochs`);
  const message = document.getElementById('message');
  const explains = summary.message && !['running', 'finished'].includes(summary.status);
  message.hidden = !explains;
  Dom.setText(message, explains ? summary.message : '');

  const s = summary.settings || {};
  showDefinitions(document.getElementById('settings'), [
    ['task', summary.task], ['dataset', s.dataset], ['model', s.model], ['optimizer', s.optimizer],
    ['learning rate', s.lr], ['batch size', s.batch_size], ['schedule', s.schedule],
  ]);
  const regression = summary.task === 'regression';
  showDefinitions(document.getElementById('results'), regression ? [
    ['best validation loss', Format.loss(summary.best_val_loss)],
    ['test loss', Format.loss(summary.test_loss)],
    ['last training loss', Format.loss(summary.last_train_loss)],
  ] : [
    ['best validation accuracy', Format.percent(summary.best_val_accuracy)],
    ['best validation loss', Format.loss(summary.best_val_loss)],
    ['test accuracy', Format.percent(summary.test_accuracy)],
    ['last training loss', Format.loss(summary.last_train_loss)],
  ]);
  document.getElementById('card-accuracy').hidden = regression;
}

function showDefinitions(list, pairs) {
  const items = [];
  for (const [term, value] of pairs) {
    if (value == null || value === '') continue;
    items.push(Dom.el('div', {}, [Dom.el('dt', { text: term }), Dom.el('dd', { text: value })]));
  }
  list.replaceChildren(...items);
}

// ---- charts ----

function chartOptions() {
  const smoothing = Number(controls.smoothing.value);
  return {
    mode: XAxis.modes.includes(controls.xAxis.value) ? controls.xAxis.value : 'step',
    logY: controls.logY.checked,
    smoothing: smoothing > 0 && smoothing < 1 ? smoothing : 0,
  };
}

function drawCharts() {
  const options = chartOptions();
  const x = XAxis.column(options.mode);
  const logValue = options.logY ? positiveOnly : (v) => v;

  const stepLoss = seriesTable(run.steps, x, ['train_loss'], logValue);
  const epochLoss = seriesTable(run.epochs, x, ['train_loss', 'val_loss'], logValue);
  drawLoss(options, stepLoss, epochLoss);

  const accuracy = seriesTable(run.epochs, x, ['val_accuracy'], (v) => v * 100);
  drawPanel(panels.accuracy, options, 'accuracy', accuracy, false, [
    lineSeries('validation accuracy', Colors.accuracy, { points: true, format: percentOfHundred }),
  ], { label: 'accuracy (%)', values: percentTicks });

  drawPanel(panels.gap, options, 'gap', gapTable(x), false, [
    lineSeries('gap', Colors.gap, { points: true }),
  ], { label: 'loss difference', values: significantTicks });

  drawPanel(panels.lr, options, 'lr', learningRateTable(x, logValue), options.logY, [
    lineSeries('learning rate', Colors.learningRate, { format: (v) => Format.significant(v) }),
  ], { label: 'learning rate', values: significantTicks });

  drawPanel(panels.throughput, options, 'throughput', seriesTable(run.epochs, x, ['samples_per_second']), false, [
    lineSeries('samples/s', Colors.throughput, { points: true, format: Format.integer }),
  ], { label: 'samples/s' });

  // The browser tests wait on these.
  document.body.dataset.epochs = String(epochLoss[0].length);
  document.body.dataset.steps = String(stepLoss[0].length);
  document.body.dataset.drawnAt = String(performance.now()); // on the page's clock: the load benchmark reads it
}

// Per-step training loss (raw, and smoothed when asked) with the per-epoch losses on top.
function drawLoss(options, stepLoss, epochLoss) {
  const stepSeries = [];
  let stepTable;
  if (options.smoothing > 0) {
    stepTable = [stepLoss[0], stepLoss[1], smoothExponentially(stepLoss[1], options.smoothing)];
    stepSeries.push(
      lineSeries('train loss (steps)', Colors.stepLossFaint, { width: 1 }),
      lineSeries('train loss (steps, smoothed)', Colors.stepLoss, { width: 1.5 }));
  } else {
    stepTable = stepLoss;
    stepSeries.push(lineSeries('train loss (steps)', Colors.stepLoss, { width: 1 }));
  }
  const data = alignTables([stepTable, epochLoss]);
  drawPanel(panels.loss, options, `loss|${options.smoothing > 0}`, data, options.logY, [
    ...stepSeries,
    lineSeries('train loss (epochs)', Colors.epochTrainLoss, { width: 2, points: true }),
    lineSeries('validation loss', Colors.validationLoss, { width: 2, points: true }),
  ], { label: 'loss' });
}

function gapTable(x) {
  if (Table.index(run.epochs, 'gap') >= 0) return seriesTable(run.epochs, x, ['gap']);
  // Older files without the column: the gap is validation minus training loss.
  const [xs, train, validation] = seriesTable(run.epochs, x, ['train_loss', 'val_loss']);
  return [xs, xs.map((_, i) => (train[i] == null || validation[i] == null ? null : validation[i] - train[i]))];
}

// Per step when the steps file has it; per epoch otherwise.
function learningRateTable(x, logValue) {
  const perStep = seriesTable(run.steps, x, ['lr'], logValue);
  return countPoints(perStep[1]) > 0 ? perStep : seriesTable(run.epochs, x, ['lr'], logValue);
}

function drawPanel(panel, options, name, data, logY, series, yAxis) {
  const drawn = data.slice(1).some((values) => countPoints(values) > 0);
  const card = panel.container.closest('.chart-card');
  card.querySelector('.chart-empty').hidden = drawn;
  panel.container.hidden = !drawn;
  if (!drawn) return;
  panel.show({
    shape: [name, options.mode, logY].join('|'),
    xMode: options.mode,
    data,
    options: () => ({
      scales: { x: { time: false }, y: logY ? { distr: 3, log: 10 } : {} },
      axes: [XAxis.axis(options.mode, { wholeEpochs: name !== 'loss' && name !== 'lr' }), Object.assign({ size: 64, labelSize: 20 }, yAxis)],
      series: [{ label: XAxis.label(options.mode), value: (u, v) => XAxis.formatValue(options.mode, v) }, ...series],
    }),
  });
}

// ---- test report, plots, configuration ----

function showTestReport() {
  const holder = document.getElementById('test-report');
  const report = run.testReport;
  if (!report) {
    const summary = run.summary || {};
    let sentence = 'The test report appears when the run finishes.';
    if (summary.task === 'regression') {
      sentence = `Regression runs have no per-class report; test loss: ${Format.loss(summary.test_loss)}.`;
    } else if (['failed', 'diverged', 'stopped'].includes(summary.status)) {
      sentence = `No test report: the run ${summary.status === 'stopped' ? 'was stopped' : summary.status} before testing.`;
    }
    holder.replaceChildren(Dom.el('p', { className: 'empty', text: sentence }));
    return;
  }
  const classes = report.classes || [];
  holder.replaceChildren(
    Dom.el('p', { className: 'test-accuracy' }, ['Test accuracy: ', Dom.el('strong', { text: Format.percent(report.accuracy) })]),
    Dom.el('div', { className: 'report-tables' }, [
      Dom.el('div', { className: 'table-scroll' }, [perClassTable(report, classes)]),
      Dom.el('div', { className: 'table-scroll' }, [confusionTable(report.confusion_matrix || [], classes)]),
    ]));
}

function perClassTable(report, classes) {
  const score = (v) => Format.fixed(v, 4);
  const row = (name, m, className) => Dom.el('tr', { className }, [
    Dom.el('th', { scope: 'row', text: name }),
    Dom.el('td', { className: 'num', text: score(m.precision) }),
    Dom.el('td', { className: 'num', text: score(m.recall) }),
    Dom.el('td', { className: 'num', text: score(m.f1) }),
    Dom.el('td', { className: 'num', text: Format.integer(m.support) }),
  ]);
  const totalSupport = classes.reduce((sum, c) => sum + (Format.isNumber(c.support) ? c.support : 0), 0);
  const summaryRows = [
    Dom.el('tr', { className: 'summary-row' }, [
      Dom.el('th', { scope: 'row', text: 'accuracy' }),
      Dom.el('td'), Dom.el('td'),
      Dom.el('td', { className: 'num', text: score(report.accuracy) }),
      Dom.el('td', { className: 'num', text: Format.integer(totalSupport) }),
    ]),
  ];
  if (report.macro_avg) summaryRows.push(row('macro avg', report.macro_avg, 'summary-row'));
  if (report.weighted_avg) summaryRows.push(row('weighted avg', report.weighted_avg, 'summary-row'));
  return Dom.el('table', { id: 'per-class' }, [
    Dom.el('thead', {}, [Dom.el('tr', {}, ['Class', 'Precision', 'Recall', 'F1', 'Support'].map(
      (heading, i) => Dom.el('th', { className: i > 0 ? 'num' : null, text: heading })))]),
    Dom.el('tbody', {}, classes.map((c) => row(c.name, c, null))),
    Dom.el('tbody', { className: 'summary' }, summaryRows),
  ]);
}

// Rows are the true class, columns the predicted one; each cell is shaded by its share of the
// row, so a class's confusions show whatever its size.
function confusionTable(matrix, classes) {
  const name = (i) => (classes[i] && classes[i].name != null ? classes[i].name : String(i));
  const head = Dom.el('tr', {}, [Dom.el('th', { className: 'corner', text: 'true \\ predicted' })]);
  matrix.forEach((_, j) => head.append(Dom.el('th', { className: 'predicted', scope: 'col', text: name(j), title: `predicted ${name(j)}` })));
  const body = matrix.map((counts, i) => {
    const total = counts.reduce((sum, n) => sum + (Format.isNumber(n) ? n : 0), 0);
    const tr = Dom.el('tr', {}, [Dom.el('th', { scope: 'row', text: name(i) })]);
    counts.forEach((count, j) => {
      const share = total > 0 && Format.isNumber(count) ? count / total : 0;
      const cell = Dom.el('td', {
        className: i === j ? 'num diagonal' : 'num',
        text: Format.integer(count),
        title: `true ${name(i)}, predicted ${name(j)}: ${Format.integer(count)} (${Format.percent(share, 1)} of the row)`,
      });
      cell.style.backgroundColor = `rgba(37, 99, 235, ${share.toFixed(3)})`;
      if (share > 0.55) cell.classList.add('dark-cell');
      tr.append(cell);
    });
    return tr;
  });
  return Dom.el('table', { id: 'confusion' }, [Dom.el('thead', {}, [head]), Dom.el('tbody', {}, body)]);
}

function showPlots() {
  const holder = document.getElementById('plots');
  if (run.plots.length === 0) {
    const running = run.summary && run.summary.status === 'running';
    holder.replaceChildren(Dom.el('p', {
      className: 'empty',
      text: running ? 'Plot images are written when the run finishes.' : 'This run has no plot images.',
    }));
    return;
  }
  holder.replaceChildren(Dom.el('ul', { className: 'plot-list' }, run.plots.map((plot) => Dom.el('li', {}, [
    Dom.el('a', { href: plot.url }, [
      Dom.el('img', { src: Dom.safeHref(plot.url), alt: plot.name, loading: 'lazy' }),
      Dom.el('span', { text: plot.name }),
    ]),
  ]))));
}

function showConfig() {
  const body = document.querySelector('#config tbody');
  body.replaceChildren(...run.config.map(([key, value]) => Dom.el('tr', {}, [
    Dom.el('td', { className: 'config-key', text: key }),
    Dom.el('td', { className: 'config-value', text: value == null ? '' : value }),
  ])));
  filterConfig();
}

function filterConfig() {
  const words = document.getElementById('config-filter').value.toLowerCase().split(/\s+/).filter(Boolean);
  let visible = 0;
  for (const tr of document.querySelectorAll('#config tbody tr')) {
    const shown = words.every((word) => tr.textContent.toLowerCase().includes(word));
    tr.hidden = !shown;
    if (shown) visible++;
  }
  const empty = document.getElementById('config-empty');
  empty.hidden = visible > 0;
  empty.textContent = run.config.length === 0
    ? 'No resolved configuration was saved with this run.'
    : 'No configuration key or value matches the filter.';
}

// ---- start ----

function showSmoothing() {
  controls.smoothingValue.textContent = Number(controls.smoothing.value).toFixed(2);
}

controls.xAxis.addEventListener('change', scheduleDraw);
controls.logY.addEventListener('change', scheduleDraw);
controls.smoothing.addEventListener('input', () => {
  showSmoothing();
  scheduleDraw();
});
document.getElementById('config-filter').addEventListener('input', filterConfig);
showSmoothing();

if (!runId) {
  showNotice('No run id in the address: open a run from the list of runs.');
} else {
  loadRun();
  subscribe();
}
