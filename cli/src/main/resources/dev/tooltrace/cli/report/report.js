/* Copyright 2026 The tooltrace Authors. SPDX-License-Identifier: Apache-2.0 */
/*
 * Draws the tooltrace run report from the JSON in #report-data. Written by hand, no library: the
 * page must open from disk with no network. Every text from the run goes through textContent,
 * never innerHTML, so a recorded value cannot inject markup.
 */
(function () {
  'use strict';
  const R = JSON.parse(document.getElementById('report-data').textContent);
  const SVG = 'http://www.w3.org/2000/svg';

  // ---- small helpers ----
  function h(tag, attrs, ...kids) {
    const e = document.createElement(tag);
    setAttrs(e, attrs);
    append(e, kids);
    return e;
  }
  function s(tag, attrs, ...kids) {
    const e = document.createElementNS(SVG, tag);
    setAttrs(e, attrs);
    append(e, kids);
    return e;
  }
  function setAttrs(e, attrs) {
    if (!attrs) return;
    for (const k of Object.keys(attrs)) {
      const v = attrs[k];
      if (v === null || v === undefined || v === false) continue;
      if (k === 'class') e.setAttribute('class', v);
      else if (k === 'text') e.textContent = v;
      else if (k.startsWith('on')) e.addEventListener(k.substring(2), v);
      else e.setAttribute(k, v === true ? '' : String(v));
    }
  }
  function append(e, kids) {
    for (const k of kids.flat(Infinity)) {
      if (k === null || k === undefined || k === false) continue;
      e.appendChild(typeof k === 'string' || typeof k === 'number' ? document.createTextNode(String(k)) : k);
    }
  }
  function fill(id, ...kids) {
    const e = document.getElementById(id);
    e.textContent = '';
    append(e, kids);
    return e;
  }
  function num(n) {
    return n === null || n === undefined ? '–' : Number(n).toLocaleString('en-US');
  }
  function dur(ns) {
    if (ns === null || ns === undefined) return '–';
    const a = Math.abs(ns);
    if (a < 1e3) return ns + ' ns';
    if (a < 1e6) return (ns / 1e3).toFixed(a < 1e4 ? 2 : 1) + ' µs';
    if (a < 1e9) return (ns / 1e6).toFixed(a < 1e7 ? 2 : 1) + ' ms';
    if (a < 60e9) return (ns / 1e9).toFixed(2) + ' s';
    const m = Math.floor(a / 60e9);
    return (ns < 0 ? '-' : '') + m + ' min ' + ((a - m * 60e9) / 1e9).toFixed(0) + ' s';
  }
  function bytes(n) {
    if (n === null || n === undefined) return '–';
    if (n < 1024) return n + ' B';
    const u = ['KiB', 'MiB', 'GiB', 'TiB'];
    let v = n / 1024, i = 0;
    while (v >= 1024 && i < u.length - 1) { v /= 1024; i++; }
    return v.toFixed(v < 10 ? 2 : 1) + ' ' + u[i];
  }
  function at(offsetNs) {
    return '+' + dur(offsetNs);
  }
  function pct(x) {
    return (x * 100).toFixed(x < 0.1 && x > 0 ? 1 : 0) + '%';
  }
  function hue(name) {
    let x = 2166136261;
    for (let i = 0; i < name.length; i++) {
      x ^= name.charCodeAt(i);
      x = Math.imul(x, 16777619);
    }
    return ((x >>> 0) % 360);
  }
  function toolFill(tool) {
    return tool ? 'hsl(' + hue(tool) + ', 62%, 86%)' : '#eef0f3';
  }
  const TIER_COLOR = { high: '#2e7d32', medium: '#e0a100', low: '#c62828', none: '#9aa3ad' };

  // ---- details panel ----
  const details = document.getElementById('details');
  document.getElementById('details-close').addEventListener('click', closeDetails);
  document.addEventListener('keydown', (e) => { if (e.key === 'Escape') closeDetails(); });
  function closeDetails() {
    details.hidden = true;
    document.querySelectorAll('g.node.selected').forEach((n) => n.classList.remove('selected'));
  }
  function showDetails(...kids) {
    fill('details-body', kids);
    details.hidden = false;
    details.scrollTop = 0;
  }

  function valueRow(v) {
    return h('tr', null,
      h('td', { class: 'mono', text: v.name }),
      h('td', { class: 'mono muted', text: v.type }),
      h('td', null, h('code', { text: v.preview }), v.truncated ? h('span', { class: 'muted', text: ' (cut)' }) : null,
        v.hash ? h('div', { class: 'muted mono', text: 'hash ' + v.hash + (v.size >= 0 ? ' · size ' + num(v.size) : '') }) : null));
  }

  /** The call's details: ids, timing, confidence, arguments, result, error. */
  function callView(c, title) {
    const facts = h('dl', { class: 'facts' },
      h('dt', { text: 'tool' }), h('dd', { class: 'mono', text: c.tool }),
      h('dt', { text: 'span' }), h('dd', { class: 'mono', text: c.spanId }),
      h('dt', { text: 'parent' }), h('dd', { class: 'mono', text: c.parentSpanId || '(root)' }),
      h('dt', { text: 'trace' }), h('dd', { class: 'mono', text: c.traceId }),
      h('dt', { text: 'thread' }), h('dd', { text: c.thread }),
      h('dt', { text: 'start' }), h('dd', { text: at(c.startNanos) + ' after the run started' }),
      h('dt', { text: 'duration' }), h('dd', { text: dur(c.durationNanos) }),
      h('dt', { text: 'confidence' }), h('dd', { text: c.confidence === null ? 'not reported' : String(c.confidence) }),
      h('dt', { text: 'outcome' }), h('dd', { class: c.error ? 'err' : '', text: c.error ? 'failed: ' + c.error.type : 'returned' }));
    const args = c.args.length
      ? h('table', null, h('thead', null, h('tr', null, h('th', { text: 'argument' }), h('th', { text: 'type' }), h('th', { text: 'value' }))),
        h('tbody', null, c.args.map(valueRow)))
      : h('p', { class: 'muted', text: 'no arguments' });
    const result = c.result ? h('table', null, h('tbody', null, valueRow(c.result))) : h('p', { class: 'muted', text: c.error ? 'no result (the call failed)' : 'no result (void)' });
    const err = c.error
      ? [h('h3', { text: 'Error' }), h('p', { class: 'err mono', text: c.error.type + (c.error.message ? ': ' + c.error.message : '') }),
        c.error.stackTrace ? h('pre', { text: c.error.stackTrace }) : null]
      : [];
    return h('div', { class: 'call-view', 'data-span': c.spanId },
      h('h3', { text: title || 'Call ' + c.tool }), facts, h('h3', { text: 'Arguments' }), args, h('h3', { text: 'Result' }), result, err);
  }

  // ---- run header ----
  function renderHeader() {
    const H = R.header;
    document.getElementById('title').textContent = 'tooltrace report · ' + (H.name || 'run ' + H.runId);
    const stateBadge = H.state === 'ended' ? h('span', { class: 'badge ok', text: 'ended' })
      : H.state === 'running' ? h('span', { class: 'badge warn', text: 'still running: a snapshot' })
        : h('span', { class: 'badge warn', text: 'no orderly end' });
    fill('subtitle', stateBadge, ' ', H.start + ' · ' + dur(H.durationNanos) + ' · ' + num(H.calls) + ' calls · ' + num(H.errors) + ' errors');
    const notes = [];
    if (H.state === 'running') notes.push('The run was still being written when this report was made (its process is alive and no end record exists yet): it covers the records up to ' + H.end + '.');
    if (H.state === 'unended') notes.push('No orderly end was recorded: the JVM was killed, or it is still running on another host. The report covers the records up to ' + H.end + '.');
    if (H.calls === 0) notes.push('This run recorded no calls.');
    const dd = (label, value, cls) => [h('dt', { text: label }), h('dd', { class: cls || '', text: value === '' || value === null || value === undefined ? '–' : String(value) })];
    fill('run-body',
      notes.map((n) => h('p', { class: 'warn', text: n })),
      h('dl', { class: 'facts', id: 'run-facts' },
        dd('run id', H.runId, 'mono'),
        dd('name', H.name),
        dd('tags', H.tags.join(', ')),
        dd('service', H.service),
        dd('git commit', H.gitCommit ? H.gitCommit + (H.gitDirty ? ' (uncommitted changes)' : '') : '', 'mono'),
        dd('JVM', H.jvm),
        dd('host', H.host + (H.pid !== null ? ' · pid ' + H.pid : '')),
        dd('start', H.start),
        dd('end', H.end + (H.state === 'ended' ? '' : ' (last record seen)')),
        dd('duration', dur(H.durationNanos)),
        dd('calls', num(H.calls)),
        dd('errors', num(H.errors)),
        dd('dropped records', H.dropped === null ? 'unknown (no end record)' : num(H.dropped), H.dropped > 0 ? 'err' : ''),
        dd('queue', H.source, 'mono'),
        dd('other runs in the queue', H.otherRuns.length ? H.otherRuns.join(', ') : 'none', 'mono'),
        dd('report', 'made ' + H.generatedAt + ' by ' + H.version)));
  }

  // ---- tools ----
  function histogram(t) {
    const W = 150, HGT = 30;
    const hist = t.histogram;
    const svg = s('svg', { class: 'hist', width: W, height: HGT + 12, viewBox: '0 0 ' + W + ' ' + (HGT + 12), role: 'img' });
    if (!hist.counts.length) return svg;
    const max = Math.max(...hist.counts);
    const bw = W / hist.counts.length;
    hist.counts.forEach((n, i) => {
      const hh = n === 0 ? 1 : Math.max(2, Math.round(HGT * Math.sqrt(n / max)));
      svg.appendChild(s('rect', { x: (i * bw).toFixed(1), y: HGT - hh, width: Math.max(1, bw - 1).toFixed(1), height: hh, class: n === 0 ? 'empty' : '' },
        s('title', { text: num(n) + ' calls took ' + dur(hist.edges[i]) + ' – ' + dur(hist.edges[i + 1]) })));
    });
    svg.appendChild(s('text', { x: 0, y: HGT + 11, 'font-size': 9, fill: '#5f6b7a', text: dur(hist.edges[0]) }));
    svg.appendChild(s('text', { x: W, y: HGT + 11, 'font-size': 9, fill: '#5f6b7a', 'text-anchor': 'end', text: dur(hist.edges[hist.edges.length - 1]) }));
    return svg;
  }
  function tiers(t) {
    const T = t.tiers;
    const total = T.high + T.medium + T.low + T.none + T.rejected || 1;
    const parts = [['high', T.high, '≥ ' + T.highAt], ['medium', T.medium, '≥ ' + T.mediumAt], ['low', T.low, '< ' + T.mediumAt], ['none', T.none, 'not reported'], ['rejected', T.rejected, 'rejected (outside [0,1])']];
    const bar = h('span', { class: 'tiers' }, parts.filter((p) => p[1] > 0).map((p) => h('span', { class: 't-' + p[0], style: 'width:' + (100 * p[1] / total).toFixed(2) + '%', title: p[0] + ' ' + p[2] + ': ' + num(p[1]) })));
    const text = parts.filter((p) => p[1] > 0 && p[0] !== 'none').map((p) => p[0] + ' ' + num(p[1])).join(' · ');
    return h('div', null, bar, ' ', h('span', { class: 'muted', text: text || 'none reported' }));
  }
  function renderTools() {
    if (!R.tools.length) {
      fill('tools-body', h('p', { class: 'muted', text: 'No calls were recorded in this run.' }));
      return;
    }
    // Cost columns only when capture.cost measured some tool of the run.
    const costed = R.tools.some((t) => t.cost);
    const cols = ['tool', 'calls', 'errors', 'p50', 'p95', 'p99', 'max'].concat(costed ? ['cpu', 'allocated'] : [], ['confidence tiers', 'latency histogram']);
    const head = h('tr', null, cols.map((x, i) => h('th', { class: i >= 1 && i <= (costed ? 8 : 6) ? 'num' : '', text: x })));
    const cost = (t, total, p95, self, fmt, what) => t.cost
      ? h('td', { class: 'num cost', title: t.cost.calls + ' measured calls; without nested measured calls: ' + fmt(t.cost[self]) + '; p95 of one call: ' + fmt(t.cost[p95]) },
        fmt(t.cost[total]), h('div', { class: 'muted', text: 'p95 ' + fmt(t.cost[p95]) }))
      : h('td', { class: 'num muted', text: '–', title: what + ' not measured (capture.cost)' });
    const rows = R.tools.map((t) => h('tr', { class: 'tool-row', 'data-tool': t.tool },
      h('td', null, h('span', { class: 'badge', style: 'background:' + toolFill(t.tool), text: t.tool }), t.operation ? h('div', { class: 'muted', text: t.operation }) : null),
      h('td', { class: 'num', text: num(t.calls) }),
      h('td', { class: 'num' + (t.errors ? ' err' : ''), text: num(t.errors) }),
      h('td', { class: 'num', text: dur(t.p50Nanos) }),
      h('td', { class: 'num', text: dur(t.p95Nanos) }),
      h('td', { class: 'num', text: dur(t.p99Nanos) }),
      h('td', { class: 'num', text: dur(t.maxNanos) }),
      costed ? cost(t, 'cpuTotalNanos', 'cpuP95Nanos', 'selfCpuTotalNanos', dur, 'CPU') : null,
      costed ? cost(t, 'allocatedTotalBytes', 'allocatedP95Bytes', 'selfAllocatedTotalBytes', bytes, 'allocation') : null,
      h('td', null, tiers(t)),
      h('td', null, histogram(t))));
    fill('tools-body', h('table', { id: 'tools-table' }, h('thead', null, head), h('tbody', null, rows)),
      h('p', { class: 'muted', text: 'Percentiles from an HdrHistogram (3 significant digits). Confidence tiers count the confidence each call reported, by the run\'s thresholds.' + (costed ? ' CPU and allocated: the thread CPU time and bytes of the calls capture.cost measured, in total (nested calls included) and the p95 of one call.' : '') }));
  }

  // ---- timeline ----
  function renderTimeline() {
    const T = R.timeline;
    if (!T.rows.length) {
      fill('timeline-body', h('p', { class: 'muted', text: 'No calls to show.' }));
    } else {
      const LABEL = 190, W = 1000, ROW = 18, AX = 22;
      const plotW = W - LABEL - 10;
      const height = AX + T.rows.length * ROW + 6;
      const svg = s('svg', { id: 'timeline-svg', viewBox: '0 0 ' + W + ' ' + height, preserveAspectRatio: 'xMinYMin meet' });
      const bw = plotW / T.buckets;
      // time axis
      for (let i = 0; i <= 5; i++) {
        const x = LABEL + plotW * i / 5;
        svg.appendChild(s('line', { x1: x, x2: x, y1: AX - 4, y2: height, stroke: '#eef0f3' }));
        svg.appendChild(s('text', { x: x, y: 12, 'font-size': 10, fill: '#5f6b7a', 'text-anchor': i === 0 ? 'start' : i === 5 ? 'end' : 'middle', text: at(T.windowNanos * i / 5) }));
      }
      const rowIndex = {};
      T.rows.forEach((r, ri) => {
        rowIndex[r.thread] = ri;
        const y = AX + ri * ROW;
        svg.appendChild(s('text', { x: LABEL - 6, y: y + ROW - 5, 'font-size': 11, 'text-anchor': 'end', fill: '#1d2330', text: r.thread.length > 28 ? r.thread.substring(0, 27) + '…' : r.thread },
          s('title', { text: r.thread + ': ' + num(r.calls) + ' calls' })));
        // One path per busy level keeps the DOM small whatever the number of calls.
        const levels = [[], [], [], [], []];
        r.busy.forEach((b, i) => { if (b > 0) levels[Math.min(4, Math.floor(b * 5))].push(i); });
        levels.forEach((idx, lv) => {
          if (!idx.length) return;
          const d = idx.map((i) => 'M' + (LABEL + i * bw).toFixed(2) + ' ' + (y + 2) + 'h' + bw.toFixed(2) + 'v' + (ROW - 4) + 'h-' + bw.toFixed(2) + 'z').join('');
          svg.appendChild(s('path', { d: d, fill: '#2f6fde', 'fill-opacity': (0.2 + 0.8 * (lv + 1) / 5).toFixed(2) }));
        });
        const errs = [];
        r.errors.forEach((n, i) => { if (n > 0) errs.push('M' + (LABEL + (i + 0.5) * bw).toFixed(2) + ' ' + (y + 1) + 'v' + (ROW - 2)); });
        if (errs.length) svg.appendChild(s('path', { d: errs.join(''), stroke: '#c62828', 'stroke-width': 2 }, s('title', { text: 'failed calls' })));
      });
      // the slowest traces, where their roots ran
      R.slowestTraces.forEach((t, i) => {
        const ri = rowIndex[t.thread];
        if (ri === undefined) return;
        const x = LABEL + plotW * t.startNanos / T.windowNanos;
        const w = Math.max(3, plotW * t.durationNanos / T.windowNanos);
        const y = AX + ri * ROW;
        svg.appendChild(s('rect', { class: 'clickable slow-trace', x: x.toFixed(2), y: y + 0.5, width: w.toFixed(2), height: ROW - 1, fill: 'none', stroke: t.error ? '#c62828' : '#f57c00', 'stroke-width': 2, onclick: () => showTrace(t) },
          s('title', { text: '#' + (i + 1) + ' slowest trace: ' + t.tool + ', ' + dur(t.durationNanos) })));
      });
      fill('timeline-body', svg, h('p', { class: 'legend' }, 'Each row is a thread; blue shows the share of each time slice (' + dur(T.windowNanos / T.buckets) + ') spent in tracked calls, red marks failed calls, orange boxes are the slowest traces (click one).'));
    }
    if (!R.slowestTraces.length) {
      fill('traces-body', h('p', { class: 'muted', text: 'No traces.' }));
      return;
    }
    fill('traces-body', h('table', { id: 'traces-table' },
      h('thead', null, h('tr', null, ['#', 'root tool', 'thread', 'start', 'duration', 'calls shown', ''].map((x) => h('th', { text: x })))),
      h('tbody', null, R.slowestTraces.map((t, i) => h('tr', { class: 'clickable trace-link', onclick: () => showTrace(t) },
        h('td', { text: String(i + 1) }), h('td', { text: t.tool }), h('td', { text: t.thread }), h('td', { text: at(t.startNanos) }),
        h('td', { class: 'num', text: dur(t.durationNanos) }), h('td', { class: 'num', text: num(t.calls.length) + (t.callsOmitted ? ' of ' + num(t.calls.length + t.callsOmitted) : '') }),
        h('td', { class: 'err', text: t.error ? 'failed' : '' }))))));
  }

  /** A trace as an indented tree of bars; click a call for its details. */
  function showTrace(t) {
    const byParent = {};
    const ids = new Set(t.calls.map((c) => c.spanId));
    t.calls.forEach((c) => {
      const p = ids.has(c.parentSpanId) ? c.parentSpanId : '';
      (byParent[p] = byParent[p] || []).push(c);
    });
    const rows = [];
    const walk = (parent, depth) => (byParent[parent] || []).forEach((c) => {
      if (rows.length > 2000) return;
      const left = 100 * (c.startNanos - t.startNanos) / Math.max(1, t.durationNanos);
      const width = 100 * c.durationNanos / Math.max(1, t.durationNanos);
      rows.push(h('div', { class: 'trace-row clickable' + (c.error ? ' error' : ''), onclick: () => showDetails(callView(c), h('p', null, h('a', { href: '#', onclick: (e) => { e.preventDefault(); showTrace(t); }, text: '← back to the trace' }))) },
        h('span', { style: 'padding-left:' + depth * 12 + 'px', text: c.tool }),
        h('span', { class: 'bar' }, h('span', { style: 'left:' + Math.max(0, left).toFixed(2) + '%;width:' + Math.min(100, width).toFixed(2) + '%' })),
        h('span', { class: 'num muted', text: dur(c.durationNanos) })));
      walk(c.spanId, depth + 1);
    });
    walk('', 0);
    showDetails(h('h3', { text: 'Trace ' + t.traceId }),
      h('p', { class: 'muted', text: t.tool + ' on ' + t.thread + ', ' + dur(t.durationNanos) + (t.callsOmitted ? '; ' + num(t.callsOmitted) + ' faster calls not shown' : '') }),
      rows);
  }

  // ---- errors ----
  function renderErrors() {
    if (!R.errors.length) {
      fill('errors-body', h('p', { class: 'muted', text: R.header.calls ? 'No call failed.' : 'No calls.' }));
      return;
    }
    fill('errors-body', R.errors.map((g) => {
      const ex = g.example;
      return h('div', { class: 'error-group' },
        h('h3', null, h('span', { class: 'err mono', text: g.type }), ' ', h('span', { class: 'badge bad', text: num(g.count) + '×' })),
        h('p', { class: 'muted', text: 'in ' + Object.keys(g.tools).map((k) => k + ' (' + num(g.tools[k]) + ')').join(', ') + ' · ' + num(g.messages) + (g.messages === 1 ? ' message' : ' distinct messages') }),
        ex ? h('p', null, 'First: ', h('code', { text: ex.error.message || '(no message)' }), ' — ', h('a', { href: '#', class: 'call-link', onclick: (e) => { e.preventDefault(); showDetails(callView(ex, 'First ' + g.type)); }, text: ex.tool + ' span ' + ex.spanId })) : null,
        ex && ex.error.stackTrace ? h('details', null, h('summary', { text: 'stack trace' }), h('pre', { text: ex.error.stackTrace })) : null);
    }));
  }

  // ---- lineage graph ----
  function layout(nodes, edges) {
    const out = {}, inn = {};
    nodes.forEach((n) => { out[n.id] = []; inn[n.id] = []; });
    // Depth-first search marks back edges (a cycle can only come from merged shapes).
    const state = {}, back = new Set();
    const visit = (id) => {
      state[id] = 1;
      for (const e of out[id]) {
        if (state[e.to] === 1) back.add(e);
        else if (!state[e.to]) visit(e.to);
      }
      state[id] = 2;
    };
    edges.forEach((e) => { out[e.from].push(e); inn[e.to].push(e); });
    nodes.forEach((n) => { if (!state[n.id]) visit(n.id); });
    // Longest-path layers, left to right.
    const layer = {};
    const order = [];
    const indeg = {};
    nodes.forEach((n) => { indeg[n.id] = inn[n.id].filter((e) => !back.has(e)).length; layer[n.id] = 0; });
    const ready = nodes.filter((n) => indeg[n.id] === 0).map((n) => n.id);
    while (ready.length) {
      const id = ready.shift();
      order.push(id);
      for (const e of out[id]) {
        if (back.has(e)) continue;
        layer[e.to] = Math.max(layer[e.to], layer[id] + 1);
        if (--indeg[e.to] === 0) ready.push(e.to);
      }
    }
    const layers = [];
    order.forEach((id) => { (layers[layer[id]] = layers[layer[id]] || []).push(id); });
    // Barycenter sweeps to reduce crossings.
    const pos = {};
    const index = () => layers.forEach((l) => l.forEach((id, i) => { pos[id] = i; }));
    index();
    for (let sweep = 0; sweep < 6; sweep++) {
      const down = sweep % 2 === 0;
      const seq = down ? layers.slice(1) : layers.slice(0, -1).reverse();
      seq.forEach((l) => {
        const bc = {};
        l.forEach((id) => {
          const nb = (down ? inn[id].map((e) => e.from) : out[id].map((e) => e.to)).filter((x) => pos[x] !== undefined);
          bc[id] = nb.length ? nb.reduce((a, x) => a + pos[x], 0) / nb.length : pos[id];
        });
        l.sort((a, b) => bc[a] - bc[b]);
        l.forEach((id, i) => { pos[id] = i; });
      });
    }
    const NW = 190, NH = 46, GX = 90, GY = 26;
    const tallest = Math.max(1, ...layers.map((l) => l.length));
    const xy = {};
    layers.forEach((l, li) => {
      const offset = (tallest - l.length) * (NH + GY) / 2;
      l.forEach((id, i) => { xy[id] = { x: li * (NW + GX), y: offset + i * (NH + GY), w: NW, h: NH }; });
    });
    return { xy: xy, back: back, width: layers.length * (NW + GX), height: tallest * (NH + GY) };
  }

  function renderLineage() {
    const G = R.graph;
    const body = document.getElementById('lineage-body');
    body.textContent = '';
    append(body, [h('p', { class: 'muted', text: 'The lineage of ' + G.chosen + '. Calls with the same tool, outcome, confidence tier and kinds of inputs are one node; ×N says how many. Drag to pan, scroll to zoom, click a node for its call.' })]);
    if (!G.nodes.length) {
      append(body, [h('p', { class: 'muted', text: 'No lineage: this run recorded no calls.' })]);
      return;
    }
    const legend = h('p', { class: 'legend' }, 'Fill: tool. Border: effective confidence tier —',
      Object.keys(TIER_COLOR).map((k) => [h('span', { class: 'sw', style: 'border-color:' + TIER_COLOR[k] }), k]),
      h('span', { class: 'sw', style: 'border-color:#c62828;border-style:dashed' }), 'failed',
      h('span', { class: 'sw', style: 'border-color:#9aa3ad;border-radius:50%' }), 'external input', ' ◎ final output.');
    const nodes = G.nodes.map((n) => Object.assign({}, n));
    const edges = G.edges.map((e) => Object.assign({}, e));
    const L = layout(nodes, edges);
    const svg = s('svg', { id: 'graph-svg' });
    const defs = s('defs', null, s('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 9, markerHeight: 9, markerUnits: 'userSpaceOnUse', orient: 'auto-start-reverse' }, s('path', { d: 'M0 0L10 5L0 10z', fill: '#8c96a3' })));
    svg.appendChild(defs);
    const view = s('g', { id: 'graph-viewport' });
    svg.appendChild(view);
    const maxCount = Math.max(1, ...edges.map((e) => e.count));
    const edgeLayer = s('g', { class: 'edges' });
    view.appendChild(edgeLayer);
    edges.forEach((e) => {
      const a = L.xy[e.from], b = L.xy[e.to];
      if (!a || !b) return;
      const isBack = L.back.has(e) || a.x >= b.x;
      const x1 = a.x + a.w, y1 = a.y + a.h / 2, x2 = b.x, y2 = b.y + b.h / 2;
      const d = isBack
        ? 'M' + (a.x + a.w / 2) + ' ' + a.y + 'C' + (a.x + a.w / 2) + ' ' + (a.y - 60) + ' ' + (b.x + b.w / 2) + ' ' + (b.y - 60) + ' ' + (b.x + b.w / 2) + ' ' + b.y
        : 'M' + x1 + ' ' + y1 + 'C' + (x1 + 45) + ' ' + y1 + ' ' + (x2 - 45) + ' ' + y2 + ' ' + x2 + ' ' + y2;
      edgeLayer.appendChild(s('path', { class: 'edge' + (isBack ? ' back' : ''), d: d, 'stroke-width': (1 + 3 * Math.log(1 + e.count) / Math.log(1 + maxCount)).toFixed(2), 'marker-end': 'url(#arrow)' },
        s('title', { text: e.role + ': ' + num(e.count) + (e.count === 1 ? ' use' : ' uses') })));
    });
    const nodeLayer = s('g', { class: 'nodes' });
    view.appendChild(nodeLayer);
    nodes.forEach((n) => {
      const p = L.xy[n.id];
      if (!p) return;
      const isInput = n.kind === 'input';
      const stroke = n.error ? '#c62828' : TIER_COLOR[n.tier] || '#9aa3ad';
      const g = s('g', { class: 'node clickable', 'data-node': n.id, 'data-kind': n.kind, transform: 'translate(' + p.x + ',' + p.y + ')', tabindex: 0, role: 'button' });
      g.appendChild(s('rect', { width: p.w, height: p.h, rx: isInput ? p.h / 2 : 7, fill: isInput ? '#f3f4f6' : toolFill(n.tool), stroke: stroke, 'stroke-dasharray': n.error ? '6 3' : null }));
      if (n.finals > 0) g.appendChild(s('circle', { cx: p.w - 10, cy: 10, r: 5, fill: 'none', stroke: '#1d2330', 'stroke-width': 1.5 }));
      if (n.chosen) g.appendChild(s('circle', { cx: p.w - 10, cy: 10, r: 2.5, fill: '#1d2330' }));
      const label = (n.error ? '✗ ' : '') + n.label;
      g.appendChild(s('text', { x: 10, y: 19, text: label.length > 24 ? label.substring(0, 23) + '…' : label }));
      g.appendChild(s('text', { x: 10, y: 36, class: 'count', text: '×' + num(n.count) + (isInput ? (n.count === 1 ? ' value' : ' values') : '') }));
      if (!isInput) g.appendChild(s('text', { x: p.w - 10, y: 36, 'text-anchor': 'end', fill: '#5f6b7a', text: 'avg ' + dur(n.meanNanos) }));
      g.appendChild(s('title', { text: label + ' ×' + n.count + (n.kind === 'call' ? ', tier ' + n.tier : '') }));
      const open = () => selectNode(n, g);
      g.addEventListener('click', open);
      g.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); open(); } });
      nodeLayer.appendChild(g);
    });
    const wrap = h('div', { class: 'graph-wrap' });
    const tools = h('div', { class: 'graph-tools' });
    wrap.appendChild(tools);
    wrap.appendChild(svg);
    append(body, [legend, wrap]);
    if (G.nodesHidden) append(body, [h('p', { class: 'muted', text: num(G.nodesHidden) + ' more nodes of the lineage are not drawn.' })]);
    panZoom(svg, view, L, tools);
  }

  function selectNode(n, g) {
    document.querySelectorAll('g.node.selected').forEach((x) => x.classList.remove('selected'));
    g.classList.add('selected');
    const summary = h('dl', { class: 'facts' },
      h('dt', { text: 'kind' }), h('dd', { text: n.kind === 'input' ? 'external input (no recorded call produced it)' : 'call' + (n.error ? ', failed' : '') }),
      h('dt', { text: n.kind === 'input' ? 'values' : 'calls' }), h('dd', { text: num(n.count) }),
      n.kind === 'call' ? [h('dt', { text: 'final outputs' }), h('dd', { text: num(n.finals) }),
        h('dt', { text: 'confidence tier' }), h('dd', { text: n.tier + (n.minConfidence !== null ? ' (lowest effective confidence ' + n.minConfidence + ')' : '') }),
        h('dt', { text: 'mean duration' }), h('dd', { text: dur(n.meanNanos) })] : null);
    const uses = R.graph.edges.filter((e) => e.to === n.id).map((e) => h('li', { text: e.role + ' ← ' + labelOf(e.from) + ' (' + num(e.count) + ')' }));
    const feeds = R.graph.edges.filter((e) => e.from === n.id).map((e) => h('li', { text: labelOf(e.to) + ' as ' + e.role + ' (' + num(e.count) + ')' }));
    showDetails(h('h3', { text: (n.kind === 'input' ? 'Input ' : 'Node ') + n.label }), summary,
      uses.length ? [h('h3', { text: 'Uses' }), h('ul', null, uses)] : null,
      feeds.length ? [h('h3', { text: 'Feeds' }), h('ul', null, feeds)] : null,
      n.example ? callView(n.example, 'Example call (the first of ' + num(n.count) + ')') : null,
      n.value ? [h('h3', { text: 'Example value' }), h('table', null, h('tbody', null, valueRow(n.value)))] : null);
  }
  function labelOf(id) {
    const n = R.graph.nodes.find((x) => x.id === id);
    return n ? n.label : id;
  }

  /** Drag to pan, wheel or buttons to zoom, "fit" to see everything. */
  function panZoom(svg, view, L, tools) {
    let k = 1, tx = 0, ty = 0;
    const apply = () => view.setAttribute('transform', 'translate(' + tx.toFixed(1) + ',' + ty.toFixed(1) + ') scale(' + k.toFixed(4) + ')');
    const fit = () => {
      const r = svg.getBoundingClientRect();
      const w = r.width || 1000, hh = r.height || 560;
      k = Math.min(1.5, Math.max(0.05, Math.min((w - 40) / Math.max(1, L.width), (hh - 40) / Math.max(1, L.height))));
      tx = (w - L.width * k) / 2 + 45 * k;
      ty = (hh - L.height * k) / 2 + 13 * k;
      apply();
    };
    const zoomAt = (factor, cx, cy) => {
      const nk = Math.min(8, Math.max(0.02, k * factor));
      tx = cx - (cx - tx) * nk / k;
      ty = cy - (cy - ty) * nk / k;
      k = nk;
      apply();
    };
    svg.addEventListener('wheel', (e) => {
      e.preventDefault();
      const r = svg.getBoundingClientRect();
      zoomAt(Math.exp(-e.deltaY * 0.0015), e.clientX - r.left, e.clientY - r.top);
    }, { passive: false });
    let drag = null;
    svg.addEventListener('pointerdown', (e) => {
      if (e.target.closest && e.target.closest('g.node')) return;
      drag = { x: e.clientX, y: e.clientY, tx: tx, ty: ty };
      svg.classList.add('panning');
      svg.setPointerCapture(e.pointerId);
    });
    svg.addEventListener('pointermove', (e) => {
      if (!drag) return;
      tx = drag.tx + e.clientX - drag.x;
      ty = drag.ty + e.clientY - drag.y;
      apply();
    });
    const stop = () => { drag = null; svg.classList.remove('panning'); };
    svg.addEventListener('pointerup', stop);
    svg.addEventListener('pointercancel', stop);
    const button = (label, title, fn) => tools.appendChild(h('button', { type: 'button', title: title, text: label, onclick: fn }));
    const center = (f) => { const r = svg.getBoundingClientRect(); zoomAt(f, r.width / 2, r.height / 2); };
    button('+', 'Zoom in', () => center(1.25));
    button('−', 'Zoom out', () => center(0.8));
    button('⤢', 'Fit the graph', fit);
    fit();
    window.addEventListener('resize', fit);
  }

  // ---- environment and losses ----
  function renderEnvironment() {
    const env = R.environment;
    if (env === null || env === undefined || (typeof env === 'object' && !Object.keys(env).length)) {
      fill('environment-body', h('p', { class: 'muted', text: 'No environment snapshot was recorded for this run (its RUN document is missing).' }));
      return;
    }
    if (typeof env !== 'object') {
      fill('environment-body', h('pre', { text: String(env) }));
      return;
    }
    const rows = Object.keys(env).map((k) => {
      const v = env[k];
      const cell = v !== null && typeof v === 'object'
        ? h('details', null, h('summary', { text: Array.isArray(v) ? v.length + ' entries' : Object.keys(v).length + ' fields' }), h('pre', { text: JSON.stringify(v, null, 2) }))
        : h('span', { class: 'mono', text: v === null ? 'null' : String(v) });
      return h('tr', null, h('td', { text: k }), h('td', null, cell));
    });
    fill('environment-body', h('table', { class: 'env-table' }, h('tbody', null, rows)));
  }

  function renderLosses() {
    const L = R.losses;
    const item = (n, text, bad) => h('tr', null, h('td', { class: 'num' + (bad && n > 0 ? ' err' : ''), text: n === null ? 'unknown' : num(n) }), h('td', { text: text }));
    fill('losses-body',
      h('h3', { text: 'By the agent' }),
      h('table', { id: 'losses-table' }, h('tbody', null,
        item(L.droppedRecords, 'records dropped (queue full, disk budget or free-space floor reached)' + (L.droppedRecords === null ? ' — no end record, so not known' : ''), true),
        item(L.recordingFailures, 'calls the agent failed to record', true),
        item(L.unreadableDocuments, 'queue documents that could not be read', true),
        item(L.previewsTruncated, 'value previews cut at capture.preview.chars'),
        item(L.partialHashes, 'values hashed partially (larger than capture.hash.max.bytes)'),
        item(L.unavailableValues, 'values the agent could not describe'),
        item(L.redactedValues, 'values redacted'),
        item(L.confidenceRejected, 'confidences rejected (outside [0,1] or NaN)', true))),
      h('h3', { text: 'By this report (to stay bounded)' }),
      L.reportLimits.length ? h('ul', null, L.reportLimits.map((x) => h('li', { text: x }))) : h('p', { class: 'muted', text: 'Nothing: every tool, thread and graph node of the run is shown.' }));
  }

  renderHeader();
  renderTools();
  renderTimeline();
  renderErrors();
  renderLineage();
  renderEnvironment();
  renderLosses();
  document.body.setAttribute('data-rendered', 'true');
})();
