// The runs list (index.html): a row per run, updated in place from the live "runs" events so
// that selections, focus and scroll survive; the reports below it.
'use strict';

const runsBody = document.querySelector('#runs tbody');
const filterInput = document.getElementById('filter');
const compareButton = document.getElementById('compare');
const rowsById = new Map(); // run id -> RunRow
const selectedIds = new Set();
let rootPaths = [];
let knownRuns = [];
let shownReports = '';

class RunRow {
  constructor(run) {
    this.id = run.id;
    this.checkbox = Dom.el('input', { type: 'checkbox', className: 'select' });
    this.link = Dom.el('a', { className: 'run-link', href: Dom.runHref(run.id) });
    this.status = Dom.el('td');
    this.started = Dom.el('td', { className: 'started' });
    this.settings = Dom.el('td', { className: 'settings' });
    this.epochs = Dom.el('td', { className: 'num epochs' });
    this.bestValidation = Dom.el('td', { className: 'num best' });
    this.test = Dom.el('td', { className: 'num test' });
    this.tr = Dom.el('tr', { className: 'run', 'data-id': run.id }, [
      Dom.el('td', { className: 'select-cell' }, [this.checkbox]),
      Dom.el('td', { className: 'name' }, [this.link]),
      this.status, this.started, this.settings, this.epochs, this.bestValidation, this.test,
    ]);
    this.checkbox.addEventListener('change', () => {
      if (this.checkbox.checked) selectedIds.add(this.id);
      else selectedIds.delete(this.id);
      updateCompareButton();
    });
    this.searchText = '';
  }

  update(run) {
    const regression = run.task === 'regression';
    Dom.setText(this.link, run.name);
    this.checkbox.setAttribute('aria-label', `Select ${run.name}`);
    Dom.setStatus(this.status, run.status, 'status');
    setTitle(this.status, run.message);
    Dom.setText(this.started, Format.dateTime(run.started));
    setTitle(this.started, run.started);
    const settings = Format.settings(run.settings);
    Dom.setText(this.settings, settings);
    Dom.setText(this.epochs, Format.epochs(run.epochs_done, run.epochs));
    Dom.setText(this.bestValidation,
      regression ? Format.loss(run.best_val_loss) : Format.percent(run.best_val_accuracy));
    setTitle(this.bestValidation, regression ? 'best validation loss' : 'best validation accuracy');
    Dom.setText(this.test, regression ? Format.loss(run.test_loss) : Format.percent(run.test_accuracy));
    setTitle(this.test, regression ? 'test loss' : 'test accuracy');
    this.checkbox.checked = selectedIds.has(this.id);
    this.searchText = [run.name, run.status, settings, run.task].join(' ').toLowerCase();
  }
}

function setTitle(element, text) {
  if (text) element.title = text;
  else element.removeAttribute('title');
}

function showRuns(runs) {
  knownRuns = Array.isArray(runs) ? runs : [];
  const present = new Set();
  knownRuns.forEach((run, position) => {
    present.add(run.id);
    let row = rowsById.get(run.id);
    if (!row) {
      row = new RunRow(run);
      rowsById.set(run.id, row);
    }
    row.update(run);
    // Newest first, as the server orders them; move a row only when it is out of place.
    if (runsBody.children[position] !== row.tr) runsBody.insertBefore(row.tr, runsBody.children[position] || null);
  });
  for (const [id, row] of rowsById) {
    if (present.has(id)) continue;
    row.tr.remove();
    rowsById.delete(id);
    selectedIds.delete(id);
  }
  applyFilter();
  updateCompareButton();
  // When the rows were last rebuilt, on the page's clock: the load benchmark reads it.
  document.body.dataset.drawnAt = String(performance.now());
}

function applyFilter() {
  const words = filterInput.value.toLowerCase().split(/\s+/).filter(Boolean);
  let visible = 0;
  for (const row of rowsById.values()) {
    const shown = words.every((word) => row.searchText.includes(word));
    row.tr.hidden = !shown;
    if (shown) visible++;
  }
  const count = document.getElementById('run-count');
  Dom.setText(count, knownRuns.length === 1 ? '1 run' : `${knownRuns.length} runs`);
  const empty = document.getElementById('runs-empty');
  if (knownRuns.length === 0) {
    const where = rootPaths.length ? rootPaths.join(', ') : 'the served directory';
    empty.textContent = `No runs yet in ${where}: start one with ./descent train --serve, ` +
      'or point descent serve at a directory of runs.';
  } else if (visible === 0) {
    empty.textContent = `No run matches “${filterInput.value.trim()}”.`;
  }
  empty.hidden = knownRuns.length > 0 && visible > 0;
  document.getElementById('runs').hidden = knownRuns.length === 0;
}

function updateCompareButton() {
  const count = selectedIds.size;
  compareButton.disabled = count < 2;
  Dom.setText(compareButton, count >= 2 ? `Compare ${count} runs` : 'Compare selected');
  compareButton.title = count >= 2 ? '' : 'Tick two or more runs to compare them';
}

function showReports(reports) {
  const list = Array.isArray(reports) ? reports : [];
  const signature = JSON.stringify(list);
  if (signature === shownReports) return;
  shownReports = signature;
  const ul = document.querySelector('#reports ul');
  Dom.clear(ul);
  for (const report of list) {
    ul.append(Dom.el('li', {}, [
      Dom.el('a', { href: report.url }, [
        Dom.el('span', { className: `report-kind kind-${report.kind}`, text: report.kind }),
        ' ',
        report.name,
      ]),
      Dom.el('span', { className: 'muted report-time', text: Format.dateTime(report.modified) }),
    ]));
  }
  const empty = document.getElementById('reports-empty');
  empty.textContent = 'No reports yet: tuning, experiment and comparison reports written under the ' +
    'served directories appear here.';
  empty.hidden = list.length > 0;
}

// Compare in list order, the order people see.
compareButton.addEventListener('click', () => {
  const ids = knownRuns.map((run) => run.id).filter((id) => selectedIds.has(id));
  if (ids.length >= 2) window.location.href = Dom.compareHref(ids);
});
filterInput.addEventListener('input', applyFilter);

async function loadRuns() {
  try {
    const data = await Api.getJson('/api/runs');
    rootPaths = (data.roots || []).map((root) => root.path);
    showNotice(null);
    showRuns(data.runs);
    showReports(data.reports);
  } catch (error) {
    showNotice(`Could not load the runs: ${error.message}`);
  }
}

loadRuns();
LiveEvents.subscribe([], {
  onRuns(data) {
    showRuns(data.runs);
    if (data.reports) showReports(data.reports);
    // The event has no served directories: fetch them if the first fetch failed.
    if (!document.getElementById('notice').hidden) loadRuns();
  },
});
