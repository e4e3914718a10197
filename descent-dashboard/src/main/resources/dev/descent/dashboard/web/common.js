// Shared by the three pages: number and time formatting, text-only DOM building, JSON fetches
// with readable errors, and the live event stream. Classic script: it defines globals that the
// page scripts loaded after it use.
'use strict';

const Format = {
  MISSING: '—',

  isNumber(value) {
    return typeof value === 'number' && Number.isFinite(value);
  },

  // Losses to 4 significant digits, the precision the run files keep meaningful.
  loss(value) {
    if (!Format.isNumber(value)) return Format.MISSING;
    const text = value.toPrecision(4);
    return text.includes('e') ? Number(text).toString() : text;
  },

  // Accuracies arrive as fractions; people read them as percentages.
  percent(fraction, digits = 2) {
    return Format.isNumber(fraction) ? (fraction * 100).toFixed(digits) + '%' : Format.MISSING;
  },

  fixed(value, digits) {
    return Format.isNumber(value) ? value.toFixed(digits) : Format.MISSING;
  },

  integer(value) {
    return Format.isNumber(value) ? Math.round(value).toLocaleString('en-US') : Format.MISSING;
  },

  // Learning rates span orders of magnitude, so keep significant digits, not decimals.
  significant(value, digits = 4) {
    if (!Format.isNumber(value)) return Format.MISSING;
    const magnitude = Math.abs(value);
    if (magnitude !== 0 && (magnitude < 1e-4 || magnitude >= 1e6)) return value.toExponential(digits - 1);
    return Number(value.toPrecision(digits)).toString();
  },

  // "2026-12-07 01:01" in the browser's time zone: sortable and the same in every locale.
  dateTime(iso) {
    if (!iso) return Format.MISSING;
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return Format.MISSING;
    const two = (n) => String(n).padStart(2, '0');
    return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ` +
      `${two(date.getHours())}:${two(date.getMinutes())}`;
  },

  // Wall time: "42 s", "3 min 05 s", "1 h 02 min".
  duration(seconds) {
    if (!Format.isNumber(seconds)) return Format.MISSING;
    if (seconds < 60) return `${Number(seconds.toPrecision(3))} s`;
    const whole = Math.round(seconds);
    const hours = Math.floor(whole / 3600);
    const minutes = Math.floor((whole % 3600) / 60);
    const rest = whole % 60;
    const two = (n) => String(n).padStart(2, '0');
    return hours > 0 ? `${hours} h ${two(minutes)} min` : `${minutes} min ${two(rest)} s`;
  },

  epochs(done, total) {
    const shown = Format.isNumber(done) ? String(done) : '0';
    return Format.isNumber(total) ? `${shown} / ${total}` : shown;
  },

  // "fashion-mnist · mlp [256, 128] · adam · lr 0.001 · batch 128"
  settings(settings) {
    const s = settings || {};
    const parts = [s.dataset, s.model, s.optimizer];
    if (s.lr) parts.push(`lr ${s.lr}`);
    if (s.batch_size) parts.push(`batch ${s.batch_size}`);
    return parts.filter((part) => part != null && part !== '').join(' · ');
  },
};

// Builds elements from untrusted text without ever parsing it as HTML.
const Dom = {
  // Dom.el('td', {className: 'num', text: '0.3'}, [child, ...])
  el(tag, props = {}, children = []) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(props)) {
      if (value == null) continue;
      if (name === 'text') element.textContent = String(value);
      else if (name === 'className') element.className = value;
      else if (name === 'href') element.setAttribute('href', Dom.safeHref(value));
      else if (name === 'style' || name.toLowerCase().startsWith('on')) {
        // The page's Content-Security-Policy forbids both; fail loudly while developing.
        throw new Error(`Dom.el: attribute ${name} is not allowed`);
      } else element.setAttribute(name, String(value));
    }
    for (const child of children) {
      if (child == null) continue;
      element.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return element;
  },

  // Only same-server paths: a report or plot URL from the server could otherwise be javascript:.
  safeHref(url) {
    const text = String(url);
    // "/\\host" is read as "//host" by browsers: another server
    return text.startsWith('/') && !text.startsWith('//') && !text.startsWith('/\\') ? text : '#';
  },

  runHref(id) {
    return `/run?id=${encodeURIComponent(id)}`;
  },

  compareHref(ids) {
    return '/compare?' + ids.map((id) => `id=${encodeURIComponent(id)}`).join('&');
  },

  clear(element) {
    element.replaceChildren();
    return element;
  },

  setText(element, text) {
    const value = String(text);
    if (element.textContent !== value) element.textContent = value;
  },

  // The coloured status word: the class drives the colour, the text stays exactly the status.
  setStatus(element, status, baseClass) {
    const word = status || 'unknown';
    Dom.setText(element, word);
    const className = `${baseClass} status-${word}`;
    if (element.className !== className) element.className = className;
  },
};

// A message in the page's #notice area (errors, a deleted run); null clears it.
function showNotice(text, kind = 'error') {
  const notice = document.getElementById('notice');
  if (!notice) return;
  if (text == null) {
    notice.hidden = true;
    Dom.clear(notice);
    return;
  }
  notice.className = `notice notice-${kind}`;
  notice.textContent = text;
  notice.hidden = false;
}

class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

const Api = {
  // Resolves to the parsed JSON; rejects with an ApiError whose message can be shown as is.
  async getJson(url) {
    let response;
    try {
      response = await fetch(url, { cache: 'no-store', headers: { Accept: 'application/json' } });
    } catch (networkError) {
      throw new ApiError(0, 'The dashboard server is not reachable; is descent serve still running?');
    }
    if (!response.ok) {
      let message = `${response.status} ${response.statusText}`;
      try {
        const body = await response.json();
        if (body && body.error) message = String(body.error);
      } catch (notJson) {
        // Keep the status line.
      }
      throw new ApiError(response.status, message);
    }
    return response.json();
  },
};

// Column access by name, so the pages never depend on the order of a metrics file's columns.
const Table = {
  empty() {
    return { columns: [], rows: [] };
  },

  from(json) {
    return json && Array.isArray(json.columns) && Array.isArray(json.rows)
      ? { columns: json.columns, rows: json.rows.slice() }
      : Table.empty();
  },

  index(table, name) {
    return table.columns.indexOf(name);
  },

  column(table, name) {
    const at = Table.index(table, name);
    return table.rows.map((row) => (at < 0 ? null : row[at] ?? null));
  },

  // Appends a rows event; returns false when rows are missing in between and the caller must refetch.
  append(table, from, rows) {
    const have = table.rows.length;
    if (from > have || table.columns.length === 0) return false;
    for (let i = have - from; i < rows.length; i++) table.rows.push(rows[i]);
    return true;
  },
};

// Calls draw at most every ~100 ms, on an animation frame, however many events arrive. A draw
// that takes long (a run of hundreds of thousands of steps) spaces the next ones further, so
// that drawing never takes more than about a quarter of the time. What the user does (a control
// changed: schedule is called with its event) and fresh data (schedule(true)) draw on the next
// frame instead: only the stream of live rows waits for the gap. A hidden tab draws at most every
// 2 s (twenty tabs of running runs would otherwise draw twenty times over), and at once when shown.
function drawThrottle(draw, minimumGapMs = 100, hiddenGapMs = 2000) {
  let pending = false;
  let lastEnded = 0;
  let lastDuration = 0;
  const run = () => {
    pending = false;
    const started = performance.now();
    draw();
    // uPlot draws in a microtask queued by setData; this one runs after it.
    queueMicrotask(() => {
      lastEnded = performance.now();
      lastDuration = lastEnded - started;
    });
  };
  let timer = null;
  const schedule = function (soon = false) {
    if (pending) return;
    pending = true;
    const gap = soon === true || soon instanceof Event ? 0
      : Math.max(document.hidden ? hiddenGapMs : minimumGapMs, 3 * lastDuration);
    const wait = Math.max(0, gap - (performance.now() - lastEnded));
    timer = setTimeout(() => {
      timer = null;
      // Hidden tabs get no animation frames: draw directly.
      if (document.hidden) run();
      else requestAnimationFrame(run);
    }, wait);
  };
  document.addEventListener('visibilitychange', () => {
    if (!document.hidden && timer !== null) { // a draw waiting out the hidden gap: now instead
      clearTimeout(timer);
      timer = null;
      pending = false;
      schedule(true);
    }
  });
  return schedule;
}

// The live event stream. Browsers allow six HTTP/1.1 connections per server, so twenty tabs
// holding a stream each would starve each other's requests: the tabs share one stream through
// a SharedWorker (live-worker.js), or each holds its own EventSource where that is unsupported.
//
// handlers: onRuns(data), onRows(data), onReset(data), and onReconnect() after the stream came
// back from a drop (the page refetches what it may have missed).
const LiveEvents = {
  subscribe(runIds, handlers) {
    const indicator = new LiveIndicator(document.getElementById('live'));
    const deliver = (name, data) => {
      const handler = { runs: handlers.onRuns, rows: handlers.onRows, reset: handlers.onReset }[name];
      if (handler) handler(data);
    };
    const connection = typeof SharedWorker === 'function'
      ? new SharedStream(runIds, deliver, indicator, handlers)
      : new OwnStream(runIds, deliver, indicator, handlers);
    return connection;
  },

  url(runIds) {
    const query = runIds.map((id) => `run=${encodeURIComponent(id)}`).join('&');
    return query ? `/api/events?${query}` : '/api/events';
  },
};

class LiveIndicator {
  constructor(element) {
    this.element = element;
    this.everOpen = false;
  }

  set(open) {
    if (open) this.everOpen = true;
    if (!this.element) return;
    const text = open ? 'live' : this.everOpen ? 'reconnecting…' : 'connecting…';
    Dom.setText(this.element, text);
    this.element.className = open ? 'live-on' : 'live-off';
  }
}

// Reports opens and drops of a stream as "first open", "dropped", "back again".
class OpenTracker {
  constructor(indicator, handlers) {
    this.indicator = indicator;
    this.handlers = handlers;
    this.everOpen = false;
    this.open = false;
  }

  opened() {
    const reconnected = this.everOpen && !this.open;
    this.everOpen = true;
    this.open = true;
    this.indicator.set(true);
    if (reconnected && this.handlers.onReconnect) this.handlers.onReconnect();
  }

  dropped() {
    this.open = false;
    this.indicator.set(false);
  }
}

class OwnStream {
  constructor(runIds, deliver, indicator, handlers) {
    this.url = LiveEvents.url(runIds);
    this.deliver = deliver;
    this.tracker = new OpenTracker(indicator, handlers);
    this.source = null;
    this.connect();
  }

  connect() {
    const source = new EventSource(this.url);
    this.source = source;
    source.onopen = () => this.tracker.opened();
    source.onerror = () => {
      this.tracker.dropped();
      // EventSource gives up for good after an HTTP error status; keep trying, more slowly.
      if (source.readyState === EventSource.CLOSED && this.source === source) {
        setTimeout(() => { if (this.source === source) this.connect(); }, 3000);
      }
    };
    for (const name of ['runs', 'rows', 'reset']) {
      source.addEventListener(name, (event) => {
        let data;
        try {
          data = JSON.parse(event.data);
        } catch (malformed) {
          return;
        }
        this.deliver(name, data);
      });
    }
  }

  close() {
    if (this.source) this.source.close();
    this.source = null;
  }
}

class SharedStream {
  constructor(runIds, deliver, indicator, handlers) {
    this.runIds = runIds;
    this.deliver = deliver;
    this.indicator = indicator;
    this.handlers = handlers;
    this.tracker = new OpenTracker(indicator, handlers);
    this.fallback = null;
    try {
      this.worker = new SharedWorker('/static/live-worker.js', { name: 'descent-live' });
    } catch (unsupported) {
      this.useOwnStream();
      return;
    }
    // A worker script that fails to load reports here; fall back to a stream of our own.
    this.worker.onerror = () => this.useOwnStream();
    this.port = this.worker.port;
    this.port.onmessage = (message) => this.receive(message.data);
    this.port.start();
    this.port.postMessage({ type: 'subscribe', runs: runIds });
    // Leave the shared stream when the tab goes, so it stops carrying this tab's runs.
    window.addEventListener('pagehide', () => this.port.postMessage({ type: 'unsubscribe' }));
    window.addEventListener('pageshow', (event) => {
      if (event.persisted) this.port.postMessage({ type: 'subscribe', runs: this.runIds });
    });
  }

  receive(message) {
    if (this.fallback) return;
    if (message.type === 'open') this.tracker.opened();
    else if (message.type === 'down') this.tracker.dropped();
    else if (message.type === 'event') this.deliver(message.name, message.data);
  }

  useOwnStream() {
    if (this.fallback) return;
    if (this.port) this.port.close();
    this.fallback = new OwnStream(this.runIds, this.deliver, this.indicator, this.handlers);
  }

  close() {
    if (this.fallback) this.fallback.close();
    else if (this.port) this.port.postMessage({ type: 'unsubscribe' });
  }
}
