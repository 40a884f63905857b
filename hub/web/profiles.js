// Kiosk profiles on the fleet page: where each kiosk stands (a click on the map, with the
// direction it faces), its group, the section it opens on, the sections Home shows, its idle
// timeout, opening hours and the paired kiosks that use it. Profiles are content
// (/api/v1/content/profiles): they reach the kiosks with the next publish. A kiosk that no
// profile lists uses the one its local config names, if any. app.js's pageFleet appends
// Profiles.card(); every text comes from t() (lang/*.json, "profiles.*").
'use strict';

const Profiles = (() => {
  const enc = encodeURIComponent;
  // The sections content/src/model.cpp (kioskSectionNames) names; the hub refuses any other.
  const SECTIONS = ['home', 'history', 'directory', 'tours', 'exhibits', 'map'];
  const SVG = 'http://www.w3.org/2000/svg';
  const s = (tag, attrs) => {
    const el = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, v);
    return el;
  };
  const sectionName = (id) => t('profiles.section.' + id);

  function errorsText(e) {
    if (e && e.body && e.body.errors) return e.body.errors.map((x) => (x.field ? `${x.field}: ` : '') + I18N.serverText(x)).join('\n');
    return (e && e.message) || String(e);
  }

  // The map with the paths drawn, the kiosk as an arrow; a click moves it.
  function positionPicker(paths, current, onChange) {
    const { width, height } = state.schema.content.map;
    const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, class: 'paths-layer' });
    const board = h('div', { class: 'map profile-map', 'data-field': 'position', 'data-testid': 'profile-map' },
      state.map && state.map.svg ? h('img', { src: '/api/v1/map.svg', alt: t('map.alt') }) : null, svg);
    const byId = Object.fromEntries(paths.points.map((p) => [p.id, p.position]));
    const draw = () => {
      svg.replaceChildren();
      for (const g of paths.segments) {
        const a = byId[g.from]; const b = byId[g.to];
        if (a && b) svg.append(s('line', { x1: a.x, y1: a.y, x2: b.x, y2: b.y, class: 'segment' }));
      }
      svg.append(s('path', { d: 'M 0 -16 L 11 11 L -11 11 Z', class: 'kiosk', transform: `translate(${current.x} ${current.y}) rotate(${current.facing})` }));
    };
    board.addEventListener('click', (ev) => {
      const r = board.getBoundingClientRect();
      current.x = Math.round(((ev.clientX - r.left) / r.width) * width);
      current.y = Math.round(((ev.clientY - r.top) / r.height) * height);
      onChange();
      draw();
    });
    draw();
    return { board, draw };
  }

  // The paired kiosks to choose from (and any the profile lists already), each checked when the
  // profile lists it; a kiosk another profile lists says which.
  function kioskChoices(p, kiosks, profiles) {
    const ids = [...new Set([...kiosks.filter((k) => k.paired).map((k) => k.id), ...(p.kiosks || [])])].sort();
    const elsewhere = {};
    for (const other of profiles) if (other.id !== p.id) for (const k of other.kiosks || []) elsewhere[k] = other.id;
    if (!ids.length) return [h('span', { class: 'muted' }, t('profiles.kiosksNone'))];
    return ids.map((id) => h('label', { class: 'check' }, h('input', { type: 'checkbox', value: id, checked: (p.kiosks || []).includes(id) }), ' ',
      h('span', { class: 'rec' }, id), elsewhere[id] ? h('span', { class: 'muted' }, ' ', t('profiles.kioskElsewhere', { profile: elsewhere[id] })) : ''));
  }

  function form(profile, paths, kiosks, profiles, done) {
    const isNew = !profile;
    const p = profile || { id: '', name: {}, group: '', position: { x: 500, y: 350 }, facing: 0, startSection: 'home', homeSections: [], idleTimeout: 0, opens: '', closes: '', kiosks: [], sample: false };
    const at = { x: p.position.x, y: p.position.y, facing: p.facing || 0 };
    const input = (name, value, attrs) => h('input', { name, 'data-field': name, value: value ?? '', ...(attrs || {}) });
    const slot = (name) => h('div', { class: 'field-error', 'data-error-for': name });
    const labelled = (text, el, name) => h('label', {}, text, el, slot(name));
    const id = input('id', p.id, isNew ? {} : { disabled: true });
    const nameVi = input('name.vi', p.name.vi);
    const nameEn = input('name.en', p.name.en);
    const group = input('group', p.group, { list: 'profile-groups' });
    const groups = h('datalist', { id: 'profile-groups' }, ['museum', 'lobby', 'steamzone'].map((g) => h('option', { value: g })));
    const coords = h('span', { class: 'muted', 'data-testid': 'profile-coords' });
    const facing = input('facing', at.facing, { type: 'number', min: 0, max: 359, step: 15 });
    const showCoords = () => { coords.textContent = t('profiles.at', { x: at.x, y: at.y }); };
    const picker = positionPicker(paths, at, showCoords);
    facing.addEventListener('input', () => { at.facing = Number(facing.value) || 0; picker.draw(); });
    const start = h('select', { name: 'startSection', 'data-field': 'startSection' },
      SECTIONS.map((x) => h('option', { value: x, selected: x === (p.startSection || 'home') }, sectionName(x))));
    const home = SECTIONS.filter((x) => x !== 'home').map((x) =>
      h('label', { class: 'check' }, h('input', { type: 'checkbox', value: x, checked: (p.homeSections || []).includes(x) }), ' ', sectionName(x)));
    const idle = input('idleTimeout', p.idleTimeout || 0, { type: 'number', min: 0, max: 3600 });
    const opens = input('opens', p.opens, { placeholder: '07:30', pattern: '[0-2][0-9]:[0-5][0-9]' });
    const closes = input('closes', p.closes, { placeholder: '17:30', pattern: '[0-2][0-9]:[0-5][0-9]' });
    const sample = h('input', { type: 'checkbox', name: 'sample', checked: p.sample });
    const used = kioskChoices(p, kiosks, profiles);
    const top = h('p', { class: 'form-error', role: 'alert' });
    const el = h('form', { class: 'card form', novalidate: true, 'data-testid': 'profile-form' },
      h('h3', {}, isNew ? t('profiles.new') : t('profiles.edit', { id: p.id })), top,
      h('div', { class: 'row' }, labelled(t('profiles.id'), id, 'id'), labelled(t('profiles.group'), group, 'group'), groups),
      h('div', { class: 'row' }, labelled(t('profiles.name.vi'), nameVi, 'name.vi'), labelled(t('profiles.name.en'), nameEn, 'name.en')),
      h('div', {}, h('label', {}, t('profiles.position')), picker.board, coords, slot('position')),
      h('div', { class: 'row' }, labelled(t('profiles.facing'), facing, 'facing'), labelled(t('profiles.start'), start, 'startSection'),
        labelled(t('profiles.idle'), idle, 'idleTimeout')),
      h('div', {}, h('label', {}, t('profiles.home')), h('div', { class: 'row' }, home), slot('homeSections')),
      h('div', { class: 'row' }, labelled(t('profiles.opens'), opens, 'opens'), labelled(t('profiles.closes'), closes, 'closes'),
        h('label', { class: 'check' }, sample, ' ', t('profiles.sample'))),
      h('div', { 'data-field': 'kiosks', 'data-testid': 'profile-kiosks' }, h('label', {}, t('profiles.kiosks')), h('div', { class: 'row' }, used), slot('kiosks')),
      h('div', { class: 'toolbar' }, h('button', { type: 'button', onclick: () => done(false) }, t('profiles.cancel')),
        h('span', { class: 'spacer' }), h('button', { class: 'primary', type: 'submit', 'data-testid': 'profile-save' }, t('profiles.save'))));
    showCoords();
    el.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const body = {
        id: isNew ? id.value.trim() : p.id,
        name: Object.fromEntries([['vi', nameVi.value.trim()], ['en', nameEn.value.trim()]].filter(([, v]) => v)),
        group: group.value.trim(),
        position: { x: at.x, y: at.y },
        facing: Number(facing.value) || 0,
        startSection: start.value,
        homeSections: home.map((l) => l.firstChild).filter((c) => c.checked).map((c) => c.value),
        idleTimeout: Number(idle.value) || 0,
        opens: opens.value.trim(),
        closes: closes.value.trim(),
        kiosks: used.map((l) => l.firstChild).filter((c) => c && c.checked).map((c) => c.value),
        sample: sample.checked,
      };
      try {
        if (isNew) await api('POST', '/content/profiles', body);
        else await api('PUT', `/content/profiles/${enc(p.id)}`, body);
        toast(t('profiles.saved', { id: body.id }));
        done(true);
      } catch (e) {
        if (e.status === 422) showErrors(el, top, e.body.errors || []); else top.textContent = errorsText(e);
      }
    });
    return el;
  }

  // The card: every profile in a table, and the form to add or change one.
  function card() {
    const box = h('div', { class: 'stack spaced', 'data-testid': 'profiles-card' });
    const draw = async (editing) => {
      let profiles; let paths; let fleet;
      try {
        [profiles, paths, fleet] = await Promise.all([api('GET', '/content/profiles'), api('GET', '/content/paths'), api('GET', '/kiosks')]);
      } catch (e) { box.replaceChildren(h('p', { class: 'form-error' }, errorsText(e))); return; }
      const done = () => draw();
      const remove = async (k) => {
        if (!confirm(t('profiles.confirmDelete', { id: k.id }))) return;
        try { await api('DELETE', `/content/profiles/${enc(k.id)}`); draw(); } catch (e) { toast(errorsText(e), true); }
      };
      const hours = (k) => (k.opens ? `${k.opens}–${k.closes}` : t('profiles.always'));
      const rows = profiles.map((k) => h('tr', { 'data-profile': k.id },
        h('td', { class: 'rec' }, k.id), h('td', { class: 'rec' }, local(k.name)), h('td', { class: 'rec' }, k.group),
        h('td', {}, sectionName(k.startSection || 'home')),
        // Each section's name its own text, so that each is read in the page's language.
        h('td', {}, (k.homeSections && k.homeSections.length ? k.homeSections : SECTIONS.filter((x) => x !== 'home'))
          .flatMap((x, i) => [i ? ', ' : '', h('span', {}, sectionName(x))])),
        h('td', {}, k.idleTimeout ? t('profiles.seconds', { n: k.idleTimeout }) : t('profiles.default')),
        h('td', {}, hours(k)),
        h('td', {}, (k.kiosks || []).length ? k.kiosks.flatMap((x, i) => [i ? ', ' : '', h('span', { class: 'rec' }, x)]) : h('span', { class: 'muted' }, '—')),
        h('td', {}, k.sample ? h('span', { class: 'badge' }, t('profiles.sampleBadge')) : ''),
        h('td', {}, h('button', { type: 'button', class: 'link', onclick: () => draw(k) }, t('profiles.change')),
          ' ', h('button', { type: 'button', class: 'link', onclick: () => remove(k) }, t('profiles.delete')))));
      box.replaceChildren(
        h('div', { class: 'toolbar' }, h('h3', {}, t('profiles.title')), h('span', { class: 'spacer' }),
          h('button', { type: 'button', 'data-testid': 'profile-add', onclick: () => draw(null) }, t('profiles.add'))),
        h('p', { class: 'muted' }, t('profiles.hint')),
        profiles.length
          ? h('table', {}, h('thead', {}, h('tr', {}, ['id', 'name', 'group', 'start', 'homeShows', 'idleTimeout', 'hours', 'kiosks', '', ''].map((c) => h('th', {}, c ? t('profiles.col.' + c) : '')))),
            h('tbody', {}, rows))
          : h('p', { class: 'muted' }, t('profiles.none')),
        editing !== undefined ? form(editing, paths, fleet.kiosks, profiles, done) : '');
    };
    draw();
    return box;
  }

  return { card };
})();
