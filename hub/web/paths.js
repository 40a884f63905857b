// The walking-paths page (#paths): the park's path network drawn on the map. Click the map to
// add a point (joined to the selected point, if any); click a point to select it, click a
// second point to join the two (or part them, when they are joined); drag a point to move it;
// Delete (the key or the button) removes the selected point with its segments, or the selected
// segment. Save sends the whole network (PUT /api/v1/content/paths); the hub refuses one that
// leaves a place or a kiosk unreached and names it, and those are marked on the map.
// app.js routes '#paths' to Paths.page(); every text comes from t() (lang/*.json, "paths.*").
'use strict';

const Paths = (() => {
  const SVG = 'http://www.w3.org/2000/svg';
  const s = (tag, attrs) => {
    const el = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, v);
    return el;
  };

  async function page() {
    const view = claimMain();
    const [network, profiles] = await Promise.all([api('GET', '/content/paths'), api('GET', '/content/profiles')]);
    const { width, height } = state.schema.content.map;
    const ed = {
      points: network.points.map((p) => ({ id: p.id, x: p.position.x, y: p.position.y })),
      segments: network.segments.map((g) => ({ from: g.from, to: g.to })),
      selected: null,          // { point: id } or { segment: index }
      unreached: new Set(),    // "place 'id'" / "profile 'id'" the hub named
      dirty: false,
    };
    const scale = h('input', { type: 'number', min: 1, step: 1, name: 'mapWidthMetres', 'data-field': 'mapWidthMetres', value: network.mapWidthMetres || '' });
    const sample = h('input', { type: 'checkbox', name: 'sample', checked: network.sample });
    const source = h('input', { name: 'source', value: network.source || '' });
    const status = h('span', { class: 'muted', 'data-testid': 'paths-status' });
    const top = h('p', { class: 'form-error', role: 'alert', 'data-testid': 'paths-errors' });
    const remove = h('button', { type: 'button', 'data-testid': 'paths-delete', disabled: true }, t('paths.delete'));
    const save = h('button', { type: 'button', class: 'primary', 'data-testid': 'paths-save' }, t('paths.save'));
    const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, class: 'paths-layer', 'data-testid': 'paths-svg' });
    const board = h('div', { class: 'map paths-map', 'data-testid': 'paths-map' },
      state.map && state.map.svg ? h('img', { src: '/api/v1/map.svg', alt: t('map.alt') }) : null, svg);

    const byId = (id) => ed.points.find((p) => p.id === id);
    const nextId = () => {
      let n = ed.points.length + 1;
      while (byId('p' + n)) n += 1;
      return 'p' + n;
    };
    const joinedAt = (a, b) => ed.segments.findIndex((g) => (g.from === a && g.to === b) || (g.from === b && g.to === a));
    const metres = (g) => {
      const a = byId(g.from); const b = byId(g.to);
      const m = Number(scale.value) > 0 ? Number(scale.value) / width : 0;
      return a && b && m ? Math.round(Math.hypot(a.x - b.x, a.y - b.y) * m) : null;
    };
    const changed = () => { ed.dirty = true; status.textContent = t('paths.unsaved'); };
    const toMap = (ev) => {
      const r = svg.getBoundingClientRect();
      return { x: Math.round(Math.min(width, Math.max(0, ((ev.clientX - r.left) / r.width) * width))),
               y: Math.round(Math.min(height, Math.max(0, ((ev.clientY - r.top) / r.height) * height))) };
    };

    function draw() {
      svg.replaceChildren();
      ed.segments.forEach((g, i) => {
        const a = byId(g.from); const b = byId(g.to);
        if (!a || !b) return;
        const picked = ed.selected && ed.selected.segment === i;
        const line = s('line', { x1: a.x, y1: a.y, x2: b.x, y2: b.y, class: 'segment' + (picked ? ' selected' : ''), 'data-segment': i });
        const title = s('title'); title.textContent = t('paths.segment', { from: g.from, to: g.to, m: metres(g) ?? '?' });
        line.append(title);
        line.addEventListener('click', (ev) => { ev.stopPropagation(); ed.selected = { segment: i }; draw(); });
        svg.append(line);
      });
      for (const place of state.places) {
        if (!place.position || place.kind === 'partner') continue;
        const bad = ed.unreached.has(`place '${place.id}'`);
        const mark = s('rect', { x: place.position.x - 6, y: place.position.y - 6, width: 12, height: 12, class: 'place' + (bad ? ' unreached' : ''), 'data-place': place.id });
        const title = s('title'); title.textContent = local(place.name) || place.id; mark.append(title);
        svg.append(mark);
      }
      for (const k of profiles) {
        const bad = ed.unreached.has(`profile '${k.id}'`);
        const mark = s('path', { d: 'M 0 -12 L 8 8 L -8 8 Z', transform: `translate(${k.position.x} ${k.position.y}) rotate(${k.facing || 0})`, class: 'kiosk' + (bad ? ' unreached' : ''), 'data-kiosk': k.id });
        const title = s('title'); title.textContent = t('paths.kiosk', { name: local(k.name) || k.id }); mark.append(title);
        svg.append(mark);
      }
      for (const p of ed.points) {
        const picked = ed.selected && ed.selected.point === p.id;
        const dot = s('circle', { cx: p.x, cy: p.y, r: picked ? 9 : 7, class: 'point' + (picked ? ' selected' : ''), 'data-point': p.id });
        const title = s('title'); title.textContent = `${p.id} (${p.x}, ${p.y})`; dot.append(title);
        dot.addEventListener('pointerdown', (ev) => startDrag(ev, p));
        svg.append(dot);
      }
      remove.disabled = !ed.selected;
      status.textContent = (ed.dirty ? t('paths.unsaved') + ' · ' : '') + t('paths.count', { points: ed.points.length, segments: ed.segments.length });
    }

    // A press on a point: a drag moves it; a press and release in place is a click.
    function startDrag(ev, p) {
      ev.stopPropagation();
      ev.preventDefault();
      const start = { x: p.x, y: p.y };
      let moved = false;
      const move = (e) => {
        const at = toMap(e);
        if (!moved && Math.hypot(at.x - start.x, at.y - start.y) < 4) return;
        moved = true;
        p.x = at.x; p.y = at.y;
        draw();
      };
      const up = () => {
        window.removeEventListener('pointermove', move);
        window.removeEventListener('pointerup', up);
        if (moved) { changed(); ed.selected = { point: p.id }; draw(); return; }
        clickPoint(p);
      };
      window.addEventListener('pointermove', move);
      window.addEventListener('pointerup', up);
    }

    function clickPoint(p) {
      const from = ed.selected && ed.selected.point;
      if (from && from !== p.id) {
        const at = joinedAt(from, p.id);
        if (at >= 0) ed.segments.splice(at, 1); else ed.segments.push({ from, to: p.id });
        changed();
      }
      ed.selected = { point: p.id };
      draw();
    }

    svg.addEventListener('click', (ev) => {
      if (ev.target !== svg && !ev.target.classList.contains('place') && !ev.target.classList.contains('kiosk')) return;
      const at = toMap(ev);
      const p = { id: nextId(), ...at };
      ed.points.push(p);
      // With a point selected, the new one continues the path from it.
      if (ed.selected && ed.selected.point) ed.segments.push({ from: ed.selected.point, to: p.id });
      ed.selected = { point: p.id };
      changed();
      draw();
    });

    function deleteSelected() {
      if (!ed.selected) return;
      if (ed.selected.point) {
        const id = ed.selected.point;
        ed.points = ed.points.filter((p) => p.id !== id);
        ed.segments = ed.segments.filter((g) => g.from !== id && g.to !== id);
      } else {
        ed.segments.splice(ed.selected.segment, 1);
      }
      ed.selected = null;
      changed();
      draw();
    }
    remove.addEventListener('click', deleteSelected);
    const onKey = (ev) => {
      if (!document.body.contains(board)) { document.removeEventListener('keydown', onKey); return; }
      if (ev.target instanceof HTMLInputElement) return;
      if (ev.key === 'Delete' || ev.key === 'Backspace') { ev.preventDefault(); deleteSelected(); }
      if (ev.key === 'Escape') { ed.selected = null; draw(); }
    };
    document.addEventListener('keydown', onKey);

    save.addEventListener('click', async () => {
      const body = {
        mapWidthMetres: Number(scale.value) || 0,
        points: ed.points.map((p) => ({ id: p.id, position: { x: p.x, y: p.y } })),
        segments: ed.segments.map((g) => ({ from: g.from, to: g.to })),
        source: source.value.trim(),
        sample: sample.checked,
      };
      const form = board.parentElement;
      try {
        await api('PUT', '/content/paths', body);
        ed.unreached = new Set();
        ed.dirty = false;
        top.textContent = '';
        toast(t('paths.saved'));
        draw();
      } catch (e) {
        if (e.status !== 422) { top.textContent = e.message; return; }
        const errors = e.body.errors || [];
        ed.unreached = new Set(errors.map((x) => x.field).filter((f) => /^(place|profile) '/.test(f)));
        showErrors(form, top, errors);
        draw();
      }
    });

    scale.addEventListener('input', changed);
    view.replaceChildren(
      h('div', { class: 'toolbar' }, h('h2', {}, t('paths.title')), h('span', { class: 'spacer' }), status),
      h('p', { class: 'muted' }, t('paths.hint')),
      h('div', { class: 'card form paths-form' },
        top,
        h('div', { class: 'row' },
          h('label', {}, t('paths.scale'), scale, h('div', { class: 'field-error', 'data-error-for': 'mapWidthMetres' })),
          h('label', {}, t('paths.source'), source),
          h('label', { class: 'check' }, sample, ' ', t('paths.sample'))),
        board,
        h('p', { class: 'muted' }, t('paths.legend')),
        h('div', { class: 'toolbar' }, remove, h('span', { class: 'spacer' }), save)));
    draw();
  }

  return { page };
})();
