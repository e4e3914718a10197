// One event stream for all of a browser's dashboard tabs. Browsers allow six HTTP/1.1
// connections per server; with a stream per tab, the seventh tab could load nothing.
//
// Each tab (common.js, SharedStream) subscribes with the run ids it shows. The worker keeps one
// EventSource for the union of those ids and hands each tab the events about its runs, plus the
// "runs" summaries every tab gets. Messages to a tab:
//   {type: 'open'}   the stream now carries this tab's runs (again, after 'down')
//   {type: 'down'}   the stream dropped; EventSource is reconnecting
//   {type: 'event', name: 'runs' | 'rows' | 'reset', data}
'use strict';

const RECONNECT_AFTER_CLOSE_MS = 3000;
const SETTLE_MS = 100; // several tabs opening at once make one new stream, not one each

const tabs = new Map(); // MessagePort -> {runs: Set of ids, told: 'open' | 'down' | null}
let current = null; // the stream whose events tabs receive: {source, runs: Set, open}
let replacement = null; // a stream for a new set of runs; replaces current once it is open
let settleTimer = 0;

self.onconnect = (event) => {
  const port = event.ports[0];
  port.onmessage = (message) => receive(port, message.data);
  port.start();
};

function receive(port, message) {
  if (message.type === 'subscribe') {
    tabs.set(port, { runs: new Set(message.runs), told: null });
  } else if (message.type === 'unsubscribe') {
    tabs.delete(port);
  }
  clearTimeout(settleTimer);
  settleTimer = setTimeout(followSubscriptions, SETTLE_MS);
}

function wantedRuns() {
  const runs = new Set();
  for (const tab of tabs.values()) for (const id of tab.runs) runs.add(id);
  return runs;
}

function sameRuns(a, b) {
  return a.size === b.size && [...a].every((id) => b.has(id));
}

function covers(stream, tab) {
  return stream != null && [...tab.runs].every((id) => stream.runs.has(id));
}

// Opens a stream for the runs the tabs now want. A change of runs opens the new stream before
// closing the old one, so the tabs already watching miss no rows in between.
function followSubscriptions() {
  const runs = wantedRuns();
  if (tabs.size === 0) {
    closeStream(replacement);
    closeStream(current);
    current = replacement = null;
    return;
  }
  if (current && sameRuns(runs, current.runs)) {
    closeStream(replacement);
    replacement = null;
    tellTabs();
    return;
  }
  if (replacement && sameRuns(runs, replacement.runs)) return;
  closeStream(replacement);
  replacement = null;
  if (current && current.open) replacement = openStream(runs);
  else {
    closeStream(current);
    current = openStream(runs);
  }
}

function openStream(runs) {
  const query = [...runs].map((id) => `run=${encodeURIComponent(id)}`).join('&');
  const stream = { source: null, runs, open: false, closed: false };
  connect(stream, query ? `/api/events?${query}` : '/api/events');
  return stream;
}

function connect(stream, url) {
  const source = new EventSource(url);
  stream.source = source;
  source.onopen = () => {
    stream.open = true;
    if (stream === replacement) {
      closeStream(current);
      current = stream;
      replacement = null;
    }
    tellTabs();
  };
  source.onerror = () => {
    stream.open = false;
    if (stream === current) tellTabs();
    // After an HTTP error status EventSource stops retrying; retry ourselves, more slowly.
    if (source.readyState === EventSource.CLOSED && !stream.closed) {
      setTimeout(() => {
        if (!stream.closed && (stream === current || stream === replacement)) connect(stream, url);
      }, RECONNECT_AFTER_CLOSE_MS);
    }
  };
  for (const name of ['runs', 'rows', 'reset']) {
    source.addEventListener(name, (event) => forward(stream, name, event.data));
  }
}

function closeStream(stream) {
  if (!stream) return;
  stream.closed = true;
  stream.source.close();
}

// Tells each tab whether the stream carrying its runs is open, once per change.
function tellTabs() {
  for (const [port, tab] of tabs) {
    const state = current && current.open && covers(current, tab) ? 'open' : 'down';
    // A tab whose runs wait for the replacement stream is not "down": the old stream still runs.
    if (state === 'down' && current && current.open) continue;
    if (tab.told === state) continue;
    tab.told = state;
    port.postMessage({ type: state });
  }
}

// Both the current and the replacement stream forward while they overlap; rows events carry
// their position in the file, so the tabs drop the rows they already have.
function forward(stream, name, text) {
  if (stream !== current && stream !== replacement) return;
  let data;
  try {
    data = JSON.parse(text);
  } catch (malformed) {
    return;
  }
  for (const [port, tab] of tabs) {
    if (name === 'runs' || (data && tab.runs.has(data.id))) {
      port.postMessage({ type: 'event', name, data });
    }
  }
}
