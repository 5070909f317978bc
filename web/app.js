/* dyad dashboard: plain JavaScript and SVG, no libraries, nothing loaded from elsewhere.
 * Talks to the JSON API of `dyad serve` (docs/serve.md). All text from the database is put
 * into the page as text nodes, never as HTML. */
'use strict';

const SVGNS = 'http://www.w3.org/2000/svg';
const QUAD_NAMES = ['', 'verbal cooperation', 'material cooperation', 'verbal conflict', 'material conflict'];
const PAGE = 25;

const state = {
  filters: {},          // source, target, from, to, quad, root, text, by
  offset: 0,
  codes: new Map(),     // CAMEO code -> name
  openEvent: null,
};

/* ---- small DOM helpers ------------------------------------------------------------------ */

function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const k of kids) if (k !== null && k !== undefined) e.append(k instanceof Node ? k : String(k));
  return e;
}

function svg(tag, attrs, ...kids) {
  const e = document.createElementNS(SVGNS, tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined) continue;
    if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const k of kids) if (k !== null && k !== undefined) e.append(k instanceof Node ? k : String(k));
  return e;
}

const $ = (sel) => document.querySelector(sel);
const fmt1 = (x) => (x === null || x === undefined ? '–' : Number(x).toFixed(1));
const fmtInt = (n) => Number(n).toLocaleString('en-US');

function showError(msg) {
  const e = $('#error');
  if (!msg) { e.hidden = true; e.textContent = ''; return; }
  e.hidden = false;
  e.textContent = msg;
}

async function api(path, params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v !== '' && v !== null && v !== undefined) q.set(k, v);
  const url = 'api/' + path + (q.toString() ? '?' + q : '');
  const res = await fetch(url, { headers: { Accept: 'application/json' } });
  let body;
  try { body = await res.json(); } catch (e) { throw new Error(`${url}: HTTP ${res.status}, not JSON`); }
  if (!res.ok) throw new Error(body && body.error ? body.error : `${url}: HTTP ${res.status}`);
  return body;
}

/* The API filter parameters for the current form state. */
function apiFilters() {
  const f = state.filters, p = {};
  if (f.source || f.target) p.dyad = (f.source || '') + ':' + (f.target || '');
  for (const k of ['from', 'to', 'quad', 'root', 'text']) if (f[k]) p[k] = f[k];
  return p;
}

/* ---- filters <-> form <-> location hash ---------------------------------------------------- */

const FIELDS = ['source', 'target', 'from', 'to', 'quad', 'root', 'text', 'by'];

function readForm() {
  const form = $('#filters');
  const f = {};
  for (const k of FIELDS) {
    let v = (form.elements[k].value || '').trim();
    if (k === 'source' || k === 'target') v = v.toUpperCase();
    if (v) f[k] = v;
  }
  if (!f.by) f.by = 'month';
  return f;
}

function writeForm(f) {
  const form = $('#filters');
  for (const k of FIELDS) form.elements[k].value = f[k] || (k === 'by' ? 'month' : '');
}

function filtersFromHash() {
  const h = new URLSearchParams(location.hash.slice(1));
  const f = {};
  for (const k of FIELDS) if (h.get(k)) f[k] = h.get(k);
  if (!f.by) f.by = 'month';
  return f;
}

function hashFromFilters(f) {
  const h = new URLSearchParams();
  for (const k of FIELDS) if (f[k] && !(k === 'by' && f[k] === 'month')) h.set(k, f[k]);
  return h.toString();
}

function applyFilters(f, pushHash) {
  state.filters = f;
  state.offset = 0;
  writeForm(f);
  if (pushHash) {
    const h = hashFromFilters(f);
    if (location.hash.slice(1) !== h) history.replaceState(null, '', h ? '#' + h : location.pathname);
  }
  refresh();
}

/* ---- header --------------------------------------------------------------------------- */

async function loadStats() {
  const s = await api('stats');
  const range = s.first_date ? `, ${s.first_date} to ${s.last_date}` : '';
  $('#db-info').textContent =
    `${s.database}: ${fmtInt(s.documents)} documents, ${fmtInt(s.events)} events, ` +
    `${fmtInt(s.event_mentions)} event mentions${range}`;
  $('#db-info').dataset.events = s.events;
}

async function loadCodes() {
  try {
    const c = await api('codes');
    const sel = $('#filters').elements.root;
    for (const x of c.codes) {
      state.codes.set(x.code, x.name);
      if (x.code.length === 2) {
        const name = x.name.charAt(0) + x.name.slice(1).toLowerCase();
        sel.append(el('option', { value: x.code }, `${x.code} ${name}`));
      }
    }
  } catch (e) { /* names are a nicety */ }
}

async function loadActors() {
  try {
    const a = await api('actors', { limit: 200 });
    const dl = $('#actor-list');
    dl.replaceChildren(...a.actors.map((x) => el('option', { value: x.actor }, `${x.events} events`)));
  } catch (e) { /* suggestions only */ }
}

/* ---- timeline ------------------------------------------------------------------------------ */

function pad(n, w) { return String(n).padStart(w, '0'); }
function isoDay(d) { return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`; }

/* Every period from the first to the last one with data, so gaps show as gaps. */
function fillPeriods(series, by) {
  if (series.length < 2) return series;
  const have = new Map(series.map((p) => [p.period, p]));
  const first = series[0].period, last = series[series.length - 1].period;
  const out = [];
  const empty = (period) => ({ period, events: 0, quad: [0, 0, 0, 0], cooperation: 0, conflict: 0, mean_goldstein: null });
  if (by === 'month') {
    let y = +first.slice(0, 4), m = +first.slice(5, 7);
    for (let i = 0; i < 5000; i++) {
      const key = `${y}-${pad(m, 2)}`;
      out.push(have.get(key) || empty(key));
      if (key >= last) break;
      if (++m > 12) { m = 1; y++; }
    }
  } else {
    const step = by === 'week' ? 7 : 1;
    const d = new Date(first + 'T00:00:00Z');
    for (let i = 0; i < 5000; i++) {
      const key = isoDay(d);
      out.push(have.get(key) || empty(key));
      if (key >= last) break;
      d.setUTCDate(d.getUTCDate() + step);
    }
  }
  return out.length >= 5000 ? series : out;
}

function niceMax(v) {
  if (v <= 1) return 1;
  const p = Math.pow(10, Math.floor(Math.log10(v)));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

function drawTimeline(ts) {
  const box = $('#timeline');
  const t = ts.totals;
  const f = state.filters;
  $('#timeline-dyad').textContent = f.source || f.target ? `— ${f.source || 'anyone'} → ${f.target || 'anyone'}` : '— all dyads';
  const sum = $('#timeline-summary');
  sum.replaceChildren(
    el('b', { 'data-k': 'events' }, fmtInt(t.events)), ' dated events: ',
    el('b', { 'data-k': 'cooperation', class: 'coop' }, fmtInt(t.cooperation)), ' cooperation (',
    el('span', { 'data-k': 'q1' }, fmtInt(t.quad[0])), ' verbal, ',
    el('span', { 'data-k': 'q2' }, fmtInt(t.quad[1])), ' material), ',
    el('b', { 'data-k': 'conflict', class: 'conf' }, fmtInt(t.conflict)), ' conflict (',
    el('span', { 'data-k': 'q3' }, fmtInt(t.quad[2])), ' verbal, ',
    el('span', { 'data-k': 'q4' }, fmtInt(t.quad[3])), ' material); mean Goldstein ',
    el('b', { 'data-k': 'goldstein' }, t.mean_goldstein === null ? '–' : t.mean_goldstein.toFixed(2)));

  const W = 760, H = 320, L = 40, R = 40, T = 14, B = 34;
  const pts = fillPeriods(ts.series, ts.by);
  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': 'events per period, cooperation above the axis and conflict below' });
  if (!pts.length) {
    root.append(svg('text', { x: W / 2, y: H / 2, 'text-anchor': 'middle', class: 'empty' }, 'No dated events match.'));
    box.replaceChildren(root);
    return;
  }
  // one scale above and below the axis, so cooperation and conflict compare by eye
  const up = niceMax(Math.max(...pts.map((p) => Math.max(p.cooperation, p.conflict)), 1)), down = up;
  const plotH = H - T - B;
  const zero = T + plotH * up / (up + down);
  const y = (v) => zero - (v / (up + down)) * plotH;       // v > 0 up, v < 0 down
  const gy = (g) => T + plotH * (10 - g) / 20;              // Goldstein -10..10 on the right axis
  const n = pts.length, bw = (W - L - R) / n;
  const gap = bw > 6 ? Math.min(bw * 0.2, 4) : 0;

  for (const v of [up, up / 2, -down / 2, -down]) {
    if (v !== Math.round(v)) continue;
    root.append(svg('line', { x1: L, x2: W - R, y1: y(v), y2: y(v), class: 'grid' }),
                svg('text', { x: L - 4, y: y(v) + 4, 'text-anchor': 'end' }, String(Math.abs(v))));
  }
  for (const g of [10, 0, -10]) root.append(svg('text', { x: W - R + 4, y: gy(g) + 4 }, (g > 0 ? '+' : '') + g));
  root.append(svg('text', { x: L + 4, y: T + 10 }, '▲ cooperation'), svg('text', { x: L + 4, y: H - B - 4 }, '▼ conflict'));

  const bars = svg('g', { class: 'bars' });
  pts.forEach((p, i) => {
    const x = L + i * bw;
    const g = svg('g', { class: 'period', 'data-period': p.period });
    g.append(svg('rect', { class: 'hit', x, y: T, width: bw, height: plotH, fill: 'transparent' }));
    let top = 0;
    for (const q of [1, 2]) {
      const v = p.quad[q - 1];
      if (!v) continue;
      g.append(svg('rect', { class: `bar-q${q}`, x: x + gap / 2, width: Math.max(bw - gap, 2), y: y(top + v), height: y(top) - y(top + v) }));
      top += v;
    }
    let bot = 0;
    for (const q of [3, 4]) {
      const v = p.quad[q - 1];
      if (!v) continue;
      g.append(svg('rect', { class: `bar-q${q}`, x: x + gap / 2, width: Math.max(bw - gap, 2), y: y(-bot), height: y(-(bot + v)) - y(-bot) }));
      bot += v;
    }
    g.append(svg('title', {}, `${p.period}: ${p.events} events — ${p.cooperation} cooperation ` +
      `(${p.quad[0]} verbal, ${p.quad[1]} material), ${p.conflict} conflict (${p.quad[2]} verbal, ` +
      `${p.quad[3]} material); mean Goldstein ${p.mean_goldstein === null ? '–' : p.mean_goldstein.toFixed(2)}`));
    bars.append(g);
  });
  root.append(bars);
  root.append(svg('line', { x1: L, x2: W - R, y1: zero, y2: zero, class: 'axis' }));

  // mean Goldstein: a line through the periods that have events
  let d = '';
  let prev = false;
  pts.forEach((p, i) => {
    if (p.mean_goldstein === null) { prev = false; return; }
    const cx = L + (i + 0.5) * bw, cy = gy(p.mean_goldstein);
    d += `${prev ? 'L' : 'M'}${cx.toFixed(1)},${cy.toFixed(1)}`;
    prev = true;
    root.append(svg('circle', { class: 'gold-dot', cx, cy, r: Math.min(3, Math.max(2, bw / 4)) }));
  });
  if (d) root.append(svg('path', { class: 'gold-line', d }));

  // x labels: about eight, evenly spread
  const every = Math.max(1, Math.ceil(n / 8));
  for (let i = 0; i < n; i += every)
    root.append(svg('text', { x: L + (i + 0.5) * bw, y: H - B + 16, 'text-anchor': 'middle' }, pts[i].period));
  box.replaceChildren(root);
}

/* ---- network ------------------------------------------------------------------------------ */

function goldColor(g) {
  if (g === null || g === undefined) return '#98a2b3';
  const t = Math.max(-1, Math.min(1, g / 7));
  // red (-) through grey to green (+)
  const mix = (a, b, u) => Math.round(a + (b - a) * u);
  const grey = [152, 162, 179], red = [203, 24, 29], green = [35, 139, 69];
  const to = t < 0 ? red : green, u = Math.abs(t);
  return `rgb(${mix(grey[0], to[0], u)},${mix(grey[1], to[1], u)},${mix(grey[2], to[2], u)})`;
}

function drawNetwork(data) {
  const box = $('#network');
  const W = 560, H = 500, cx = W / 2, cy = H / 2, rad = Math.min(W, H) / 2 - 80;
  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': 'network of the most active dyads' });
  const dy = data.dyads.filter((d) => d.target);
  if (!dy.length) {
    root.append(svg('text', { x: W / 2, y: H / 2, 'text-anchor': 'middle', class: 'empty' }, 'No dyads match.'));
    box.replaceChildren(root);
    return;
  }
  // nodes on a circle, grouped by their first three letters (country or group)
  const weight = new Map();
  for (const d of dy) for (const a of [d.source, d.target]) weight.set(a, (weight.get(a) || 0) + d.events);
  const nodes = [...weight.keys()].sort((a, b) => a.slice(0, 3).localeCompare(b.slice(0, 3)) || a.localeCompare(b));
  const pos = new Map();
  nodes.forEach((a, i) => {
    const ang = -Math.PI / 2 + (2 * Math.PI * i) / nodes.length;
    pos.set(a, { x: cx + rad * Math.cos(ang), y: cy + rad * Math.sin(ang), ang });
  });
  const maxEv = Math.max(...dy.map((d) => d.events));
  const defs = svg('defs');
  root.append(defs);
  const edges = svg('g', { class: 'edges' });
  dy.forEach((d, i) => {
    const a = pos.get(d.source), b = pos.get(d.target);
    const color = goldColor(d.mean_goldstein);
    const id = `arrow${i}`;
    const width = 1.2 + 5 * Math.sqrt(d.events / maxEv), head = 7 + width * 1.2;
    defs.append(svg('marker', { id, viewBox: '0 0 10 10', refX: 8, refY: 5, markerUnits: 'userSpaceOnUse', markerWidth: head, markerHeight: head, orient: 'auto-start-reverse' },
      svg('path', { d: 'M0,0L10,5L0,10z', fill: color })));
    // bend each arrow to its right so A->B and B->A do not overlap; stop short of the node
    const mx = (a.x + b.x) / 2, my = (a.y + b.y) / 2;
    const dx = b.x - a.x, dyy = b.y - a.y, len = Math.hypot(dx, dyy) || 1;
    const bend = Math.min(40, len * 0.18);
    const qx = mx - (dyy / len) * bend, qy = my + (dx / len) * bend;
    const shrink = (p, q, r) => { const l = Math.hypot(q.x - p.x, q.y - p.y) || 1; return { x: p.x + (q.x - p.x) * r / l, y: p.y + (q.y - p.y) * r / l }; };
    const s = shrink(a, { x: qx, y: qy }, 9), e = shrink(b, { x: qx, y: qy }, 11);
    const path = svg('path', {
      class: 'edge', d: `M${s.x.toFixed(1)},${s.y.toFixed(1)}Q${qx.toFixed(1)},${qy.toFixed(1)} ${e.x.toFixed(1)},${e.y.toFixed(1)}`,
      stroke: color, 'stroke-width': width.toFixed(2), 'marker-end': `url(#${id})`,
      'data-source': d.source, 'data-target': d.target, 'data-events': d.events,
      onclick: () => applyFilters({ ...state.filters, source: d.source, target: d.target }, true),
    }, svg('title', {}, `${d.source} → ${d.target}: ${d.events} events (${d.cooperation} cooperation, ` +
      `${d.conflict} conflict), mean Goldstein ${d.mean_goldstein === null ? '–' : d.mean_goldstein.toFixed(2)}`));
    if (state.filters.source === d.source && state.filters.target === d.target) path.classList.add('selected');
    edges.append(path);
  });
  root.append(edges);
  const gnodes = svg('g', { class: 'nodes' });
  for (const a of nodes) {
    const p = pos.get(a);
    // labels point away from the centre, turned so that none is upside down
    const deg = (p.ang * 180) / Math.PI, left = Math.cos(p.ang) < 0;
    const lx = p.x + Math.cos(p.ang) * 12, ly = p.y + Math.sin(p.ang) * 12;
    gnodes.append(svg('g', { class: 'node', 'data-actor': a },
      svg('circle', { cx: p.x, cy: p.y, r: 4 + 4 * Math.sqrt(weight.get(a) / Math.max(...weight.values())) }),
      svg('text', { x: lx, y: ly, dy: '0.35em', 'text-anchor': left ? 'end' : 'start',
        transform: `rotate(${(left ? deg + 180 : deg).toFixed(1)} ${lx.toFixed(1)} ${ly.toFixed(1)})` }, a),
      svg('title', {}, `${a}: ${weight.get(a)} events in these dyads`)));
  }
  root.append(gnodes);
  box.replaceChildren(root);
}

/* ---- event table ------------------------------------------------------------------------ */

function codeName(code) {
  return state.codes.get(code) || '';
}

async function loadEvents() {
  const p = { ...apiFilters(), limit: PAGE, offset: state.offset };
  const data = await api('events', p);
  const tb = $('#events tbody');
  state.openEvent = null;
  const rows = data.events.map((e) => {
    const tr = el('tr', { class: 'event', tabindex: 0, 'data-id': e.id, 'aria-expanded': 'false' },
      el('td', {}, e.date || '–'),
      el('td', { title: e.source_name || '' }, e.source_code),
      el('td', { title: e.target_name || '' }, e.target_code || '–'),
      el('td', {}, el('code', {}, e.cameo), ' ', el('span', { class: 'code-name' }, codeName(e.cameo))),
      el('td', {}, el('span', { class: `quad q${e.quad}`, title: QUAD_NAMES[e.quad] }, e.quad)),
      el('td', { class: 'num' }, fmt1(e.goldstein)),
      el('td', { class: 'num' }, e.num_mentions));
    const toggle = () => toggleEvent(tr, e);
    tr.addEventListener('click', toggle);
    tr.addEventListener('keydown', (ev) => { if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); toggle(); } });
    return tr;
  });
  if (!rows.length) rows.push(el('tr', {}, el('td', { colspan: 7, class: 'muted' }, 'No events match these filters.')));
  tb.replaceChildren(...rows);
  const first = data.count ? state.offset + 1 : 0;
  $('#page-info').textContent = data.count ? `events ${first}–${state.offset + data.count}` : '';
  $('#events-range').textContent = data.count ? `— ${first} to ${state.offset + data.count}${data.next ? ', more on the next page' : ''}` : '';
  $('#prev').disabled = state.offset === 0;
  $('#next').disabled = !data.next;
}

/* The evidence sentence with the actor and verb words marked. */
function markedEvidence(m) {
  const text = m.evidence || '';
  const spans = [];
  for (const [what, role] of [[m.source_text, 'source'], [m.target_text, 'target'], [m.verb, 'verb']]) {
    if (!what) continue;
    const at = text.indexOf(what);
    if (at >= 0 && !spans.some((s) => at < s.end && at + what.length > s.start)) spans.push({ start: at, end: at + what.length, role });
  }
  spans.sort((a, b) => a.start - b.start);
  const out = el('blockquote', { class: 'evidence' });
  let pos = 0;
  for (const s of spans) {
    out.append(text.slice(pos, s.start), el('mark', { class: `role-${s.role}`, title: s.role }, text.slice(s.start, s.end)));
    pos = s.end;
  }
  out.append(text.slice(pos));
  return out;
}

async function toggleEvent(tr, e) {
  const next = tr.nextElementSibling;
  if (next && next.classList.contains('detail')) {
    next.remove();
    tr.classList.remove('open');
    tr.setAttribute('aria-expanded', 'false');
    return;
  }
  tr.classList.add('open');
  tr.setAttribute('aria-expanded', 'true');
  const cell = el('td', { colspan: 7 }, el('span', { class: 'muted' }, 'loading evidence…'));
  const detail = el('tr', { class: 'detail', 'data-id': e.id }, cell);
  tr.after(detail);
  try {
    const ev = await api(`events/${encodeURIComponent(e.id)}`);
    const parts = [];
    const desc = `${ev.source_name || ev.source_code} → ${ev.target_name || ev.target_code || 'no target'}: ` +
      `${ev.cameo} ${codeName(ev.cameo)} (quad ${ev.quad}, ${QUAD_NAMES[ev.quad]}; Goldstein ${fmt1(ev.goldstein)})` +
      (ev.location_name ? `, in ${ev.location_name}` : '');
    parts.push(el('p', { class: 'mention-meta' }, desc));
    for (const m of ev.mentions) {
      const open = el('button', { type: 'button', class: 'secondary open-article', 'data-doc': m.doc_id,
        onclick: (x) => { x.stopPropagation(); openArticle(m.doc_id, m.sent); } }, 'Open the article');
      parts.push(el('div', { class: 'mention' },
        markedEvidence(m),
        el('div', { class: 'mention-meta' },
          `${m.outlet || 'unknown outlet'}, ${m.pub_date || 'undated'} — “${m.title || m.doc}”, sentence ${m.sent + 1} `, open)));
    }
    if (ev.mentions_truncated) parts.push(el('p', { class: 'muted' }, 'More mentions exist; the first 100 are shown.'));
    cell.replaceChildren(...parts);
  } catch (err) {
    cell.replaceChildren(el('span', { class: 'error' }, err.message));
  }
}

/* ---- article panel ------------------------------------------------------------------------ */

async function openArticle(docId, sent) {
  const aside = $('#article');
  const body = $('#article-body');
  body.replaceChildren(el('p', { class: 'muted' }, 'loading…'));
  aside.hidden = false;
  try {
    const d = await api(`documents/${encodeURIComponent(docId)}`);
    $('#article-title').textContent = d.title || d.name || `document ${d.id}`;
    const meta = $('#article-meta');
    meta.replaceChildren(`${d.outlet || 'unknown outlet'} · ${d.date || 'undated'} · ${d.n_events} events in ` +
      `${d.evidence_sentences} of ${d.n_sentences} sentences`);
    if (d.url && /^https?:\/\//i.test(d.url))
      meta.append(' · ', el('a', { href: d.url, rel: 'noopener noreferrer nofollow', target: '_blank' }, 'source'));
    const paras = [];
    let p = null;
    let current = null;
    for (const s of d.sentences) {
      if (s.paragraph || !p) { p = el('p'); paras.push(p); } else p.append(' ');
      if (s.events.length) {
        const tags = s.events.map((x) => `${x.source_code}→${x.target_code || '∅'} ${x.cameo}`).join(', ');
        const m = el('mark', { class: 'evidence-sentence', 'data-sent': s.idx, title: s.events.map((x) =>
          `${x.source_code} → ${x.target_code || 'no target'}: ${x.cameo} ${codeName(x.cameo)} (Goldstein ${fmt1(x.goldstein)})`).join('\n') }, s.text);
        if (s.idx === sent) { m.classList.add('current'); current = m; }
        p.append(m, el('span', { class: 'event-tag' }, `[${tags}]`));
      } else {
        p.append(s.text);
      }
    }
    if (d.truncated) paras.push(el('p', { class: 'muted' }, '(the article is longer; the rest is not shown)'));
    body.replaceChildren(...paras);
    if (current) current.scrollIntoView({ block: 'center' });
  } catch (err) {
    body.replaceChildren(el('p', { class: 'error' }, err.message));
  }
}

function closeArticle() {
  $('#article').hidden = true;
}

/* ---- wiring ------------------------------------------------------------------------------ */

async function refresh() {
  showError('');
  const f = apiFilters();
  const jobs = [
    api('timeseries', { ...f, by: state.filters.by || 'month' }).then(drawTimeline),
    api('dyads', { ...f, limit: 20 }).then(drawNetwork),
    loadEvents(),
  ];
  const results = await Promise.allSettled(jobs);
  const bad = results.find((r) => r.status === 'rejected');
  if (bad) showError(bad.reason.message);
  document.body.dataset.ready = '1';
}

async function page(delta) {
  state.offset = Math.max(0, state.offset + delta * PAGE);
  try { await loadEvents(); } catch (e) { showError(e.message); }
}

async function main() {
  const form = $('#filters');
  form.addEventListener('submit', (e) => { e.preventDefault(); applyFilters(readForm(), true); });
  form.addEventListener('reset', (e) => { e.preventDefault(); applyFilters({ by: 'month' }, true); });
  $('#prev').addEventListener('click', () => page(-1));
  $('#next').addEventListener('click', () => page(1));
  $('#article-close').addEventListener('click', closeArticle);
  document.addEventListener('keydown', (e) => { if (e.key === 'Escape') closeArticle(); });
  window.addEventListener('hashchange', () => applyFilters(filtersFromHash(), false));
  try {
    await Promise.all([loadStats(), loadCodes()]);
  } catch (e) {
    showError(e.message);
  }
  loadActors();
  applyFilters(filtersFromHash(), false);
}

main();
