// QTSC Kiosk Hub admin page. Plain JavaScript, no build step; every call goes to /api/v1.
// [SECTION] api and DOM helpers
// [SECTION] session and navigation
// [SECTION] record editor (fields, map pin, itinerary stops, images, preview)
// [SECTION] lists inside a record (exhibit steps and quiz, park facts and chain)
// [SECTION] content pages
// [SECTION] publish, fleet, usage, accounts, audit, your account
'use strict';

// ---- [SECTION] api and DOM helpers ---------------------------------------------------
const state = { user: null, role: null, csrf: null, places: [], sectors: [], themes: [], itineraries: [], map: null, schema: null };
const ROLE_RANK = { editor: 1, publisher: 2, admin: 3 };
const can = (role) => state.role && ROLE_RANK[state.role] >= ROLE_RANK[role];

class ApiError extends Error {
  constructor(status, body) {
    super((body && (body.error || (body.errors && body.errors.map((e) => `${e.field}: ${e.message}`).join('\n')))) || `HTTP ${status}`);
    this.status = status;
    this.body = body || {};
  }
}

async function api(method, path, body, type) {
  const headers = {};
  if (method !== 'GET') headers['X-CSRF-Token'] = state.csrf || '';
  let payload;
  if (body !== undefined) {
    headers['Content-Type'] = type || 'application/json';
    payload = type ? body : JSON.stringify(body);
  }
  const res = await fetch('/api/v1' + path, { method, headers, body: payload, credentials: 'same-origin' });
  const text = await res.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = text; }
  if (res.status === 401 && path !== '/login') { showLogin(); }
  if (!res.ok) throw new ApiError(res.status, data);
  return data;
}

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'value') el.value = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) el.append(c instanceof Node ? c : String(c));
  return el;
}

function toast(message, bad) {
  const t = document.getElementById('toast');
  t.textContent = message;
  t.className = 'toast' + (bad ? ' bad' : '');
  t.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { t.hidden = true; }, bad ? 7000 : 3500);
}

const main = () => document.getElementById('main');
const text = (t, lang) => (t && (t[lang] || t.vi || t.en)) || '';
const when = (iso) => (iso ? new Date(iso).toLocaleString() : '');
function bytes(n) { return n > 1e9 ? (n / 1e9).toFixed(1) + ' GB' : n > 1e6 ? (n / 1e6).toFixed(1) + ' MB' : Math.round(n / 1e3) + ' kB'; }
function ago(s) { return s < 90 ? `${s} s ago` : s < 5400 ? `${Math.round(s / 60)} min ago` : s < 172800 ? `${Math.round(s / 3600)} h ago` : `${Math.round(s / 86400)} days ago`; }

// ---- [SECTION] session and navigation --------------------------------------------------
function showLogin() {
  document.getElementById('app').hidden = true;
  document.getElementById('login').hidden = false;
}

async function start() {
  document.getElementById('login-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const f = ev.target;
    const err = document.getElementById('login-error');
    err.textContent = '';
    try {
      const s = await api('POST', '/login', { name: f.name.value, password: f.password.value });
      f.password.value = '';
      enter(s);
    } catch (e) { err.textContent = e.status === 401 ? 'The name or the password is wrong.' : e.message; }
  });
  document.getElementById('logout').addEventListener('click', async () => {
    try { await api('POST', '/logout', {}); } catch { /* signed out either way */ }
    state.csrf = null;
    showLogin();
  });
  window.addEventListener('hashchange', route);
  try { enter(await api('GET', '/session')); } catch { showLogin(); }
}

const PAGES = [
  { group: 'Content' },
  { id: 'tenants', label: 'Tenants', role: 'editor' },
  { id: 'places', label: 'Places', role: 'editor' },
  { id: 'itineraries', label: 'Itineraries', role: 'editor' },
  { id: 'welcomes', label: 'Welcome messages', role: 'editor' },
  { id: 'milestones', label: 'History', role: 'editor' },
  { id: 'exhibits', label: 'STEAM exhibits', role: 'editor' },
  { id: 'themes', label: 'Exhibit themes', role: 'editor' },
  { id: 'sectors', label: 'Sectors', role: 'editor' },
  { id: 'park', label: 'Park', role: 'editor' },
  { group: 'Kiosks' },
  { id: 'publish', label: 'Publish', role: 'editor' },
  { id: 'fleet', label: 'Fleet', role: 'editor' },
  { id: 'usage', label: 'Usage', role: 'editor' },
  { group: 'Administration', role: 'admin' },
  { id: 'accounts', label: 'Accounts', role: 'admin' },
  { id: 'audit', label: 'Audit log', role: 'admin' },
  { group: 'Your account' },
  { id: 'me', label: 'Password and API tokens', role: 'editor' },
];

async function enter(session) {
  state.user = session.user;
  state.role = session.role;
  state.csrf = session.csrfToken;
  document.getElementById('login').hidden = true;
  document.getElementById('app').hidden = false;
  document.getElementById('who').textContent = `${session.user} · ${session.role}`;
  const nav = document.getElementById('nav');
  nav.replaceChildren(...PAGES.filter((p) => !p.role || can(p.role)).map((p) =>
    p.group ? h('div', { class: 'group' }, p.group) : h('a', { href: '#' + p.id, 'data-page': p.id }, p.label)));
  await Promise.all([loadSchema(), loadLookups()]);
  route();
}

// The kinds of record, their fields, enums and the limits the hub enforces, as the hub
// describes them (GET /api/v1/schema); the forms below are built from it.
async function loadSchema() {
  state.schema = await api('GET', '/schema');
}
const limits = () => state.schema.limits;

async function loadLookups() {
  const [places, sectors, themes, itineraries, map] = await Promise.all([
    api('GET', '/content/places'), api('GET', '/content/sectors'), api('GET', '/content/themes'),
    api('GET', '/content/itineraries'), api('GET', '/map')]);
  Object.assign(state, { places, sectors, themes, itineraries, map });
}

function route() {
  if (!state.csrf) return;
  const [page, ...rest] = (location.hash.slice(1) || 'tenants').split('/');
  const id = rest.join('/');
  for (const a of document.querySelectorAll('#nav a')) a.classList.toggle('active', a.dataset.page === page);
  const render = {
    publish: pagePublish, fleet: pageFleet, usage: pageUsage, accounts: pageAccounts, audit: pageAudit, park: pagePark, me: pageMe,
  }[page];
  const run = render ? render(id) : KIND_PAGES[page] ? (id ? pageEdit(page, id === 'new' ? null : decodeURIComponent(id)) : pageList(page)) : pageList('tenants');
  Promise.resolve(run).catch((e) => main().replaceChildren(h('p', { class: 'form-error' }, e.message)));
}

// ---- [SECTION] record editor (fields, map pin, itinerary stops, images, preview) -------
const placeOptions = () => state.places.map((p) => [p.id, `${text(p.name, 'vi')} (${p.id})`]);
// How each kind's page presents its records: titles, list columns, and per field a label,
// a widget where the field's type alone does not say it, and the layout (an array is one
// row). Which fields a kind has, their types, enums, references and the id rule come from
// the hub's schema: a field the schema gives and this table does not name still gets an
// input, labelled with its name, at the end of the form.
const KIND_PAGES = {
  tenants: { title: 'Tenants', one: 'tenant', record: 'tenant', columns: [['id', 'ID'], ['name', 'Name'], ['place', 'Building'], ['floor', 'Floor']],
    layout: ['id', 'name', 'description', ['place', 'floor'], 'sectors', ['website', 'contact'], 'logo', 'source'],
    fields: { name: { label: 'Name' }, description: { label: 'Description', long: true }, place: { label: 'Building' }, floor: { label: 'Floor' },
      sectors: { label: 'Sectors' }, website: { label: 'Website' }, contact: { label: 'Contact' }, logo: { label: 'Logo' }, source: { label: 'Source document' } } },
  places: { title: 'Places', one: 'place', record: 'place', columns: [['id', 'ID'], ['name', 'Name'], ['kind', 'Kind']],
    layout: ['id', 'kind', 'name', 'description', 'position', 'image', 'source'],
    fields: { kind: { label: 'Kind' }, name: { label: 'Name' }, description: { label: 'Description', long: true },
      position: { label: 'Pin on the park map (click to place)' }, image: { label: 'Photo' }, source: { label: 'Source document' } } },
  itineraries: { title: 'Itineraries', one: 'itinerary', record: 'itinerary', columns: [['date', 'Date'], ['delegation', 'Delegation'], ['start', 'From'], ['end', 'To']],
    layout: ['id', 'delegation', 'origin', ['date', 'start', 'end', 'dayPart'], 'host', 'summary', 'stops', 'source'],
    fields: { delegation: { label: 'Delegation' }, origin: { label: 'Coming from' }, date: { label: 'Date' }, start: { label: 'Starts' }, end: { label: 'Ends' },
      dayPart: { label: 'Part of day' }, host: { label: 'Host' }, summary: { label: 'Summary', long: true }, stops: { label: 'Stops', widget: 'stops' },
      source: { label: 'Source document' } } },
  welcomes: { title: 'Welcome messages', one: 'welcome message', record: 'welcome', columns: [['starts', 'From'], ['ends', 'Until'], ['text', 'Text']],
    layout: ['id', 'text', ['starts', 'ends'], 'itinerary'],
    fields: { text: { label: 'Message on the attract screen', long: true }, starts: { label: 'Shown from' }, ends: { label: 'Shown until' },
      itinerary: { label: 'For the visit' } } },
  milestones: { title: 'History', one: 'milestone', record: 'milestone', columns: [['date', 'Date'], ['title', 'Title']],
    layout: ['id', 'date', 'title', 'body', 'image', 'source'],
    fields: { date: { label: 'Date (YYYY, YYYY-MM or YYYY-MM-DD)' }, title: { label: 'Title' }, body: { label: 'Text', long: true }, image: { label: 'Image' },
      source: { label: 'Source document' } } },
  exhibits: { title: 'STEAM exhibits', one: 'exhibit', record: 'exhibit', columns: [['id', 'ID'], ['name', 'Name'], ['theme', 'Theme']],
    layout: ['id', 'name', ['theme', 'ageMin', 'ageMax'], { slot: 'ages' }, 'what', 'how', 'steps', 'quiz', 'image'],
    fields: { name: { label: 'Name' }, theme: { label: 'Theme' }, ageMin: { label: 'Youngest age' }, ageMax: { label: 'Oldest age' },
      what: { label: 'What it is', long: true }, how: { label: 'How it works', long: true },
      steps: { label: 'Try it: steps', hint: 'What a visitor does, one step each, in order.', make: stepItem, add: '+ Add step' },
      quiz: { label: 'Quiz', hint: 'Each question has two or more choices; mark the right one.', make: quizItem, add: '+ Add question' },
      image: { label: 'Image' } } },
  themes: { title: 'Exhibit themes', one: 'theme', record: 'theme', columns: [['id', 'ID'], ['name', 'Name']], layout: ['id', 'name'], fields: { name: { label: 'Name' } } },
  sectors: { title: 'Sectors', one: 'sector', record: 'sector', columns: [['id', 'ID'], ['name', 'Name']], layout: ['id', 'name'], fields: { name: { label: 'Name' } } },
  park: { record: 'park', layout: ['name', 'shortName', 'summary', 'facts', 'chain'],
    fields: { name: { label: 'Name' }, shortName: { label: 'Short name' }, summary: { label: 'Summary', long: true },
      facts: { label: 'Facts and figures', hint: 'Shown in this order on the kiosk’s park page (“Area” — “43 ha”).', make: factItem, add: '+ Add fact' },
      chain: { label: 'The chain of parks', hint: 'Members of the chain, and localities it plans to admit.', make: chainItem, add: '+ Add park' } } },
};
// Kept by the hub and shown as a badge in the lists, not edited in a form.
const NOT_IN_FORMS = ['sample'];

// The records a reference may name, as [id, label] choices.
const REFERENCE_OPTIONS = {
  place: placeOptions,
  sector: () => state.sectors.map((s) => [s.id, text(s.name, 'vi')]),
  theme: () => state.themes.map((t) => [t.id, text(t.name, 'vi')]),
  itinerary: () => state.itineraries.map((i) => [i.id, `${i.date} ${text(i.delegation, 'vi')}`]),
};

// One schema field as the input buildFields makes for it.
function formField(field, look) {
  const f = { name: field.name, label: look.label || field.name };
  const options = field.refersTo ? REFERENCE_OPTIONS[field.refersTo] || (() => []) : null;
  if (field.name === 'id') return { ...f, type: 'id' };
  if (look.widget) return { ...f, ...look, type: look.widget };
  switch (field.type) {
    case 'text': return { ...f, type: look.long ? 'l10n-long' : 'l10n' };
    case 'string':
      if (options) return { ...f, type: 'select', options, optional: !field.required };
      return { ...f, type: { date: 'date', time: 'time', datetime: 'datetime', image: 'image' }[field.format] || 'text' };
    case 'strings': return options ? { ...f, type: 'multi', options } : { ...f, type: 'text' };
    case 'integer': return { ...f, type: 'number' };
    case 'boolean': return { ...f, type: 'check' };
    case 'date': return { ...f, type: 'text' };
    case 'point': return { ...f, type: 'position' };
    case 'choice': return { ...f, type: 'select', options: () => (state.schema.content.enums[field.enum] || []).map((k) => [k, k]) };
    case 'texts': return { ...f, type: 'list', make: look.make || stepItem, add: look.add || '+ Add', hint: look.hint };
    case 'list': return { ...f, type: 'list', make: look.make, add: look.add || '+ Add', hint: look.hint };
    default: return { ...f, type: 'text' };
  }
}

// The fields of a page's form: the schema's fields of its kind, laid out as KIND_PAGES says.
function formFields(page) {
  const k = KIND_PAGES[page];
  const described = state.schema.content.kinds[k.record].fields.filter((f) => !NOT_IN_FORMS.includes(f.name));
  const byName = Object.fromEntries(described.map((f) => [f.name, f]));
  const placed = new Set();
  const one = (name) => { placed.add(name); return byName[name] ? formField(byName[name], k.fields[name] || {}) : null; };
  const laid = k.layout.map((entry) => (Array.isArray(entry) ? { row: entry.map(one).filter(Boolean) } : entry.slot ? { name: entry.slot, type: 'slot' } : one(entry)))
    .filter((entry) => entry && (!entry.row || entry.row.length));
  return laid.concat(described.filter((f) => !placed.has(f.name)).map((f) => formField(f, k.fields[f.name] || {})));
}

// Builds inputs for `fields` into `form`; returns read() that collects the record and a
// map of field name -> element where errors are shown.
function buildFields(fields, record, isNew) {
  const readers = [];
  const errorSlots = {};
  const slot = (name) => (errorSlots[name] = h('div', { class: 'field-error', 'data-error-for': name }));
  const input = (name, attrs) => h('input', Object.assign({ name, 'data-field': name }, attrs));

  function one(f) {
    const v = record[f.name];
    switch (f.type) {
      case 'id': {
        const rule = state.schema.content.id;
        const el = input('id', { value: v || '', readonly: !isNew, placeholder: 'lowercase-with-dashes', pattern: rule.pattern, maxlength: rule.maxLength });
        readers.push((r) => { r.id = el.value.trim(); });
        return h('label', {}, 'ID', el, slot('id'));
      }
      case 'l10n': case 'l10n-long': {
        const make = (lang) => (f.type === 'l10n' ? input(`${f.name}.${lang}`, { value: (v && v[lang]) || '' }) :
          h('textarea', { name: `${f.name}.${lang}`, 'data-field': `${f.name}.${lang}` }, (v && v[lang]) || ''));
        const vi = make('vi'); const en = make('en');
        readers.push((r) => { r[f.name] = {}; if (vi.value.trim()) r[f.name].vi = vi.value.trim(); if (en.value.trim()) r[f.name].en = en.value.trim(); });
        return h('div', { class: 'pair' },
          h('label', {}, h('span', {}, f.label, h('span', { class: 'lang' }, 'VI')), vi, slot(`${f.name}.vi`)),
          h('label', {}, h('span', {}, f.label, h('span', { class: 'lang' }, 'EN')), en, slot(`${f.name}.en`)));
      }
      case 'text': case 'date': case 'time': case 'datetime': case 'number': {
        const type = { text: 'text', date: 'date', time: 'time', datetime: 'datetime-local', number: 'number' }[f.type];
        const el = input(f.name, { type, value: v ?? '' });
        // An empty number is left out, so the record keeps the API's default (exhibit ages 6 to 99).
        readers.push((r) => { if (f.type !== 'number') r[f.name] = el.value.trim(); else if (el.value !== '') r[f.name] = Number(el.value); });
        return h('label', {}, f.label, el, slot(f.name));
      }
      case 'select': {
        const el = h('select', { name: f.name, 'data-field': f.name },
          h('option', { value: '' }, f.optional ? '— none —' : '— choose —'),
          f.options().map(([id, label]) => h('option', { value: id, selected: id === v }, label)));
        readers.push((r) => { r[f.name] = el.value; });
        return h('label', {}, f.label, el, slot(f.name));
      }
      case 'multi': {
        const boxes = f.options().map(([id, label]) => h('label', {}, h('input', { type: 'checkbox', value: id, checked: (v || []).includes(id) }), label));
        readers.push((r) => { r[f.name] = boxes.map((b) => b.firstChild).filter((c) => c.checked).map((c) => c.value); });
        return h('div', {}, h('label', {}, f.label), h('div', { class: 'chips', 'data-field': f.name }, boxes), slot(f.name));
      }
      case 'check': {
        const el = input(f.name, { type: 'checkbox', checked: v === true });
        readers.push((r) => { r[f.name] = el.checked; });
        return h('label', { class: 'check' }, el, f.label, slot(f.name));
      }
      case 'position': { const m = state.schema.content.map; return positionField(f, v || { x: m.width / 2, y: m.height / 2 }, readers, slot); }
      case 'image': return imageField(f, v || '', readers, slot);
      case 'stops': return stopsField(f, v || [], readers, slot);
      case 'list': {
        const list = repeater({ items: v || [], make: f.make, add: f.add, testid: `add-${f.name}` });
        list.rename(f.name);
        readers.push((r) => { r[f.name] = list.read(); });
        return h('div', { class: 'list-field', 'data-testid': f.name }, h('label', {}, f.label), f.hint ? h('p', { class: 'muted hint' }, f.hint) : null, list.el, slot(f.name));
      }
      case 'slot': return slot(f.name);
      default: return null;
    }
  }
  const nodes = fields.map((f) => (f.row ? h('div', { class: 'row' }, f.row.map(one)) : one(f)));
  return { nodes, read: () => { const r = {}; readers.forEach((fn) => fn(r)); return r; }, errorSlots };
}

function positionField(f, pos, readers, slot) {
  const current = { x: pos.x, y: pos.y };
  const pin = h('div', { class: 'pin', 'data-testid': 'pin' });
  const coords = h('span', { class: 'muted' });
  const { width, height } = state.schema.content.map;
  const place = () => { pin.style.left = `${(current.x / width) * 100}%`; pin.style.top = `${(current.y / height) * 100}%`; coords.textContent = `x ${Math.round(current.x)}, y ${Math.round(current.y)} (of ${width} × ${height})`; };
  const others = state.places.map((p) => { const d = h('div', { class: 'other', title: text(p.name, 'vi') }); d.style.left = `${(p.position.x / width) * 100}%`; d.style.top = `${(p.position.y / height) * 100}%`; return d; });
  const map = h('div', { class: 'map', 'data-field': 'position', 'data-testid': 'map' }, state.map && state.map.svg ? h('img', { src: '/api/v1/map.svg', alt: 'Park map' }) : null, others, pin);
  map.addEventListener('click', (ev) => {
    const r = map.getBoundingClientRect();
    current.x = Math.round(((ev.clientX - r.left) / r.width) * width);
    current.y = Math.round(((ev.clientY - r.top) / r.height) * height);
    place();
  });
  place();
  readers.push((r) => { r.position = { x: current.x, y: current.y }; });
  return h('div', {}, h('label', {}, f.label), map, coords, slot('position'));
}

function imageField(f, name, readers, slot) {
  let current = name;
  const thumb = h('img', { class: 'thumb', alt: '', hidden: !/^[0-9a-f]{64}\./.test(name) });
  if (!thumb.hidden) thumb.src = '/api/v1/assets/' + name;
  const label = h('span', { class: 'muted' }, name || 'no image');
  const file = h('input', { type: 'file', accept: 'image/png,image/jpeg,image/webp', 'data-field': f.name });
  file.addEventListener('change', async () => {
    const chosen = file.files[0];
    if (!chosen) return;
    try {
      const stored = await api('POST', '/assets', chosen, chosen.type || 'application/octet-stream');
      current = stored.name;
      label.textContent = current;
      thumb.src = '/api/v1/assets/' + current;
      thumb.hidden = false;
      slot(f.name);
    } catch (e) { label.textContent = e.message; }
  });
  readers.push((r) => { r[f.name] = current; });
  return h('label', {}, f.label, file, label, thumb, slot(f.name));
}

function stopsField(f, stops, readers, slot) {
  const list = h('div', { class: 'stops' });
  const rows = [];
  const redraw = () => list.replaceChildren(...rows.map((row, i) => { row.num.textContent = i + 1; renumber(row, i); return row.el; }));
  function renumber(row, i) {
    for (const [key, el] of Object.entries(row.inputs)) { el.dataset.field = `stops[${i}].${key}`; }
    for (const [key, el] of Object.entries(row.slots)) { el.dataset.errorFor = `stops[${i}].${key}`; }
  }
  function add(stop) {
    const inputs = {
      place: h('select', { 'aria-label': 'Place' }, h('option', { value: '' }, '— place —'), placeOptions().map(([id, l]) => h('option', { value: id, selected: id === stop.place }, l))),
      start: h('input', { type: 'time', value: stop.start || '', 'aria-label': 'Start' }),
      end: h('input', { type: 'time', value: stop.end || '', 'aria-label': 'End' }),
      'activity.vi': h('input', { value: (stop.activity && stop.activity.vi) || '', placeholder: 'Hoạt động (VI)' }),
      'activity.en': h('input', { value: (stop.activity && stop.activity.en) || '', placeholder: 'Activity (EN)' }),
    };
    const slots = Object.fromEntries(Object.keys(inputs).map((k) => [k, h('div', { class: 'field-error' })]));
    const row = { inputs, slots, num: h('div', { class: 'num' }) };
    const move = (d) => { const i = rows.indexOf(row); const j = i + d; if (j < 0 || j >= rows.length) return; [rows[i], rows[j]] = [rows[j], rows[i]]; redraw(); };
    row.el = h('div', { class: 'stop' }, row.num,
      ...Object.keys(inputs).map((k) => h('div', {}, inputs[k], slots[k])),
      h('div', { class: 'tools' }, h('button', { type: 'button', title: 'Move up', onclick: () => move(-1) }, '↑'),
        h('button', { type: 'button', title: 'Move down', onclick: () => move(1) }, '↓'),
        h('button', { type: 'button', class: 'danger', title: 'Remove', onclick: () => { rows.splice(rows.indexOf(row), 1); redraw(); } }, '✕')));
    rows.push(row);
    redraw();
  }
  stops.forEach(add);
  readers.push((r) => {
    r.stops = rows.map((row) => {
      const s = { place: row.inputs.place.value, start: row.inputs.start.value, end: row.inputs.end.value, activity: {} };
      if (row.inputs['activity.vi'].value.trim()) s.activity.vi = row.inputs['activity.vi'].value.trim();
      if (row.inputs['activity.en'].value.trim()) s.activity.en = row.inputs['activity.en'].value.trim();
      return s;
    });
  });
  return h('div', {}, h('label', {}, f.label), list, slot('stops'),
    h('button', { type: 'button', 'data-testid': 'add-stop', onclick: () => add({}) }, '+ Add stop'));
}

// Puts each error under its field; what matches no field goes to the top of the form.
function showErrors(form, top, errors) {
  for (const el of form.querySelectorAll('.invalid')) el.classList.remove('invalid');
  for (const el of form.querySelectorAll('.field-error')) el.textContent = '';
  const rest = [];
  for (const e of errors) {
    const target = form.querySelector(`[data-error-for="${CSS.escape(e.field)}"]`) ||
      form.querySelector(`[data-error-for="${CSS.escape(e.field.replace(/\[\d+\]$/, ''))}"]`);
    const input = form.querySelector(`[data-field="${CSS.escape(e.field)}"]`);
    if (input) input.classList.add('invalid');
    if (target) target.textContent = e.message; else rest.push(`${e.field}: ${e.message}`);
  }
  top.textContent = rest.join('\n');
  const first = form.querySelector('.invalid');
  if (first) first.scrollIntoView({ block: 'center' });
}

async function pageEdit(kind, id) {
  const k = KIND_PAGES[kind];
  const record = id ? await api('GET', `/content/${kind}/${encodeURIComponent(id)}`) : {};
  const { nodes, read } = buildFields(formFields(kind), record, !id);
  const top = h('p', { class: 'form-error', role: 'alert' });
  const preview = h('div', { class: 'preview' });
  const form = h('form', { class: 'form card', novalidate: true }, top, nodes,
    h('div', { class: 'toolbar' },
      h('button', { type: 'submit', class: 'primary' }, id ? 'Save changes' : `Add ${k.one}`),
      h('a', { href: '#' + kind }, h('button', { type: 'button' }, 'Cancel')),
      h('span', { class: 'spacer' }),
      id ? h('button', { type: 'button', onclick: () => showPreview(k.record, id, preview) }, 'Preview on kiosk') : null,
      id ? h('button', { type: 'button', class: 'danger', onclick: () => remove(kind, id) }, 'Delete') : null));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const body = read();
    try {
      const saved = id ? await api('PUT', `/content/${kind}/${encodeURIComponent(id)}`, body) : await api('POST', `/content/${kind}`, body);
      showErrors(form, top, []);
      toast(`Saved ${k.one} “${text(saved.name || saved.delegation || saved.title || saved.text, 'vi') || saved.id}”. Publish to send it to the kiosks.`);
      if (['places', 'sectors', 'themes', 'itineraries'].includes(kind)) await loadLookups();
      if (!id) location.hash = `${kind}/${encodeURIComponent(saved.id)}`;
    } catch (e) {
      if (e.status === 422) { showErrors(form, top, e.body.errors || []); toast('Some fields need attention.', true); } else toast(e.message, true);
    }
  });
  main().replaceChildren(h('div', { class: 'toolbar' }, h('h2', {}, id ? `${k.one[0].toUpperCase() + k.one.slice(1)}: ${id}` : `New ${k.one}`)), form, preview);
}

async function showPreview(kind, id, into) {
  into.replaceChildren(h('p', { class: 'muted' }, 'Rendering…'));
  const render = async (lang) => {
    const res = await fetch(`/api/v1/preview/${kind}/${encodeURIComponent(id)}?lang=${lang}`, { credentials: 'same-origin' });
    if (!res.ok) { const b = await res.json().catch(() => ({})); throw new Error(b.error || `HTTP ${res.status}`); }
    return URL.createObjectURL(await res.blob());
  };
  try {
    const [vi, en] = await Promise.all([render('vi'), render('en')]);
    into.replaceChildren(h('h3', {}, 'As the kiosk shows it'),
      h('p', { class: 'muted' }, 'Tiếng Việt'), h('img', { src: vi, alt: 'Kiosk preview in Vietnamese' }),
      h('p', { class: 'muted' }, 'English'), h('img', { src: en, alt: 'Kiosk preview in English' }));
  } catch (e) { into.replaceChildren(h('p', { class: 'form-error' }, `Preview unavailable: ${e.message}`)); }
}

async function remove(kind, id) {
  if (!confirm(`Delete ${KIND_PAGES[kind].one} “${id}”? Kiosks keep it until the next publish.`)) return;
  try { await api('DELETE', `/content/${kind}/${encodeURIComponent(id)}`); toast('Deleted.'); location.hash = kind; } catch (e) { toast(e.message, true); }
}

// ---- [SECTION] lists inside a record (exhibit steps and quiz, park facts and chain) ------
// Inputs inside a list item name their place in the item (data-rel "question.vi"); after
// every add, move or removal each gets its full field name (data-field "quiz[2].question.vi")
// and each error slot its data-error-for, so the API's field errors land at the right input.
let uid = 0;
const l10nOf = (vi, en) => { const t = {}; if (vi.value.trim()) t.vi = vi.value.trim(); if (en.value.trim()) t.en = en.value.trim(); return t; };
const relSlot = (rel) => h('div', { class: 'field-error', 'data-rel-error': rel });
const relLabel = (label, input) => h('label', {}, label, input, relSlot(input.dataset.rel));
function slugOf(t) {
  return (t || '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase()
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 64);
}

// A Vietnamese and an English text side by side, like the record's own l10n fields.
function relPair(label, value, rel, long) {
  const key = (lang) => (rel ? `${rel}.${lang}` : lang);
  const make = (lang) => (long ? h('textarea', { 'data-rel': key(lang) }, (value && value[lang]) || '') :
    h('input', { 'data-rel': key(lang), value: (value && value[lang]) || '' }));
  const vi = make('vi'); const en = make('en');
  const el = h('div', { class: 'pair' },
    h('label', {}, h('span', {}, label, h('span', { class: 'lang' }, 'VI')), vi, relSlot(key('vi'))),
    h('label', {}, h('span', {}, label, h('span', { class: 'lang' }, 'EN')), en, relSlot(key('en'))));
  return { el, read: () => l10nOf(vi, en) };
}

// An editable list of items: add, move up and down, remove. `make(value, index)` returns
// {body, read, subs?: [[rel, nested repeater]]} plus anything the owner wants to keep.
function repeater({ items, make, add, testid, mark, compact }) {
  const list = h('div', { class: 'items' });
  const rows = [];
  let base = '';
  const mine = (row, sel) => [...row.el.querySelectorAll(sel)].filter((el) => el.closest('.item') === row.el);
  function name(row, i) {
    const path = `${base}[${i}]`;
    for (const el of mine(row, '[data-rel]')) el.dataset.field = el.dataset.rel ? `${path}.${el.dataset.rel}` : path;
    for (const el of mine(row, '[data-rel-error]')) el.dataset.errorFor = el.dataset.relError ? `${path}.${el.dataset.relError}` : path;
    for (const [rel, sub] of row.subs || []) sub.rename(`${path}.${rel}`);
    row.num.textContent = mark ? mark(i) : i + 1;
  }
  const redraw = () => { rows.forEach(name); list.replaceChildren(...rows.map((r) => r.el)); };
  function append(value) {
    const row = make(value || {}, rows.length);
    row.num = h('div', { class: 'num' });
    const move = (d) => { const i = rows.indexOf(row); const j = i + d; if (j < 0 || j >= rows.length) return; [rows[i], rows[j]] = [rows[j], rows[i]]; redraw(); };
    row.el = h('div', { class: 'item' + (compact ? ' compact' : '') }, row.num, h('div', { class: 'item-body' }, row.body),
      h('div', { class: 'tools' },
        compact ? null : h('button', { type: 'button', title: 'Move up', onclick: () => move(-1) }, '↑'),
        compact ? null : h('button', { type: 'button', title: 'Move down', onclick: () => move(1) }, '↓'),
        h('button', { type: 'button', class: 'danger', title: 'Remove', onclick: () => { rows.splice(rows.indexOf(row), 1); redraw(); } }, '✕')));
    rows.push(row);
    redraw();
    return row;
  }
  items.forEach((v) => append(v));
  const button = h('button', { type: 'button', 'data-testid': testid, onclick: () => { const row = append({}); const first = row.el.querySelector('input:not([type=radio]):not([type=checkbox]), textarea'); if (first) first.focus(); } }, add);
  return { el: h('div', {}, list, button), rows, read: () => rows.map((r) => r.read()), rename: (p) => { base = p; redraw(); } };
}

function stepItem(step) {
  const text = relPair('Step', step, '');
  return { body: text.el, read: text.read };
}

function quizItem(q) {
  const group = `right-answer-${++uid}`;
  const question = relPair('Question', q.question, 'question');
  const choices = repeater({ items: q.choices || [{}, {}], make: (c, i) => choiceItem(c, group, i === q.answer),
    add: '+ Add choice', testid: 'add-choice', mark: (i) => String.fromCharCode(65 + i), compact: true });
  const explanation = relPair('Explanation after answering', q.explanation, 'explanation', true);
  const body = [question.el,
    h('div', { class: 'choices', 'data-rel': 'answer' }, h('div', { class: 'sub-label' }, 'Choices — mark the right answer'), choices.el,
      relSlot('choices'), relSlot('answer')),
    explanation.el];
  return { body, subs: [['choices', choices]], read: () => ({ question: question.read(), choices: choices.read(),
    answer: choices.rows.findIndex((r) => r.radio.checked), explanation: explanation.read() }) };
}

function choiceItem(choice, group, right) {
  const radio = h('input', { type: 'radio', name: group, checked: right, 'aria-label': 'The right answer' });
  const vi = h('input', { 'data-rel': 'vi', value: choice.vi || '', placeholder: 'Lựa chọn (VI)', 'aria-label': 'Choice (VI)' });
  const en = h('input', { 'data-rel': 'en', value: choice.en || '', placeholder: 'Choice (EN)', 'aria-label': 'Choice (EN)' });
  return { radio, body: h('div', { class: 'choice' }, h('label', { class: 'right', title: 'The right answer' }, radio, 'Right'),
    h('div', {}, vi, relSlot('vi')), h('div', {}, en, relSlot('en'))), read: () => l10nOf(vi, en) };
}

// An id typed by hand, or made from the English (else Vietnamese) text when left empty.
function idInput(value, from) {
  const el = h('input', { 'data-rel': 'id', value: value || '', placeholder: 'made from the name when empty' });
  return { el, read: () => { if (!el.value.trim()) { const t = from(); el.value = slugOf(t.en || t.vi); } return el.value.trim(); } };
}

function factItem(fact) {
  const label = relPair('Label', fact.label, 'label');
  const value = relPair('Value', fact.value, 'value');
  const id = idInput(fact.id, label.read);
  const source = h('input', { 'data-rel': 'source', value: fact.source || '', placeholder: 'e.g. 001, 004' });
  return { body: [h('div', { class: 'row' }, relLabel('ID', id.el), relLabel('Source document', source)), label.el, value.el],
    read: () => ({ id: id.read(), label: label.read(), value: value.read(), source: source.value.trim() }) };
}

function chainItem(member) {
  const name = relPair('Name', member.name, 'name');
  const location = relPair('Location', member.location, 'location');
  const id = idInput(member.id, name.read);
  const planned = h('input', { type: 'checkbox', 'data-rel': 'official', checked: member.official === false });
  return { body: [h('div', { class: 'row' }, relLabel('ID', id.el),
    h('label', { class: 'check' }, planned, 'Planned: the chain plans to admit it, not a member yet', relSlot('official'))), name.el, location.el],
    read: () => ({ id: id.read(), name: name.read(), location: location.read(), official: !planned.checked }) };
}

// ---- [SECTION] content pages -----------------------------------------------------------
async function pageList(kind) {
  const k = KIND_PAGES[kind];
  const records = await api('GET', `/content/${kind}`);
  const filter = h('input', { type: 'search', placeholder: `Filter ${k.title.toLowerCase()}…`, 'aria-label': 'Filter' });
  const body = h('tbody');
  const cell = (r, c) => (typeof r[c] === 'object' && r[c] !== null ? text(r[c], 'vi') : r[c]);
  const draw = () => {
    const q = filter.value.toLowerCase();
    body.replaceChildren(...records.filter((r) => !q || JSON.stringify(r).toLowerCase().includes(q)).slice(0, 500).map((r) =>
      h('tr', { class: 'clickable', onclick: () => { location.hash = `${kind}/${encodeURIComponent(r.id)}`; } },
        k.columns.map(([c]) => h('td', {}, c === 'place' ? placeName(r[c]) : cell(r, c))),
        h('td', {}, r.sample ? h('span', { class: 'badge' }, 'sample') : ''))));
  };
  filter.addEventListener('input', draw);
  draw();
  const extra = kind === 'tenants' ? csvTools() : null;
  main().replaceChildren(
    h('div', { class: 'toolbar' }, h('h2', {}, k.title), h('span', { class: 'muted' }, `${records.length} records`), h('span', { class: 'spacer' }), filter,
      h('a', { href: `#${kind}/new` }, h('button', { class: 'primary' }, `+ New ${k.one}`))),
    extra,
    h('table', {}, h('thead', {}, h('tr', {}, k.columns.map(([, l]) => h('th', {}, l)), h('th', {}, ''))), body));
}

const placeName = (id) => { const p = state.places.find((x) => x.id === id); return p ? text(p.name, 'vi') : id; };

function csvTools() {
  const report = h('div');
  const file = h('input', { type: 'file', accept: '.csv,text/csv', 'aria-label': 'CSV file' });
  const exportButton = h('button', { type: 'button', onclick: async () => {
    const res = await fetch('/api/v1/tenants.csv', { credentials: 'same-origin' });
    const a = h('a', { href: URL.createObjectURL(await res.blob()), download: 'tenants.csv' });
    document.body.append(a); a.click(); a.remove();
  } }, 'Export CSV');
  file.addEventListener('change', async () => {
    const f = file.files[0];
    if (!f) return;
    try {
      const r = await api('POST', '/tenants.csv', await f.text(), 'text/csv');
      report.replaceChildren(h('p', { class: 'badge ok' }, `Imported ${r.imported} tenants: ${r.added} new, ${r.updated} updated.`));
      setTimeout(() => pageList('tenants'), 1200);
    } catch (e) {
      const errs = (e.body && e.body.errors) || [{ field: '', message: e.message }];
      report.replaceChildren(h('div', { class: 'card' }, h('p', { class: 'form-error' }, 'Nothing was imported. Fix these cells and import again:'),
        h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Line'), h('th', {}, 'Column'), h('th', {}, 'Problem'))),
          h('tbody', {}, errs.map((x) => h('tr', {}, h('td', {}, x.line || ''), h('td', {}, x.column ? x.field.replace(/^.*\(|\)$/g, '') + ` (${x.column})` : ''), h('td', {}, x.message)))))));
    }
    file.value = '';
  });
  return h('div', { class: 'toolbar' }, exportButton, h('label', { class: 'muted' }, 'Import CSV (all rows or none)', file), report);
}

async function pagePark() {
  const park = await api('GET', '/content/park');
  const { nodes, read } = buildFields(formFields('park'), park, false);
  const top = h('p', { class: 'form-error', role: 'alert' });
  const form = h('form', { class: 'form card', novalidate: true }, top, nodes, h('div', { class: 'toolbar' }, h('button', { class: 'primary', type: 'submit' }, 'Save changes')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const body = Object.assign({}, park, read());
    // Chain members are stored by id, so two with one id are refused here, at the second one.
    const twins = body.chain.map((m, i) => [m.id, i]).filter(([mid], i, all) => all.findIndex(([other]) => other === mid) !== i)
      .map(([mid, i]) => ({ field: `chain[${i}].id`, message: `another park in the chain has the id “${mid}”` }));
    if (twins.length) { showErrors(form, top, twins); toast('Some fields need attention.', true); return; }
    try { await api('PUT', '/content/park', body); showErrors(form, top, []); toast('Saved the park. Publish to send it to the kiosks.'); } catch (e) {
      if (e.status === 422) { showErrors(form, top, e.body.errors || []); toast('Some fields need attention.', true); } else toast(e.message, true);
    }
  });
  main().replaceChildren(h('h2', {}, 'The park'), form);
}

// ---- [SECTION] publish, fleet, usage, accounts, audit, your account ---------------------
async function pagePublish() {
  const data = await api('GET', '/versions');
  const note = h('textarea', { name: 'note', placeholder: 'What changed, for the record (e.g. “Itinerary for the District 12 delegation”)', 'data-field': 'note' });
  const err = h('div', { class: 'field-error', 'data-error-for': 'note' });
  const form = h('form', { class: 'form card' }, h('label', {}, 'Note', note, err), h('div', { class: 'toolbar' }, h('button', { class: 'primary', type: 'submit' }, 'Publish to kiosks')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try { const r = await api('POST', '/publish', { note: note.value.trim() }); toast(`Published version ${r.version}. Kiosks pick it up at their next poll.`); pagePublish(); } catch (e) { if (e.status === 422) showErrors(form, h('p'), e.body.errors); else toast(e.message, true); }
  });
  const rollback = async (v) => {
    if (!confirm(`Publish the content of version ${v} again as a new version? Drafts go back to it too.`)) return;
    try { const r = await api('POST', `/versions/${v}/rollback`, {}); toast(`Version ${v} is back, published as version ${r.version}.`); pagePublish(); } catch (e) { toast(e.message, true); }
  };
  main().replaceChildren(h('h2', {}, 'Publish'),
    can('publisher') ? form : h('p', { class: 'muted card' }, 'Publishing needs the publisher role; ask a publisher to send your changes to the kiosks.'),
    h('h3', {}, 'Published versions'),
    h('table', {}, h('thead', {}, h('tr', {}, ['Version', 'When', 'By', 'Note', ''].map((t) => h('th', {}, t)))),
      h('tbody', {}, data.versions.length ? data.versions.map((v, i) => h('tr', {}, h('td', {}, h('strong', {}, v.version), i === 0 ? h('span', { class: 'badge ok' }, ' live') : ''),
        h('td', {}, when(v.at)), h('td', {}, v.user), h('td', {}, v.note),
        h('td', {}, can('publisher') && i > 0 && v.restorable ? h('button', { onclick: () => rollback(v.version) }, 'Roll back to this') : ''))) :
        h('tr', {}, h('td', { colspan: 5, class: 'muted' }, 'Nothing published yet.')))),
    h('p', { class: 'muted' }, `Kiosks verify versions with public key ${data.publicKey}.`));
}

// Shows a new kiosk report key once, with where it goes on the kiosk.
function kioskKeyNotice(id, key) {
  const code = h('code', { class: 'token', 'data-testid': 'kiosk-key' }, key);
  return h('div', { class: 'notice' }, h('strong', {}, `Report key for kiosk “${id}”`),
    h('p', {}, 'Copy it now: it is shown only this once. On the kiosk, put it in /etc/qtsc-kiosk/kiosk.toml under [sync] as ',
      h('code', {}, `report_key = "${key}"`), ` beside `, h('code', {}, `kiosk_id = "${id}"`), ', then restart the kiosk.'),
    code,
    h('div', {}, h('button', { type: 'button', onclick: async () => { try { await navigator.clipboard.writeText(key); toast('Copied.'); } catch { toast('Select the key and copy it.', true); } } }, 'Copy')));
}

async function pageFleet(shown) {
  const data = await api('GET', '/kiosks');
  const stale = data.kiosks.filter((k) => k.stale).length;
  const forget = async (id) => { if (confirm(`Forget kiosk ${id}? Its key stops working; pair it again to take its reports.`)) { await api('DELETE', `/kiosks/${encodeURIComponent(id)}`); pageFleet(); } };
  const pair = async (id) => {
    const k = await api('POST', '/kiosks', { id });
    await pageFleet(kioskKeyNotice(k.id, k.key));
  };
  const newKey = async (id) => {
    if (!confirm(`Make a new report key for ${id}? Its old key stops working at once.`)) return;
    try { await pair(id); } catch (e) { toast(e.message, true); }
  };
  let pairCard = '';
  if (can('admin')) {
    const id = h('input', { name: 'kioskId', 'data-field': 'id', placeholder: 'kiosk_id, e.g. museum-lobby-1' });
    const top = h('p', { class: 'form-error', role: 'alert' });
    pairCard = h('form', { class: 'card form', novalidate: true, 'data-testid': 'pair-form' }, h('h3', {}, 'Pair a kiosk'),
      h('p', { class: 'muted' }, 'A kiosk’s reports are taken only with the key made here. Use the kiosk_id from its kiosk.toml.'),
      top, h('div', { class: 'row' }, fieldLabel('Kiosk id', id)), h('div', {}, h('button', { class: 'primary', type: 'submit' }, 'Pair and show its key')));
    pairCard.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      try { await pair(id.value.trim()); } catch (e) { if (e.status === 422) showErrors(pairCard, top, e.body.errors || []); else top.textContent = e.message; }
    });
  }
  const contact = (k) => k.reports ? h('td', { title: k.lastContact }, ago(k.secondsSinceContact)) : h('td', { class: 'muted' }, 'never');
  main().replaceChildren(h('div', { class: 'toolbar' }, h('h2', {}, 'Fleet'), h('span', { class: 'spacer' }), h('button', { onclick: () => pageFleet() }, 'Refresh')),
    shown instanceof Node ? h('div', { class: 'stack spaced' }, shown) : '',
    (data.warnings || []).map((w) => h('p', { class: 'card warning', role: 'alert', 'data-testid': 'fleet-warning' }, w)),
    h('div', { class: 'grid2' }, h('div', { class: 'card' }, h('div', { class: 'muted' }, 'Kiosks'), h('div', { class: 'stat' }, data.kiosks.length)),
      h('div', { class: 'card' }, h('div', { class: 'muted' }, `Not seen for over ${Math.round(data.staleAfterSeconds / 60)} min, or never`), h('div', { class: 'stat' }, stale))),
    h('h3', {}, `Published version: ${data.publishedVersion || 'none yet'}`),
    data.timestamp && data.timestamp.published ? h('p', { class: 'muted' }, `Its signed timestamp is valid until ${when(data.timestamp.expires)}; the hub signs it again a week before.`) : '',
    h('table', {}, h('thead', {}, h('tr', {}, ['Kiosk', 'Content version', 'Last contact', 'Last result', 'Free disk', ''].map((t) => h('th', {}, t)))),
      h('tbody', {}, data.kiosks.length ? data.kiosks.map((k) => h('tr', { class: k.stale ? 'stale' : '' },
        h('td', {}, h('strong', {}, k.id), k.stale ? h('span', { class: 'badge warn' }, k.reports ? ' not seen' : ' waiting for its first report') : '',
          k.paired ? '' : h('span', { class: 'badge bad' }, ' not paired')),
        h('td', {}, k.reports ? [String(k.contentVersion), ' ', k.current ? h('span', { class: 'badge ok' }, 'current') : h('span', { class: 'badge warn' }, 'behind')] : '—'),
        contact(k),
        h('td', {}, k.lastResult ? h('span', { class: 'badge ' + (k.lastResult === 'failed' || k.lastResult === 'expired' ? 'bad' : 'ok') }, k.lastResult) : '', k.lastMessage ? h('div', { class: 'muted' }, k.lastMessage) : ''),
        h('td', {}, k.reports ? bytes(k.freeDiskBytes) : ''),
        h('td', {}, can('admin') ? [h('button', { class: 'link', onclick: () => newKey(k.id) }, k.paired ? 'New key' : 'Pair'), ' ',
          h('button', { class: 'link', onclick: () => forget(k.id) }, 'Forget')] : ''))) :
        h('tr', {}, h('td', { colspan: 6, class: 'muted' }, 'No kiosk is paired yet.')))),
    pairCard ? h('div', { class: 'stack spaced' }, pairCard) : '');
}

// Kiosks send what visitors typed: a name is shown on one line and cut, its whole text in the tooltip.
const shorten = (text) => { const line = String(text).replace(/[\u0000-\u001f\u007f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, ' '); return line.length > 80 ? line.slice(0, 79) + '…' : line; };

async function pageUsage() {
  const u = await api('GET', '/usage');
  const table = (title, rows, empty) => h('div', { class: 'card' }, h('h3', {}, title),
    rows && rows.length ? h('table', { class: 'usage' }, h('tbody', {}, rows.map((r) => h('tr', {}, h('td', { title: r.key }, shorten(r.key)), h('td', {}, h('strong', {}, r.count)))))) : h('p', { class: 'muted' }, empty));
  const known = ['opened', 'searchesNotFound'];
  main().replaceChildren(h('h2', {}, 'Usage'), h('p', { class: 'muted' }, 'Anonymous counts the kiosks send with each report.'),
    h('div', { class: 'grid2' }, table('Opened most', u.opened, 'Nothing reported yet.'), table('Searches that found nothing', u.searchesNotFound, 'None reported.')),
    Object.keys(u).filter((k) => !known.includes(k)).map((k) => table(k === 'counters' ? 'Counts' : shorten(k), u[k], '')));
}

async function pageAccounts() {
  const list = await api('GET', '/accounts');
  const roleSelect = (value, attrs) => h('select', attrs || {}, ['editor', 'publisher', 'admin'].map((r) => h('option', { value: r, selected: r === value }, r)));
  const name = h('input', { name: 'name', 'data-field': 'name' }); const pass = h('input', { name: 'password', type: 'password', 'data-field': 'password', autocomplete: 'new-password' });
  const role = roleSelect('editor', { 'data-field': 'role' });
  const top = h('p', { class: 'form-error' });
  const form = h('form', { class: 'card form' }, h('h3', {}, 'Add an account'), top,
    h('div', { class: 'row' }, h('label', {}, 'Name', name, h('div', { class: 'field-error', 'data-error-for': 'name' })),
      h('label', {}, 'Role', role, h('div', { class: 'field-error', 'data-error-for': 'role' })),
      h('label', {}, `Password (${limits().password.minLength}+ characters)`, pass, h('div', { class: 'field-error', 'data-error-for': 'password' }))),
    h('div', {}, h('button', { class: 'primary', type: 'submit' }, 'Add account')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (pass.value.length < limits().password.minLength) { showErrors(form, top, [tooShort()]); return; }
    try { await api('POST', '/accounts', { name: name.value.trim(), role: role.value, password: pass.value }); toast('Account added.'); pageAccounts(); } catch (e) { if (e.status === 422) showErrors(form, top, e.body.errors); else top.textContent = e.message; }
  });
  main().replaceChildren(h('h2', {}, 'Accounts'),
    h('table', {}, h('thead', {}, h('tr', {}, ['Name', 'Role', 'Created', ''].map((t) => h('th', {}, t)))),
      h('tbody', {}, list.map((a) => {
        const sel = roleSelect(a.role, { onchange: async () => { try { await api('PUT', `/accounts/${a.name}`, { role: sel.value }); toast('Role changed.'); } catch (e) { toast(e.message, true); pageAccounts(); } } });
        return h('tr', {}, h('td', {}, h('strong', {}, a.name)), h('td', {}, sel), h('td', {}, when(a.created)),
          h('td', {}, a.name === state.user ? h('span', { class: 'muted' }, 'you') : h('button', { class: 'danger', onclick: async () => { if (confirm(`Remove ${a.name}?`)) { try { await api('DELETE', `/accounts/${a.name}`); pageAccounts(); } catch (e) { toast(e.message, true); } } } }, 'Remove')));
      }))), form);
}

// The hub's page of entries (limits().auditPageSize), newest first; #audit/N shows the
// entries before entry N.
async function pageAudit(from) {
  const AUDIT_PAGE = limits().auditPageSize;
  const before = /^\d+$/.test(from || '') ? Number(from) : 0;
  const log = await api('GET', '/audit' + (before ? `?before=${before}` : ''));
  const fmt = (v) => (v === null ? '' : h('pre', { class: 'diff' }, JSON.stringify(v, null, 1)));
  const go = (n) => { location.hash = n ? `audit/${n}` : 'audit'; };
  const pager = () => h('div', { class: 'toolbar pager' },
    h('button', { type: 'button', disabled: !before, onclick: () => go(0) }, '⇤ Newest'),
    h('button', { type: 'button', disabled: !before, 'data-testid': 'audit-newer', onclick: () => go(before + AUDIT_PAGE) }, '← Newer'),
    h('span', { class: 'muted' }, log.length ? `Entries ${log[0].id} to ${log[log.length - 1].id}` : 'No entries here'),
    h('button', { type: 'button', disabled: log.length < AUDIT_PAGE, 'data-testid': 'audit-older', onclick: () => go(log[log.length - 1].id) }, 'Older →'));
  main().replaceChildren(h('div', { class: 'toolbar' }, h('h2', {}, 'Audit log'), h('span', { class: 'spacer' }), pager()),
    h('table', {}, h('thead', {}, h('tr', {}, ['#', 'When', 'Who', 'What', 'Before', 'After'].map((t) => h('th', {}, t)))),
      h('tbody', {}, log.length ? log.map((e) => h('tr', {}, h('td', { class: 'muted' }, e.id), h('td', {}, new Date(e.at * 1000).toLocaleString()), h('td', {}, e.user),
        h('td', {}, `${e.action} ${e.kind} ${e.recordId}`), h('td', {}, fmt(e.before)), h('td', {}, fmt(e.after)))) :
        h('tr', {}, h('td', { colspan: 6, class: 'muted' }, before ? 'No older entries.' : 'Nothing recorded yet.')))),
    log.length >= 10 ? pager() : null);
}

// The hub's own words for a short password, said before the password leaves the page.
const tooShort = () => ({ field: 'password', message: `use at least ${limits().password.minLength} characters` });
const fieldLabel = (label, input) => h('label', {}, label, input, h('div', { class: 'field-error', 'data-error-for': input.dataset.field }));

// Your own password and API tokens; every role has this page.
async function pageMe() {
  const tokens = await api('GET', '/tokens');
  const current = h('input', { type: 'password', name: 'current', 'data-field': 'current', autocomplete: 'current-password' });
  const pass = h('input', { type: 'password', name: 'password', 'data-field': 'password', autocomplete: 'new-password' });
  const again = h('input', { type: 'password', name: 'again', 'data-field': 'again', autocomplete: 'new-password' });
  const passTop = h('p', { class: 'form-error', role: 'alert' });
  const passForm = h('form', { class: 'card form', novalidate: true, 'data-testid': 'password-form' }, h('h3', {}, 'Change your password'),
    h('p', { class: 'muted' }, 'Changing it signs you out everywhere, here too, and revokes your API tokens; sign in again with the new one.'), passTop,
    h('div', { class: 'row' }, fieldLabel('Current password', current), fieldLabel(`New password (${limits().password.minLength}+ characters)`, pass), fieldLabel('New password again', again)),
    h('div', {}, h('button', { class: 'primary', type: 'submit' }, 'Change password')));
  passForm.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (pass.value.length < limits().password.minLength) { showErrors(passForm, passTop, [tooShort()]); return; }
    if (pass.value !== again.value) { showErrors(passForm, passTop, [{ field: 'again', message: 'does not match the new password' }]); return; }
    try {
      const r = await api('PUT', '/me/password', { current: current.value, password: pass.value });
      state.csrf = null;
      showLogin();
      toast('Password changed. Sign in with the new one.' + (r.revokedTokens ? ` ${r.revokedTokens} API token(s) were revoked.` : ''));
    } catch (e) { if (e.status === 422) showErrors(passForm, passTop, e.body.errors || []); else passTop.textContent = e.message; }
  });

  const rows = h('tbody');
  const expiry = (t) => (t.expires ? [new Date(t.expires * 1000).toLocaleString(), t.expired ? h('span', { class: 'badge bad' }, ' expired') : ''] : 'never');
  const drawTokens = (list) => rows.replaceChildren(...(list.length ? list.map((t) => h('tr', {}, h('td', {}, h('strong', {}, t.label)), h('td', {}, new Date(t.created * 1000).toLocaleString()),
    h('td', {}, expiry(t)),
    h('td', {}, h('button', { type: 'button', class: 'danger', onclick: () => revoke(t) }, 'Revoke')))) :
    [h('tr', {}, h('td', { colspan: 4, class: 'muted' }, 'You have no API tokens.'))]));
  const refresh = async () => drawTokens(await api('GET', '/tokens'));
  const revoke = async (t) => {
    if (!confirm(`Revoke the token “${t.label}”? Scripts using it are refused from now on.`)) return;
    try { await api('DELETE', `/tokens/${t.id}`); created.replaceChildren(); toast('Token revoked.'); await refresh(); } catch (e) { toast(e.message, true); }
  };
  drawTokens(tokens);
  const label = h('input', { name: 'label', 'data-field': 'label', placeholder: 'what uses it, e.g. nightly-import' });
  const days = h('input', { name: 'expiresInDays', 'data-field': 'expiresInDays', type: 'number', min: 1, max: 3650, placeholder: 'e.g. 90' });
  const tokenTop = h('p', { class: 'form-error', role: 'alert' });
  const created = h('div');
  const tokenForm = h('form', { class: 'card form', novalidate: true, 'data-testid': 'token-form' }, h('h3', {}, 'API tokens'),
    h('p', { class: 'muted' }, 'A script sends a token as “Authorization: Bearer …” and acts with your name and role. Revoke tokens that are no longer used.'),
    h('table', {}, h('thead', {}, h('tr', {}, ['Label', 'Created', 'Expires', ''].map((t) => h('th', {}, t)))), rows),
    tokenTop, h('div', { class: 'row' }, fieldLabel('Label for a new token', label), fieldLabel('Expires after (days; empty: never)', days)),
    h('div', {}, h('button', { class: 'primary', type: 'submit' }, 'Create token')), created);
  tokenForm.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      const body = { label: label.value.trim() };
      if (days.value.trim() !== '') body.expiresInDays = Number(days.value);
      const t = await api('POST', '/tokens', body);
      showErrors(tokenForm, tokenTop, []);
      label.value = '';
      const code = h('code', { class: 'token', 'data-testid': 'new-token' }, t.token);
      created.replaceChildren(h('div', { class: 'notice' }, h('strong', {}, `Token “${t.label}”`),
        h('p', {}, 'Copy it now: it is shown only this once.'), code,
        h('div', {}, h('button', { type: 'button', onclick: async () => { try { await navigator.clipboard.writeText(t.token); toast('Copied.'); } catch { toast('Select the token and copy it.', true); } } }, 'Copy'))));
      await refresh();
    } catch (e) { if (e.status === 422) showErrors(tokenForm, tokenTop, e.body.errors || []); else tokenTop.textContent = e.message; }
  });
  main().replaceChildren(h('h2', {}, `Your account: ${state.user}`), h('div', { class: 'stack' }, passForm, tokenForm));
}

start();
