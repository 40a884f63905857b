// The usage page (#usage): charts the page draws as SVG from the hub's counts. Visits (screens
// opened) and sessions per park day for each kiosk over the last four weeks
// (GET /api/v1/usage/daily), the most opened records and the searches that found nothing
// (GET /api/v1/usage); each chart has its numbers a click away (a table toggle).
// app.js routes '#usage' to Usage.page(); every text comes from t() (lang/*.json, "charts.*").
'use strict';

const Usage = (() => {
  const SVG = 'http://www.w3.org/2000/svg';
  const s = (tag, attrs, ...children) => {
    const el = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, v);
    for (const c of children) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
    return el;
  };
  const dayLabel = (iso) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}`;  // dd/mm, as staff read dates

  // A chart with its table behind a toggle.
  function figure(title, chart, table) {
    table.hidden = true;
    const toggle = h('button', { type: 'button', class: 'link', 'aria-expanded': 'false' }, t('charts.showNumbers'));
    toggle.addEventListener('click', () => {
      table.hidden = !table.hidden;
      toggle.textContent = t(table.hidden ? 'charts.showNumbers' : 'charts.hideNumbers');
      toggle.setAttribute('aria-expanded', String(!table.hidden));
    });
    return h('figure', { class: 'chart card' }, h('figcaption', {}, title, ' ', toggle), chart, table);
  }

  // Visits and sessions per day: two bars a day, a scale on the left, a date every week.
  function dailyChart(days, kiosk) {
    const W = 760, H = 220, left = 40, bottom = 28, top = 10;
    const max = Math.max(1, ...kiosk.visits, ...kiosk.sessions);
    const slot = (W - left - 8) / days.length;
    const y = (v) => top + (H - top - bottom) * (1 - v / max);
    const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart-svg', role: 'img', 'aria-label': t('charts.dailyAria', { kiosk: kiosk.id }), 'data-chart': 'daily' });
    for (const f of [0, 0.5, 1]) {
      const v = Math.round(max * f);
      svg.append(s('line', { x1: left, x2: W - 4, y1: y(v), y2: y(v), class: 'grid' }), s('text', { x: left - 6, y: y(v) + 4, 'text-anchor': 'end', class: 'axis' }, v));
    }
    days.forEach((d, i) => {
      const x = left + i * slot;
      const w = Math.max(1, slot / 2 - 1);
      const visits = kiosk.visits[i], sessions = kiosk.sessions[i];
      svg.append(s('rect', { x, y: y(visits), width: w, height: H - bottom - y(visits), class: 'bar bar-visits', 'data-day': d }, s('title', {}, `${dayLabel(d)}: ${t('charts.visits')} ${visits}`)));
      svg.append(s('rect', { x: x + w, y: y(sessions), width: w, height: H - bottom - y(sessions), class: 'bar bar-sessions', 'data-day': d }, s('title', {}, `${dayLabel(d)}: ${t('charts.sessions')} ${sessions}`)));
      if (i % 7 === 0 || i === days.length - 1) svg.append(s('text', { x: x + slot / 2, y: H - 10, 'text-anchor': 'middle', class: 'axis' }, dayLabel(d)));
    });
    const legend = h('p', { class: 'legend' }, h('span', { class: 'swatch visits' }), t('charts.visits'), ' ', h('span', { class: 'swatch sessions' }), t('charts.sessions'));
    const table = h('table', { class: 'numbers' }, h('thead', {}, h('tr', {}, h('th', {}, t('charts.day')), h('th', {}, t('charts.visits')), h('th', {}, t('charts.sessions')), h('th', {}, t('charts.notFound')))),
      h('tbody', {}, days.map((d, i) => h('tr', {}, h('td', {}, dayLabel(d)), h('td', {}, kiosk.visits[i]), h('td', {}, kiosk.sessions[i]), h('td', {}, kiosk.searchesNotFound[i])))));
    return figure(t('charts.dailyTitle', { kiosk: kiosk.id }), h('div', {}, svg, legend), table);
  }

  // Horizontal bars, most first.
  function topChart(title, rows, name, empty) {
    if (!rows || !rows.length) return h('figure', { class: 'chart card' }, h('figcaption', {}, title), h('p', { class: 'muted' }, empty));
    const W = 760, row = 24, left = 250, H = rows.length * row + 8;
    const max = Math.max(1, ...rows.map((r) => r.count));
    const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart-svg', role: 'img', 'aria-label': title, 'data-chart': name });
    rows.forEach((r, i) => {
      const w = (W - left - 60) * r.count / max;
      const y = 4 + i * row;
      const line = shorten(r.key);  // app.js: one line, control characters out
      const key = line.length > 34 ? line.slice(0, 33) + '…' : line;
      svg.append(s('text', { x: left - 8, y: y + 16, 'text-anchor': 'end', class: 'axis rec' }, key),
        s('rect', { x: left, y: y + 3, width: Math.max(1, w), height: row - 8, class: 'bar bar-top' }, s('title', {}, `${shorten(r.key)}: ${r.count}`)),
        s('text', { x: left + w + 6, y: y + 16, class: 'axis' }, r.count));
    });
    const table = h('table', { class: 'numbers' }, h('tbody', {}, rows.map((r) => h('tr', {}, h('td', { class: 'rec' }, shorten(r.key)), h('td', {}, r.count)))));
    return figure(title, svg, table);
  }

  async function page() {
    const view = claimMain();
    const [daily, totals] = await Promise.all([api('GET', '/usage/daily?days=28'), api('GET', '/usage')]);
    const records = (totals.opened || []).filter((r) => !r.key.startsWith('screen:'));
    view.replaceChildren(h('h2', {}, t('charts.title')), h('p', { class: 'muted' }, t('charts.explain')),
      h('h3', {}, t('charts.dailyHeading', { from: dayLabel(daily.days[0]), to: dayLabel(daily.days[daily.days.length - 1]) })),
      h('div', { class: 'charts' }, daily.kiosks.length ? daily.kiosks.map((k) => dailyChart(daily.days, k)) : h('p', { class: 'muted' }, t('charts.noKiosks'))),
      topChart(t('charts.topRecords'), records, 'opened', t('charts.none')),
      topChart(t('charts.notFoundTitle'), totals.searchesNotFound, 'searchesNotFound', t('charts.none')));
  }

  return { page };
})();
