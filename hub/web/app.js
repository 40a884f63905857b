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
    // The hub's words in the page's language where the catalogue knows its code (I18N.serverText).
    super((body && ((body.error && I18N.serverText({ code: body.code, params: body.params, message: body.error })) ||
      (body.errors && body.errors.map((e) => `${e.field}: ${I18N.serverText(e)}`).join('\n')))) || `HTTP ${status}`);
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
  const box = document.getElementById('toast');
  box.textContent = message;
  box.className = 'toast' + (bad ? ' bad' : '');
  box.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { box.hidden = true; }, bad ? 7000 : 3500);
}
// A toast speaks of the page it was said on: going to another page ends it.
function endToast() {
  clearTimeout(toast.timer);
  const box = document.getElementById('toast');
  box.hidden = true;
  box.textContent = '';
}

const main = () => document.getElementById('main');
// The main area for the page being drawn, claimed when it starts: a page that finishes loading
// after another page was asked for draws nothing, so the page asked for last keeps the screen.
function claimMain() {
  const asked = location.hash;
  return { replaceChildren: (...nodes) => { if (location.hash === asked) main().replaceChildren(...nodes); } };
}
const text = (l10n, lang) => (l10n && (l10n[lang] || l10n.vi || l10n.en)) || '';
// A record's text in the page's language, else the other one.
const local = (l10n) => text(l10n, I18N.current());
function bytes(n) { return n > 1e9 ? (n / 1e9).toFixed(1) + ' GB' : n > 1e6 ? (n / 1e6).toFixed(1) + ' MB' : Math.round(n / 1e3) + ' kB'; }
function ago(s) { return s < 90 ? t('ago.s', { n: s }) : s < 5400 ? t('ago.min', { n: Math.round(s / 60) }) : s < 172800 ? t('ago.h', { n: Math.round(s / 3600) }) : t('ago.days', { n: Math.round(s / 86400) }); }

// ---- dates and times ----
// Shown and typed as the park's staff read them, whatever the browser's locale: dd/mm/yyyy
// and 24-hour HH:MM. Stored values are the API's: YYYY-MM-DD, HH:MM and YYYY-MM-DDTHH:MM,
// the last in park time (Asia/Ho_Chi_Minh, no offset): they never pass through the
// browser's own time zone. Instants the hub records (a publish, a sign-in) are shown in park time.
const PARK_TZ = 'Asia/Ho_Chi_Minh';
const pad2 = (n) => String(n).padStart(2, '0');
const daysInMonth = (y, m) => new Date(Date.UTC(y, m, 0)).getUTCDate();
// "1/12/2026", "01.12.2026" -> "2026-12-01"; null when it is not a day of the calendar.
function parseDay(input) {
  const m = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(input || '');
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  return `${y}-${pad2(mo)}-${pad2(d)}`;
}
// "8:30", "08:30", "8h30" -> "08:30" (24-hour); null otherwise.
function parseClock(input) {
  const m = /^\s*(\d{1,2})[:hH.](\d{2})\s*$/.exec(input || '');
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) return null;
  return `${pad2(Number(m[1]))}:${m[2]}`;
}
// "02/12/2026 08:00" -> "2026-12-02T08:00"
function parseDayClock(input) {
  const m = /^\s*(\S+)\s+(\S+)\s*$/.exec(input || '');
  const day = m && parseDay(m[1]); const clock = m && parseClock(m[2]);
  return day && clock ? `${day}T${clock}` : null;
}
// A milestone's date at its precision: "01/12/2026" -> "2026-12-01", "12/2026" -> "2026-12", "2026".
function parseMilestoneDate(input) {
  const v = (input || '').trim();
  if (/^\d{4}$/.test(v)) return v;
  const month = /^(\d{1,2})[/.-](\d{4})$/.exec(v);
  if (month) return Number(month[1]) >= 1 && Number(month[1]) <= 12 ? `${month[2]}-${pad2(Number(month[1]))}` : null;
  return parseDay(v);
}
const showDay = (iso) => (/^\d{4}-\d{2}-\d{2}$/.test(iso || '') ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : iso || '');
const showDayClock = (iso) => (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(iso || '') ? `${showDay(iso.slice(0, 10))} ${iso.slice(11, 16)}` : iso || '');
const showMilestoneDate = (iso) => (/^\d{4}-\d{2}$/.test(iso || '') ? `${iso.slice(5, 7)}/${iso.slice(0, 4)}` : showDay(iso));
// An instant (ISO text with its zone, or Unix seconds) as dd/mm/yyyy HH:MM in park time.
function when(at) {
  if (at === null || at === undefined || at === '') return '';
  const date = typeof at === 'number' ? new Date(at * 1000) : new Date(at);
  if (Number.isNaN(date.getTime())) return String(at);
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', { timeZone: PARK_TZ, year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(date).map((p) => [p.type, p.value]));
  return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}`;
}
// Today in park time as YYYY-MM-DD.
function parkToday() {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', { timeZone: PARK_TZ, year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(new Date()).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

// ---- [SECTION] session and navigation --------------------------------------------------
function showLogin() {
  document.getElementById('app').hidden = true;
  document.getElementById('login').hidden = false;
}

// The language buttons of the sign-in page and the sidebar. Signed in, the choice is also
// kept on the account (PUT /api/v1/me/language).
function drawLanguageSwitches() {
  for (const box of document.querySelectorAll('[data-language-switch]')) {
    box.setAttribute('aria-label', t('language.switch'));
    box.replaceChildren(...I18N.languages().map((l) => h('button', { type: 'button', class: 'link', lang: l.code, 'aria-pressed': String(l.code === I18N.current()), 'data-language': l.code,
      onclick: () => chooseLanguage(l.code) }, l.name)));
  }
}

async function chooseLanguage(code) {
  await I18N.use(code);
  if (state.csrf) {
    try { await api('PUT', '/me/language', { language: code }); } catch (e) { toast(e.message, true); }
  }
}

// Redraws what is on screen in the new language.
function languageChanged() {
  drawLanguageSwitches();
  if (state.csrf) { drawNav(); route(); }
}

async function start() {
  await I18N.init();
  I18N.onChange(languageChanged);
  drawLanguageSwitches();
  document.getElementById('login-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const f = ev.target;
    const err = document.getElementById('login-error');
    err.textContent = '';
    try {
      const s = await api('POST', '/login', { name: f.name.value, password: f.password.value });
      f.password.value = '';
      enter(s);
    } catch (e) { err.textContent = e.status === 401 ? t('login.wrong') : e.message; }
  });
  document.getElementById('logout').addEventListener('click', async () => {
    try { await api('POST', '/logout', {}); } catch { /* signed out either way */ }
    state.csrf = null;
    showLogin();
  });
  window.addEventListener('hashchange', route);
  try { enter(await api('GET', '/session')); } catch { showLogin(); }
}

// The sidebar: label and group are catalogue keys (lang/*.json).
const PAGES = [
  { group: 'nav.group.content' },
  { id: 'tenants', label: 'nav.tenants', role: 'editor' },
  { id: 'places', label: 'nav.places', role: 'editor' },
  { id: 'itineraries', label: 'nav.itineraries', role: 'editor' },
  { id: 'welcomes', label: 'nav.welcomes', role: 'editor' },
  { id: 'milestones', label: 'nav.milestones', role: 'editor' },
  { id: 'exhibits', label: 'nav.exhibits', role: 'editor' },
  { id: 'themes', label: 'nav.themes', role: 'editor' },
  { id: 'sectors', label: 'nav.sectors', role: 'editor' },
  { id: 'park', label: 'nav.park', role: 'editor' },
  { id: 'paths', label: 'nav.paths', role: 'editor' },
  { id: 'sources', label: 'nav.sources', role: 'editor' },
  { group: 'nav.group.kiosks' },
  { id: 'publish', label: 'nav.publish', role: 'editor' },
  { id: 'fleet', label: 'nav.fleet', role: 'editor' },
  { id: 'usage', label: 'nav.usage', role: 'editor' },
  { group: 'nav.group.admin', role: 'admin' },
  { id: 'accounts', label: 'nav.accounts', role: 'admin' },
  { id: 'audit', label: 'nav.audit', role: 'admin' },
  { group: 'nav.group.you' },
  { id: 'me', label: 'nav.me', role: 'editor' },
];

function drawNav() {
  document.getElementById('who').replaceChildren(h('span', { class: 'rec' }, state.user), ' · ', t('role.' + state.role));
  const nav = document.getElementById('nav');
  nav.replaceChildren(...PAGES.filter((p) => !p.role || can(p.role)).map((p) =>
    p.group ? h('div', { class: 'group' }, t(p.group)) : h('a', { href: '#' + p.id, 'data-page': p.id }, t(p.label))));
}

async function enter(session) {
  // The account's language wins; an account that never chose takes this browser's choice.
  if (session.language && session.language !== I18N.current()) await I18N.use(session.language);
  state.user = session.user;
  state.role = session.role;
  state.csrf = session.csrfToken;
  if (!session.language) api('PUT', '/me/language', { language: I18N.current() }).catch(() => {});
  document.getElementById('login').hidden = true;
  document.getElementById('app').hidden = false;
  drawNav();
  drawLanguageSwitches();
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
  if (state.page !== undefined && state.page !== page) endToast();
  state.page = page;
  for (const a of document.querySelectorAll('#nav a')) a.classList.toggle('active', a.dataset.page === page);
  const render = {
    publish: () => Publish.page(), paths: () => Paths.page(), fleet: pageFleet, usage: () => Usage.page(), accounts: pageAccounts, audit: pageAudit, park: pagePark, me: pageMe,
  }[page];
  const run = render ? render(id) : KIND_PAGES[page] ? (id ? pageEdit(page, id === 'new' ? null : decodeURIComponent(id)) : pageList(page)) : pageList('tenants');
  const view = claimMain();
  Promise.resolve(run).catch((e) => view.replaceChildren(h('p', { class: 'form-error' }, e.message)));
}

// ---- [SECTION] record editor (fields, map pin, itinerary stops, images, preview) -------
// Places by their full name in the page's language, in the hub's (Vietnamese) order.
const placeOptions = () => state.places.map((p) => [p.id, local(p.name) || p.id]);
// How each kind's page presents its records: titles, list columns, and per field a label,
// a widget where the field's type alone does not say it, and the layout (an array is one
// row). Which fields a kind has, their types, enums, references and the id rule come from
// the hub's schema: a field the schema gives and this table does not name still gets an
// input, labelled with its name, at the end of the form.
// A record's pictures: each item is made by Pictures.item (pictures.js).
const GALLERY = { label: 'f.image', make: (picture) => Pictures.item(picture) };
const KIND_PAGES = {
  tenants: { title: 'nav.tenants', one: 'kind.tenant', record: 'tenant', columns: [['id', 'f.id'], ['name', 'f.name'], ['place', 'f.building'], ['floor', 'f.floor']],
    filters: ['building', 'sector'], sortable: ['name', 'id', 'place', 'floor'],
    layout: ['id', 'name', 'description', ['place', 'floor'], 'sectors', ['website', 'contact'], 'logo', 'source'],
    fields: { name: { label: 'f.name' }, description: { label: 'f.description', long: true }, place: { label: 'f.building' }, floor: { label: 'f.floor' },
      sectors: { label: 'f.sectors' }, website: { label: 'f.website' }, contact: { label: 'f.contact' }, logo: { label: 'f.logo' }, source: { label: 'f.source' } } },
  places: { title: 'nav.places', one: 'kind.place', record: 'place', columns: [['id', 'f.id'], ['name', 'f.name'], ['kind', 'f.kind']], sortable: ['name', 'id', 'kind'],
    layout: ['id', 'kind', 'name', 'description', 'position', 'gallery', 'source'],
    fields: { kind: { label: 'f.kind' }, name: { label: 'f.name' }, description: { label: 'f.description', long: true },
      position: { label: 'f.position' }, gallery: GALLERY, source: { label: 'f.source' } } },
  itineraries: { title: 'nav.itineraries', one: 'kind.itinerary', record: 'itinerary', columns: [['date', 'f.date'], ['delegation', 'f.delegation'], ['start', 'f.from'], ['end', 'f.to']],
    sortable: ['date', 'delegation', 'id'], defaultSort: '-date',
    layout: ['id', 'delegation', 'origin', ['date', 'start', 'end', 'dayPart'], 'host', 'summary', 'stops', 'gallery', 'source'],
    fields: { delegation: { label: 'f.delegation' }, origin: { label: 'f.origin' }, date: { label: 'f.date', widget: 'date' }, start: { label: 'f.starts' }, end: { label: 'f.ends' },
      dayPart: { label: 'f.dayPart' }, host: { label: 'f.host' }, summary: { label: 'f.summary', long: true }, stops: { label: 'f.stops', widget: 'stops' },
      gallery: GALLERY, source: { label: 'f.source' } } },
  welcomes: { title: 'nav.welcomes', one: 'kind.welcome', record: 'welcome', columns: [['starts', 'f.from'], ['ends', 'f.until'], ['text', 'f.text'], ['audience', 'f.audience']],
    sortable: ['starts', 'id'], defaultSort: '-starts',
    layout: ['id', 'text', ['starts', 'ends'], 'itinerary', 'groups', 'kiosks'],
    fields: { text: { label: 'f.welcomeText', long: true }, starts: { label: 'f.shownFrom' }, ends: { label: 'f.shownUntil' },
      itinerary: { label: 'f.forVisit' },
      groups: { label: 'f.forGroups', widget: 'multi', options: groupOptions, hint: 'f.audience.hint', none: 'f.forGroups.none' },
      kiosks: { label: 'f.forKiosks', widget: 'multi', options: kioskOptions, none: 'f.forKiosks.none' } } },
  milestones: { title: 'nav.milestones', one: 'kind.milestone', record: 'milestone', columns: [['date', 'f.date'], ['title', 'f.title']], sortable: ['date', 'title', 'id'],
    layout: ['id', 'date', 'title', 'body', 'gallery', 'source'],
    fields: { date: { label: 'f.milestoneDate', widget: 'milestone-date' }, title: { label: 'f.title' }, body: { label: 'f.body', long: true }, gallery: GALLERY,
      source: { label: 'f.source' } } },
  exhibits: { title: 'nav.exhibits', one: 'kind.exhibit', record: 'exhibit', columns: [['id', 'f.id'], ['name', 'f.name'], ['theme', 'f.theme']], sortable: ['name', 'id', 'theme'],
    layout: ['id', 'name', ['theme', 'ageMin', 'ageMax'], { slot: 'ages' }, 'what', 'how', 'steps', 'quiz', 'gallery'],
    fields: { name: { label: 'f.name' }, theme: { label: 'f.theme' }, ageMin: { label: 'f.ageMin' }, ageMax: { label: 'f.ageMax' },
      what: { label: 'f.what', long: true }, how: { label: 'f.how', long: true },
      steps: { label: 'f.steps', hint: 'f.steps.hint', make: stepItem, add: 'f.steps.add' },
      quiz: { label: 'f.quiz', hint: 'f.quiz.hint', make: quizItem, add: 'f.quiz.add' },
      gallery: GALLERY } },
  themes: { title: 'nav.themes', one: 'kind.theme', record: 'theme', columns: [['id', 'f.id'], ['name', 'f.name']], sortable: ['name', 'id'], layout: ['id', 'name'], fields: { name: { label: 'f.name' } } },
  sectors: { title: 'nav.sectors', one: 'kind.sector', record: 'sector', columns: [['id', 'f.id'], ['name', 'f.name']], sortable: ['name', 'id'], layout: ['id', 'name'], fields: { name: { label: 'f.name' } } },
  // A document is shown on the kiosk only as the Source line of what cites it: no preview of its own.
  sources: { title: 'nav.sources', one: 'kind.source', record: 'source', preview: false, columns: [['id', 'f.id'], ['title', 'f.title'], ['publisher', 'f.publisher'], ['date', 'f.date']],
    sortable: ['id', 'title', 'date'],
    layout: ['id', 'title', 'publisher', ['author', 'date', 'language'], 'link', 'note', 'unconfirmedNames'],
    fields: { title: { label: 'f.docTitle' }, publisher: { label: 'f.publisher' }, author: { label: 'f.author' },
      date: { label: 'f.docDate', widget: 'milestone-date' }, language: { label: 'f.docLanguage' }, link: { label: 'f.link' },
      note: { label: 'f.docNote', long: true }, unconfirmedNames: { label: 'f.unconfirmedNames' } } },
  park: { record: 'park', layout: ['name', 'shortName', 'summary', 'facts', 'chain'],
    fields: { name: { label: 'f.name' }, shortName: { label: 'f.shortName' }, summary: { label: 'f.summary', long: true },
      facts: { label: 'f.facts', hint: 'f.facts.hint', make: factItem, add: 'f.facts.add' },
      chain: { label: 'f.chain', hint: 'f.chain.hint', make: chainItem, add: 'f.chain.add' } } },
};
// Kept by the hub and shown as a badge in the lists, not edited in a form.
const NOT_IN_FORMS = ['sample'];

// Who a welcome is for, as [name, label] choices: the kiosk profiles' groups (with the
// profiles in each) and the paired kiosks, and any the record names already.
function groupOptions(current) {
  const names = {};
  for (const p of state.profiles || []) (names[p.group] || (names[p.group] = [])).push(local(p.name) || p.id);
  for (const g of current || []) names[g] = names[g] || [];
  return Object.keys(names).sort().map((g) => [g, names[g].length ? `${g} (${names[g].join(', ')})` : g]);
}
function kioskOptions(current) {
  const ids = new Set([...(state.kiosks || []).filter((k) => k.paired).map((k) => k.id), ...(current || [])]);
  return [...ids].sort().map((id) => [id, id]);
}
// The audience of a welcome as its list shows it.
function audienceText(r) {
  const named = [...(r.groups || []), ...(r.kiosks || [])];
  return named.length ? named.join(', ') : t('f.audience.all');
}

// The records a reference may name, as [id, label] choices.
const REFERENCE_OPTIONS = {
  place: placeOptions,
  sector: () => state.sectors.map((x) => [x.id, local(x.name) || x.id]),
  theme: () => state.themes.map((x) => [x.id, local(x.name) || x.id]),
  itinerary: () => state.itineraries.map((i) => [i.id, `${showDay(i.date)} ${local(i.delegation)}`]),
};

// A value of one of the schema's enums ("morning") in the page's language, when the
// catalogue has it (enum.<enum>.<value>).
const enumText = (name, value) => (I18N.has(`enum.${name}.${value}`) ? t(`enum.${name}.${value}`) : value);

// One schema field as the input buildFields makes for it.
function formField(field, look) {
  // A field the page does not describe is labelled from the catalogue (f.<name>) or by its name.
  const f = { name: field.name, label: look.label ? t(look.label) : I18N.has('f.' + field.name) ? t('f.' + field.name) : field.name };
  const options = field.refersTo ? REFERENCE_OPTIONS[field.refersTo] || (() => []) : null;
  if (field.name === 'id') return { ...f, type: 'id' };
  if (look.widget) return { ...f, ...look, label: f.label, type: look.widget };
  switch (field.type) {
    case 'text': return { ...f, type: look.long ? 'l10n-long' : 'l10n' };
    case 'string':
      if (options) return { ...f, type: 'select', options, optional: !field.required };
      return { ...f, type: { date: 'date', time: 'time', datetime: 'datetime', image: 'image' }[field.format] || 'text' };
    case 'strings': return options ? { ...f, type: 'multi', options } : { ...f, type: 'names' };
    case 'integer': return { ...f, type: 'number' };
    case 'boolean': return { ...f, type: 'check' };
    case 'date': return { ...f, type: 'text' };
    case 'point': return { ...f, type: 'position' };
    case 'choice': return { ...f, type: 'select', options: () => (state.schema.content.enums[field.enum] || []).map((k) => [k, enumText(field.enum, k)]) };
    case 'texts': return { ...f, type: 'list', make: look.make || stepItem, add: t(look.add || 'list.add'), hint: look.hint && t(look.hint) };
    case 'list': return { ...f, type: 'list', make: look.make, add: t(look.add || 'list.add'), hint: look.hint && t(look.hint) };
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
  let problems = [];  // what read() found the page itself can refuse (a date that is no date)
  const slot = (name) => (errorSlots[name] = h('div', { class: 'field-error', 'data-error-for': name }));
  const input = (name, attrs) => h('input', Object.assign({ name, 'data-field': name }, attrs));

  function one(f) {
    const v = record[f.name];
    switch (f.type) {
      case 'id': {
        const rule = state.schema.content.id;
        const el = input('id', { value: v || '', readonly: !isNew, placeholder: t('f.id.placeholder'), pattern: rule.pattern, maxlength: rule.maxLength });
        readers.push((r) => { r.id = el.value.trim(); });
        return h('label', {}, t('f.id'), el, slot('id'));
      }
      case 'l10n': case 'l10n-long': {
        const make = (lang) => (f.type === 'l10n' ? input(`${f.name}.${lang}`, { value: (v && v[lang]) || '' }) :
          h('textarea', { name: `${f.name}.${lang}`, 'data-field': `${f.name}.${lang}` }, (v && v[lang]) || ''));
        const vi = make('vi'); const en = make('en');
        readers.push((r) => { r[f.name] = {}; if (vi.value.trim()) r[f.name].vi = vi.value.trim(); if (en.value.trim()) r[f.name].en = en.value.trim(); });
        return h('div', { class: 'pair' },
          h('label', {}, h('span', {}, f.label, h('span', { class: 'lang' }, t('lang.vi'))), vi, slot(`${f.name}.vi`)),
          h('label', {}, h('span', {}, f.label, h('span', { class: 'lang' }, t('lang.en'))), en, slot(`${f.name}.en`)));
      }
      case 'date': case 'time': case 'datetime': case 'milestone-date': {
        // Text typed as staff read dates (dd/mm/yyyy, 24-hour HH:MM), never the browser's
        // locale-dependent pickers; checked here and stored in the API's form.
        const kind = { date: [parseDay, showDay], time: [parseClock, (x) => x || ''], datetime: [parseDayClock, showDayClock], 'milestone-date': [parseMilestoneDate, showMilestoneDate] }[f.type];
        const el = input(f.name, { type: 'text', value: kind[1](v), placeholder: t(`format.${f.type}`), inputmode: 'numeric', autocomplete: 'off', class: 'when-' + f.type });
        readers.push((r) => {
          const typed = el.value.trim();
          const parsed = typed ? kind[0](typed) : '';
          if (parsed === null) problems.push({ field: f.name, message: t(`format.${f.type}.bad`, { text: typed }) });
          r[f.name] = parsed === null ? typed : parsed;
        });
        const zone = f.type === 'datetime' ? h('span', { class: 'muted zone' }, t('format.parkTime')) : null;
        return h('label', {}, h('span', {}, f.label, zone ? ' ' : '', zone), el, slot(f.name));
      }
      case 'text': case 'number': {
        const type = { text: 'text', number: 'number' }[f.type];
        const el = input(f.name, { type, value: v ?? '' });
        // An empty number is left out, so the record keeps the API's default (exhibit ages 6 to 99).
        readers.push((r) => { if (f.type !== 'number') r[f.name] = el.value.trim(); else if (el.value !== '') r[f.name] = Number(el.value); });
        return h('label', {}, f.label, el, slot(f.name));
      }
      case 'names': {  // a list of plain strings, typed apart by commas
        const el = input(f.name, { type: 'text', value: (v || []).join(', '), placeholder: t('f.names.placeholder') });
        readers.push((r) => { r[f.name] = el.value.split(',').map((x) => x.trim()).filter(Boolean); });
        return h('label', {}, f.label, el, slot(f.name));
      }
      case 'select': {
        const el = h('select', { name: f.name, 'data-field': f.name },
          h('option', { value: '' }, f.optional ? t('select.none') : t('select.choose')),
          f.options().map(([id, label]) => h('option', { value: id, selected: id === v }, label)));
        readers.push((r) => { r[f.name] = el.value; });
        return h('label', {}, f.label, el, slot(f.name));
      }
      case 'multi': {
        const boxes = f.options(v).map(([id, label]) => h('label', { class: 'rec' }, h('input', { type: 'checkbox', value: id, checked: (v || []).includes(id) }), label));
        readers.push((r) => { r[f.name] = boxes.map((b) => b.firstChild).filter((c) => c.checked).map((c) => c.value); });
        return h('div', {}, h('label', {}, f.label), f.hint ? h('p', { class: 'muted hint' }, t(f.hint)) : null,
          h('div', { class: 'chips', 'data-field': f.name }, boxes.length || !f.none ? boxes : h('span', { class: 'muted' }, t(f.none))), slot(f.name));
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
  return { nodes, read: () => { const r = {}; problems = []; readers.forEach((fn) => fn(r)); return r; }, problems: () => problems, errorSlots };
}

function positionField(f, pos, readers, slot) {
  const current = { x: pos.x, y: pos.y };
  const pin = h('div', { class: 'pin', 'data-testid': 'pin' });
  const coords = h('span', { class: 'muted' });
  const { width, height } = state.schema.content.map;
  const place = () => { pin.style.left = `${(current.x / width) * 100}%`; pin.style.top = `${(current.y / height) * 100}%`; coords.textContent = t('map.coords', { x: Math.round(current.x), y: Math.round(current.y), width, height }); };
  const others = state.places.map((p) => { const d = h('div', { class: 'other rec', title: local(p.name) }); d.style.left = `${(p.position.x / width) * 100}%`; d.style.top = `${(p.position.y / height) * 100}%`; return d; });
  const map = h('div', { class: 'map', 'data-field': 'position', 'data-testid': 'map' }, state.map && state.map.svg ? h('img', { src: '/api/v1/map.svg', alt: t('map.alt') }) : null, others, pin);
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
  const label = h('span', { class: 'muted' }, name || t('image.none'));
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
      place: h('select', { 'aria-label': t('stop.place') }, h('option', { value: '' }, t('stop.place.choose')), placeOptions().map(([id, l]) => h('option', { value: id, selected: id === stop.place }, l))),
      start: h('input', { type: 'text', inputmode: 'numeric', value: stop.start || '', placeholder: t('format.time'), 'aria-label': t('stop.start'), title: t('stop.start'), class: 'when-time' }),
      end: h('input', { type: 'text', inputmode: 'numeric', value: stop.end || '', placeholder: t('format.time'), 'aria-label': t('stop.end'), title: t('stop.end'), class: 'when-time' }),
      'activity.vi': h('input', { value: (stop.activity && stop.activity.vi) || '', placeholder: t('stop.activity.vi'), 'aria-label': t('stop.activity.vi') }),
      'activity.en': h('input', { value: (stop.activity && stop.activity.en) || '', placeholder: t('stop.activity.en'), 'aria-label': t('stop.activity.en') }),
    };
    const slots = Object.fromEntries(Object.keys(inputs).map((k) => [k, h('div', { class: 'field-error' })]));
    const row = { inputs, slots, num: h('div', { class: 'num' }) };
    const move = (d) => { const i = rows.indexOf(row); const j = i + d; if (j < 0 || j >= rows.length) return; [rows[i], rows[j]] = [rows[j], rows[i]]; redraw(); };
    row.el = h('div', { class: 'stop' }, row.num,
      ...Object.keys(inputs).map((k) => h('div', { class: 'stop-' + k.replace('.', '-') }, inputs[k], slots[k])),
      h('div', { class: 'tools' }, h('button', { type: 'button', title: t('list.up'), 'aria-label': t('list.up'), onclick: () => move(-1) }, '↑'),
        h('button', { type: 'button', title: t('list.down'), 'aria-label': t('list.down'), onclick: () => move(1) }, '↓'),
        h('button', { type: 'button', class: 'danger', title: t('list.remove'), 'aria-label': t('list.remove'), onclick: () => { rows.splice(rows.indexOf(row), 1); redraw(); } }, '✕')));
    rows.push(row);
    redraw();
  }
  stops.forEach(add);
  readers.push((r) => {
    r.stops = rows.map((row) => {
      const clock = (el) => parseClock(el.value) || el.value.trim();
      const s = { place: row.inputs.place.value, start: clock(row.inputs.start), end: clock(row.inputs.end), activity: {} };
      if (row.inputs['activity.vi'].value.trim()) s.activity.vi = row.inputs['activity.vi'].value.trim();
      if (row.inputs['activity.en'].value.trim()) s.activity.en = row.inputs['activity.en'].value.trim();
      return s;
    });
  });
  return h('div', {}, h('label', {}, f.label), list, slot('stops'),
    h('button', { type: 'button', 'data-testid': 'add-stop', onclick: () => add({}) }, t('stop.add')));
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
    const said = I18N.serverText(e);
    if (target) target.textContent = said; else rest.push(e.field ? `${e.field}: ${said}` : said);
  }
  top.textContent = rest.join('\n');
  const first = form.querySelector('.invalid');
  if (first) first.scrollIntoView({ block: 'center' });
}

// `template`: a new record's starting values (a visit copied from a previous one).
async function pageEdit(kind, id, template) {
  const view = claimMain();
  const k = KIND_PAGES[kind];
  const record = id ? await api('GET', `/content/${kind}/${encodeURIComponent(id)}`) : template || {};
  // Groups and kiosks change on the fleet page: a welcome's choices are read afresh.
  if (kind === 'welcomes') {
    const [profiles, fleet] = await Promise.all([api('GET', '/content/profiles'), api('GET', '/kiosks')]);
    Object.assign(state, { profiles, kiosks: fleet.kiosks });
  }
  const { nodes, read, problems } = buildFields(formFields(kind), record, !id);
  const top = h('p', { class: 'form-error', role: 'alert' });
  const preview = h('div', { class: 'preview' });
  const form = h('form', { class: 'form card', novalidate: true }, top, nodes,
    h('div', { class: 'toolbar' },
      h('button', { type: 'submit', class: 'primary' }, id ? t('edit.save') : t('edit.add', { one: t(k.one) })),
      h('a', { href: '#' + kind }, h('button', { type: 'button' }, t('edit.cancel'))),
      h('span', { class: 'spacer' }),
      id && k.preview !== false ? h('button', { type: 'button', onclick: () => showPreview(k.record, id, preview) }, t('edit.preview')) : null,
      id ? h('button', { type: 'button', class: 'danger', onclick: () => remove(kind, id) }, t('edit.delete')) : null));
  const visit = kind === 'itineraries' && !id ? prepareVisit(form) : null;
  if (visit) form.insertBefore(visit.el, form.querySelector(':scope > .toolbar'));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const body = read();
    const welcome = visit ? visit.welcome() : null;
    const wrong = problems().concat(welcome ? welcome.problems : []);
    if (wrong.length) { showErrors(form, top, wrong); toast(t('edit.attention'), true); return; }
    try {
      // The welcome's times and text are checked on the page first (above); should the hub
      // still refuse it, the itinerary stays saved and the toast says why.
      const saved = id ? await api('PUT', `/content/${kind}/${encodeURIComponent(id)}`, body) : await api('POST', `/content/${kind}`, body);
      if (welcome) {
        welcome.record.id = welcome.record.itinerary = saved.id;
        try { await api('POST', '/content/welcomes', welcome.record); } catch (e) {
          toast(t('visit.welcome.failed', { reason: e.status === 422 ? (e.body.errors || []).map((x) => I18N.serverText(x)).join('; ') : e.message }), true);
          await loadLookups();
          location.hash = `${kind}/${encodeURIComponent(saved.id)}`;
          return;
        }
      }
      showErrors(form, top, []);
      toast(t('edit.saved', { one: t(k.one), name: local(saved.name || saved.delegation || saved.title || saved.text) || saved.id }));
      if (['places', 'sectors', 'themes', 'itineraries'].includes(kind)) await loadLookups();
      if (!id) location.hash = `${kind}/${encodeURIComponent(saved.id)}`;
    } catch (e) {
      if (e.status === 422) { showErrors(form, top, e.body.errors || []); toast(t('edit.attention'), true); } else toast(e.message, true);
    }
  });
  const copyFrom = kind === 'itineraries' && !id && state.itineraries.length ? templateChooser() : null;
  view.replaceChildren(...[h('div', { class: 'toolbar' }, h('h2', {}, id ? t('edit.title', { one: t(k.one), id }) : t('edit.new', { one: t(k.one) })), h('span', { class: 'spacer' }), copyFrom), form, preview].filter(Boolean));
}

// ---- preparing a visit: a previous visit as the template, the id from the delegation and
// the date, and the welcome message made with the itinerary ----
function templateChooser() {
  const visits = state.itineraries.slice().sort((a, b) => (b.date || '').localeCompare(a.date || ''));
  const sel = h('select', { 'data-testid': 'visit-template', 'aria-label': t('visit.template') },
    h('option', { value: '' }, t('visit.template.choose')),
    visits.map((v) => h('option', { value: v.id }, `${showDay(v.date)} · ${local(v.delegation) || v.id}`)));
  sel.addEventListener('change', async () => {
    if (!sel.value) return;
    const from = await api('GET', `/content/itineraries/${encodeURIComponent(sel.value)}`);
    // The new visit keeps the plan (stops, times, host, summary) and gets its own id and date.
    const copy = { ...from, id: '', date: '' };
    delete copy.sample;
    await pageEdit('itineraries', null, copy);
    toast(t('visit.template.copied', { name: local(from.delegation) || from.id }));
  });
  return h('label', { class: 'inline' }, t('visit.template'), sel);
}

function minutesBefore(clock, minutes) {
  const m = /^(\d{2}):(\d{2})$/.exec(clock || '');
  if (!m) return '';
  const total = Math.max(0, Number(m[1]) * 60 + Number(m[2]) - minutes);
  return `${pad2(Math.floor(total / 60))}:${pad2(total % 60)}`;
}

function prepareVisit(form) {
  const field = (name) => form.querySelector(`[data-field="${name}"]`);
  const idEl = field('id');
  let idTyped = false;
  idEl.addEventListener('input', () => { idTyped = idEl.value.trim() !== ''; });
  const on = h('input', { type: 'checkbox', checked: true, 'data-testid': 'visit-welcome-on' });
  const viText = h('textarea', { 'data-field': 'welcome.text.vi', 'data-testid': 'visit-welcome-vi' });
  const enText = h('textarea', { 'data-field': 'welcome.text.en', 'data-testid': 'visit-welcome-en' });
  const starts = h('input', { type: 'text', 'data-field': 'welcome.starts', 'data-testid': 'visit-welcome-starts', placeholder: t('format.datetime'), inputmode: 'numeric', autocomplete: 'off' });
  const ends = h('input', { type: 'text', 'data-field': 'welcome.ends', 'data-testid': 'visit-welcome-ends', placeholder: t('format.datetime'), inputmode: 'numeric', autocomplete: 'off' });
  const typed = new Set();  // the welcome's inputs staff changed by hand are not prefilled again
  for (const el of [viText, enText, starts, ends]) el.addEventListener('input', () => typed.add(el));
  const slot = (name) => h('div', { class: 'field-error', 'data-error-for': name });
  const fill = () => {
    const day = parseDay(field('date').value);
    const who = { vi: field('delegation.vi').value.trim(), en: field('delegation.en').value.trim() };
    if (!idTyped) idEl.value = [slugOf(who.en || who.vi), day].filter(Boolean).join('-').slice(0, 64);
    // Content for the kiosks, in both of their languages whatever the page's language.
    const set = (el, value) => { if (!typed.has(el)) el.value = value; };
    // "Đoàn UBND Quận 12" is welcomed as "đoàn UBND Quận 12", not "đoàn Đoàn …".
    set(viText, who.vi ? `Chào mừng đoàn ${who.vi.replace(/^đoàn\s+/iu, '')} đến thăm Công viên Phần mềm Quang Trung` : '');
    set(enText, who.en || who.vi ? `Welcome, ${who.en || who.vi}, to Quang Trung Software City` : '');
    const from = parseClock(field('start').value); const to = parseClock(field('end').value);
    set(starts, day ? showDayClock(`${day}T${minutesBefore(from || '08:00', 60)}`) : '');
    set(ends, day ? showDayClock(`${day}T${to || '17:00'}`) : '');
  };
  for (const name of ['delegation.vi', 'delegation.en', 'date', 'start', 'end']) if (field(name)) field(name).addEventListener('input', fill);
  fill();
  const el = h('fieldset', { class: 'card visit-welcome', 'data-testid': 'visit-welcome' },
    h('legend', {}, h('label', { class: 'check' }, on, t('visit.welcome.title'))),
    h('p', { class: 'muted hint' }, t('visit.welcome.hint')),
    h('div', { class: 'pair' },
      h('label', {}, h('span', {}, t('f.welcomeText'), h('span', { class: 'lang' }, t('lang.vi'))), viText, slot('welcome.text.vi')),
      h('label', {}, h('span', {}, t('f.welcomeText'), h('span', { class: 'lang' }, t('lang.en'))), enText, slot('welcome.text.en'))),
    h('div', { class: 'row' },
      h('label', {}, h('span', {}, t('f.shownFrom'), ' ', h('span', { class: 'muted zone' }, t('format.parkTime'))), starts, slot('welcome.starts')),
      h('label', {}, h('span', {}, t('f.shownUntil'), ' ', h('span', { class: 'muted zone' }, t('format.parkTime'))), ends, slot('welcome.ends'))));
  return {
    el,
    welcome: () => {
      if (!on.checked) return null;
      const problems = [];
      const at = (input, name) => { const v = parseDayClock(input.value); if (!v) problems.push({ field: name, message: t('format.datetime.bad', { text: input.value.trim() }) }); return v || input.value.trim(); };
      const text = {};
      if (viText.value.trim()) text.vi = viText.value.trim();
      if (enText.value.trim()) text.en = enText.value.trim();
      if (!text.vi) problems.push({ field: 'welcome.text.vi', message: t('visit.welcome.needsVi') });
      return { problems, record: { id: '', text, starts: at(starts, 'welcome.starts'), ends: at(ends, 'welcome.ends'), itinerary: '' } };
    },
  };
}

async function showPreview(kind, id, into) {
  into.replaceChildren(h('p', { class: 'muted' }, t('preview.rendering')));
  const render = async (lang) => {
    const res = await fetch(`/api/v1/preview/${kind}/${encodeURIComponent(id)}?lang=${lang}`, { credentials: 'same-origin' });
    if (!res.ok) { const b = await res.json().catch(() => ({})); throw new Error(b.error || `HTTP ${res.status}`); }
    return URL.createObjectURL(await res.blob());
  };
  try {
    const [vi, en] = await Promise.all([render('vi'), render('en')]);
    into.replaceChildren(h('h3', {}, t('preview.title')),
      h('p', { class: 'muted' }, t('preview.vi')), h('img', { src: vi, alt: t('preview.vi.alt') }),
      h('p', { class: 'muted' }, t('preview.en')), h('img', { src: en, alt: t('preview.en.alt') }));
  } catch (e) { into.replaceChildren(h('p', { class: 'form-error' }, t('preview.unavailable', { reason: e.message }))); }
}

async function remove(kind, id) {
  if (!confirm(t('edit.confirmDelete', { one: t(KIND_PAGES[kind].one), id }))) return;
  try { await api('DELETE', `/content/${kind}/${encodeURIComponent(id)}`); toast(t('edit.deleted')); location.hash = kind; } catch (e) { toast(e.message, true); }
}

// ---- [SECTION] lists inside a record (exhibit steps and quiz, park facts and chain) ------
// Inputs inside a list item name their place in the item (data-rel "question.vi"); after
// every add, move or removal each gets its full field name (data-field "quiz[2].question.vi")
// and each error slot its data-error-for, so the API's field errors land at the right input.
let uid = 0;
const l10nOf = (vi, en) => { const r = {}; if (vi.value.trim()) r.vi = vi.value.trim(); if (en.value.trim()) r.en = en.value.trim(); return r; };
const relSlot = (rel) => h('div', { class: 'field-error', 'data-rel-error': rel });
const relLabel = (label, input) => h('label', {}, label, input, relSlot(input.dataset.rel));
function slugOf(words) {
  return (words || '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase()
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 64);
}

// A Vietnamese and an English text side by side, like the record's own l10n fields.
function relPair(label, value, rel, long) {
  const key = (lang) => (rel ? `${rel}.${lang}` : lang);
  const make = (lang) => (long ? h('textarea', { 'data-rel': key(lang) }, (value && value[lang]) || '') :
    h('input', { 'data-rel': key(lang), value: (value && value[lang]) || '' }));
  const vi = make('vi'); const en = make('en');
  const el = h('div', { class: 'pair' },
    h('label', {}, h('span', {}, label, h('span', { class: 'lang' }, t('lang.vi'))), vi, relSlot(key('vi'))),
    h('label', {}, h('span', {}, label, h('span', { class: 'lang' }, t('lang.en'))), en, relSlot(key('en'))));
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
        compact ? null : h('button', { type: 'button', title: t('list.up'), 'aria-label': t('list.up'), onclick: () => move(-1) }, '↑'),
        compact ? null : h('button', { type: 'button', title: t('list.down'), 'aria-label': t('list.down'), onclick: () => move(1) }, '↓'),
        h('button', { type: 'button', class: 'danger', title: t('list.remove'), 'aria-label': t('list.remove'), onclick: () => { rows.splice(rows.indexOf(row), 1); redraw(); } }, '✕')));
    rows.push(row);
    redraw();
    return row;
  }
  items.forEach((v) => append(v));
  const button = h('button', { type: 'button', 'data-testid': testid, onclick: () => { const row = append({}); const first = row.el.querySelector('input:not([type=radio]):not([type=checkbox]), textarea'); if (first) first.focus(); } }, add);
  return { el: h('div', {}, list, button), rows, read: () => rows.map((r) => r.read()), rename: (p) => { base = p; redraw(); } };
}

function stepItem(step) {
  const pair = relPair(t('item.step'), step, '');
  return { body: pair.el, read: pair.read };
}

function quizItem(q) {
  const group = `right-answer-${++uid}`;
  const question = relPair(t('item.question'), q.question, 'question');
  const choices = repeater({ items: q.choices || [{}, {}], make: (c, i) => choiceItem(c, group, i === q.answer),
    add: t('item.choice.add'), testid: 'add-choice', mark: (i) => String.fromCharCode(65 + i), compact: true });
  const explanation = relPair(t('item.explanation'), q.explanation, 'explanation', true);
  const body = [question.el,
    h('div', { class: 'choices', 'data-rel': 'answer' }, h('div', { class: 'sub-label' }, t('item.choices')), choices.el,
      relSlot('choices'), relSlot('answer')),
    explanation.el];
  return { body, subs: [['choices', choices]], read: () => ({ question: question.read(), choices: choices.read(),
    answer: choices.rows.findIndex((r) => r.radio.checked), explanation: explanation.read() }) };
}

function choiceItem(choice, group, right) {
  const radio = h('input', { type: 'radio', name: group, checked: right, 'aria-label': t('item.rightAnswer') });
  const vi = h('input', { 'data-rel': 'vi', value: choice.vi || '', placeholder: t('item.choice.vi'), 'aria-label': t('item.choice.vi') });
  const en = h('input', { 'data-rel': 'en', value: choice.en || '', placeholder: t('item.choice.en'), 'aria-label': t('item.choice.en') });
  return { radio, body: h('div', { class: 'choice' }, h('label', { class: 'right', title: t('item.rightAnswer') }, radio, t('item.right')),
    h('div', {}, vi, relSlot('vi')), h('div', {}, en, relSlot('en'))), read: () => l10nOf(vi, en) };
}

// An id typed by hand, or made from the English (else Vietnamese) text when left empty.
function idInput(value, from) {
  const el = h('input', { 'data-rel': 'id', value: value || '', placeholder: t('item.id.placeholder') });
  return { el, read: () => { if (!el.value.trim()) { const words = from(); el.value = slugOf(words.en || words.vi); } return el.value.trim(); } };
}

function factItem(fact) {
  const label = relPair(t('item.label'), fact.label, 'label');
  const value = relPair(t('item.value'), fact.value, 'value');
  const id = idInput(fact.id, label.read);
  const source = sourceInput(fact.source);
  const asOf = asOfInput(fact.asOf);
  return { body: [h('div', { class: 'row' }, relLabel(t('f.id'), id.el), relLabel(t('f.source'), source.el),
    relLabel(t('item.asOf'), asOf.el)), label.el, value.el],
    read: () => ({ id: id.read(), label: label.read(), value: value.read(), source: source.read(), asOf: asOf.read() }) };
}

// The documents an item cites, "001, 004".
function sourceInput(value) {
  const el = h('input', { 'data-rel': 'source', value: value || '', placeholder: t('item.source.placeholder') });
  return { el, read: () => el.value.trim() };
}

// The year a document states a figure or a list for; empty when it states none (kept as 0).
function asOfInput(value) {
  const el = h('input', { 'data-rel': 'asOf', type: 'number', min: 1900, max: 2200, step: 1, value: value ? String(value) : '',
    placeholder: t('item.asOf.placeholder'), title: t('item.asOf.hint') });
  return { el, read: () => (el.value.trim() === '' ? 0 : Number(el.value)) };
}

function chainItem(member) {
  const name = relPair(t('f.name'), member.name, 'name');
  const location = relPair(t('item.location'), member.location, 'location');
  const id = idInput(member.id, name.read);
  const planned = h('input', { type: 'checkbox', 'data-rel': 'official', checked: member.official === false });
  const source = sourceInput(member.source);
  const asOf = asOfInput(member.asOf);
  return { body: [h('div', { class: 'row' }, relLabel(t('f.id'), id.el), relLabel(t('f.source'), source.el),
    relLabel(t('item.asOf'), asOf.el)),
    h('label', { class: 'check' }, planned, t('item.planned'), relSlot('official')), name.el, location.el],
    read: () => ({ id: id.read(), name: name.read(), location: location.read(), official: !planned.checked,
      source: source.read(), asOf: asOf.read() }) };
}

// ---- [SECTION] content pages -----------------------------------------------------------
// One page of a kind's records at a time. The hub filters (names without regard to accents
// or case; descriptions and websites only when asked), sorts with the Vietnamese collator
// and counts; the page keeps each list's filter, order and position while it is open.
const LIST_PAGE = 50;  // records per page
const listState = {};  // kind -> { q, descriptions, building, sector, sort, offset }
// A record's value as its list shows it: names in the page's language, dates as dd/mm/yyyy.
function listCell(kind, column, r) {
  const v = r[column];
  if (column === 'place') return placeName(v);
  if (column === 'theme') { const th = state.themes.find((x) => x.id === v); return th ? local(th.name) : v; }
  if (column === 'kind') return enumText('placeKind', v);
  if (column === 'starts' || column === 'ends') return showDayClock(v);
  if (column === 'audience') return audienceText(r);
  if (column === 'date') return kind === 'milestones' || kind === 'sources' ? showMilestoneDate(v) : showDay(v);
  return typeof v === 'object' && v !== null ? local(v) : v;
}

async function pageList(kind) {
  const view = claimMain();
  const k = KIND_PAGES[kind];
  const st = listState[kind] || (listState[kind] = { q: '', descriptions: false, building: '', sector: '', sort: k.defaultSort || '', offset: 0 });
  const filter = h('input', { type: 'search', value: st.q, placeholder: t('list.filter', { what: t(k.title) }), 'aria-label': t('list.filter.label'), 'data-testid': 'list-filter' });
  const body = h('tbody');
  const count = h('span', { class: 'muted count', 'data-testid': 'list-count', 'aria-live': 'polite' });
  const prev = h('button', { type: 'button', 'data-testid': 'list-prev', onclick: () => { st.offset = Math.max(0, st.offset - LIST_PAGE); load(); } }, t('list.prev'));
  const next = h('button', { type: 'button', 'data-testid': 'list-next', onclick: () => { st.offset += LIST_PAGE; load(); } }, t('list.next'));
  const filters = [];
  if ((k.filters || []).includes('building')) {
    const buildings = state.places.filter((p) => p.kind === 'building');
    const sel = h('select', { 'aria-label': t('list.building'), 'data-testid': 'filter-building', onchange: () => { st.building = sel.value; st.offset = 0; load(); } },
      h('option', { value: '' }, t('list.building.any')), (buildings.length ? buildings : state.places).map((p) => h('option', { value: p.id, selected: p.id === st.building }, local(p.name) || p.id)));
    filters.push(sel);
  }
  if ((k.filters || []).includes('sector')) {
    const sel = h('select', { 'aria-label': t('list.sector'), 'data-testid': 'filter-sector', onchange: () => { st.sector = sel.value; st.offset = 0; load(); } },
      h('option', { value: '' }, t('list.sector.any')), state.sectors.map((x) => h('option', { value: x.id, selected: x.id === st.sector }, local(x.name) || x.id)));
    filters.push(sel);
  }
  const deep = h('input', { type: 'checkbox', checked: st.descriptions, 'data-testid': 'filter-descriptions', onchange: () => { st.descriptions = deep.checked; st.offset = 0; load(); } });
  filters.push(h('label', { class: 'check' }, deep, t('list.inDescriptions')));
  const sortable = k.sortable || [];
  const head = h('tr', {}, k.columns.map(([c, label]) => {
    if (!sortable.includes(c)) return h('th', {}, t(label));
    const mark = st.sort === c ? ' ▲' : st.sort === '-' + c ? ' ▼' : '';
    return h('th', { class: 'sortable', 'aria-sort': mark ? (st.sort[0] === '-' ? 'descending' : 'ascending') : 'none' },
      h('button', { type: 'button', class: 'link', 'data-sort': c, onclick: () => { st.sort = st.sort === c ? '-' + c : c; st.offset = 0; pageList(kind); } }, t(label), mark ? h('span', { 'aria-hidden': 'true' }, mark) : ''));
  }), h('th', {}, ''));
  let timer = null;
  filter.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(() => { st.q = filter.value.trim(); st.offset = 0; load(); }, 250); });
  let asked = 0;
  async function load() {
    const mine = ++asked;
    const params = new URLSearchParams({ offset: String(st.offset), limit: String(LIST_PAGE), lang: I18N.current() });
    if (st.q) params.set('q', st.q);
    if (st.descriptions) params.set('descriptions', '1');
    if (st.building) params.set('building', st.building);
    if (st.sector) params.set('sector', st.sector);
    if (st.sort) params.set('sort', st.sort);
    let page;
    try { page = await api('GET', `/content/${kind}?${params}`); } catch (e) { count.textContent = e.message; return; }
    if (mine !== asked) return;  // a later filter has been typed
    if (page.total && st.offset >= page.total) { st.offset = Math.floor((page.total - 1) / LIST_PAGE) * LIST_PAGE; load(); return; }
    body.replaceChildren(...(page.items.length ? page.items.map((r) =>
      h('tr', { class: 'clickable', onclick: () => { location.hash = `${kind}/${encodeURIComponent(r.id)}`; } },
        k.columns.map(([c]) => h('td', { class: 'rec' }, listCell(kind, c, r))),
        h('td', {}, r.sample ? h('span', { class: 'badge' }, t('list.sample')) : ''))) :
      [h('tr', {}, h('td', { colspan: k.columns.length + 1, class: 'muted' }, page.all ? t('list.noMatch') : t('list.empty')))]));
    count.textContent = page.total ? t('list.count', { from: st.offset + 1, to: st.offset + page.items.length, total: page.total }) : t('list.countNone');
    prev.disabled = st.offset === 0;
    next.disabled = st.offset + page.items.length >= page.total;
  }
  const extra = kind === 'tenants' ? csvTools() : null;
  view.replaceChildren(...[
    h('div', { class: 'toolbar' }, h('h2', {}, t(k.title)), h('span', { class: 'spacer' }), filter,
      h('a', { href: `#${kind}/new` }, h('button', { class: 'primary' }, t('list.new', { one: t(k.one) })))),
    h('div', { class: 'toolbar filters' }, filters),
    extra,
    h('table', {}, h('thead', {}, head), body),
    h('div', { class: 'toolbar pager' }, prev, count, next),
  ].filter(Boolean));
  await load();
}

const placeName = (id) => { const p = state.places.find((x) => x.id === id); return p ? local(p.name) : id; };

function csvTools() {
  const report = h('div');
  const file = h('input', { type: 'file', accept: '.csv,text/csv', 'aria-label': t('csv.file') });
  const exportButton = h('button', { type: 'button', onclick: async () => {
    const res = await fetch('/api/v1/tenants.csv', { credentials: 'same-origin' });
    const a = h('a', { href: URL.createObjectURL(await res.blob()), download: 'tenants.csv' });
    document.body.append(a); a.click(); a.remove();
  } }, t('csv.export'));
  file.addEventListener('change', async () => {
    const f = file.files[0];
    if (!f) return;
    try {
      const r = await api('POST', '/tenants.csv', await f.text(), 'text/csv');
      report.replaceChildren(h('p', { class: 'badge ok' }, t('csv.imported', { imported: r.imported, added: r.added, updated: r.updated })));
      setTimeout(() => pageList('tenants'), 1200);
    } catch (e) {
      const errs = (e.body && e.body.errors) || [{ field: '', message: e.message }];
      report.replaceChildren(h('div', { class: 'card' }, h('p', { class: 'form-error' }, t('csv.nothing')),
        h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, t('csv.line')), h('th', {}, t('csv.column')), h('th', {}, t('csv.problem')))),
          h('tbody', {}, errs.map((x) => h('tr', {}, h('td', {}, x.line || ''), h('td', { class: 'rec' }, x.column ? x.field.replace(/^.*\(|\)$/g, '') + ` (${x.column})` : ''), h('td', {}, I18N.serverText(x))))))));
    }
    file.value = '';
  });
  return h('div', { class: 'toolbar' }, exportButton, h('label', { class: 'muted' }, t('csv.import'), file), report);
}

async function pagePark() {
  const view = claimMain();
  const park = await api('GET', '/content/park');
  const { nodes, read } = buildFields(formFields('park'), park, false);
  const top = h('p', { class: 'form-error', role: 'alert' });
  const form = h('form', { class: 'form card', novalidate: true }, top, nodes, h('div', { class: 'toolbar' }, h('button', { class: 'primary', type: 'submit' }, t('edit.save'))));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const body = Object.assign({}, park, read());
    // Chain members are stored by id, so two with one id are refused here, at the second one.
    const twins = body.chain.map((m, i) => [m.id, i]).filter(([mid], i, all) => all.findIndex(([other]) => other === mid) !== i)
      .map(([mid, i]) => ({ field: `chain[${i}].id`, message: t('park.twin', { id: mid }) }));
    if (twins.length) { showErrors(form, top, twins); toast(t('edit.attention'), true); return; }
    try { await api('PUT', '/content/park', body); showErrors(form, top, []); toast(t('park.saved')); } catch (e) {
      if (e.status === 422) { showErrors(form, top, e.body.errors || []); toast(t('edit.attention'), true); } else toast(e.message, true);
    }
  });
  view.replaceChildren(h('h2', {}, t('park.title')), form);
}

// ---- [SECTION] publish, fleet, usage, accounts, audit, your account ---------------------
// Shows a new kiosk report key once, with where it goes on the kiosk.
function kioskKeyNotice(id, key) {
  const code = h('code', { class: 'token', 'data-testid': 'kiosk-key' }, key);
  return h('div', { class: 'notice' }, h('strong', {}, t('fleet.key.title', { id })),
    h('p', {}, t('fleet.key.where'), ' ', h('code', {}, `report_key = "${key}"`), ' ', t('fleet.key.beside'), ' ', h('code', {}, `kiosk_id = "${id}"`), t('fleet.key.restart')),
    code,
    h('div', {}, h('button', { type: 'button', onclick: async () => { try { await navigator.clipboard.writeText(key); toast(t('copy.done')); } catch { toast(t('copy.failed'), true); } } }, t('copy.button'))));
}

async function pageFleet(shown) {
  const view = claimMain();
  const data = await api('GET', '/kiosks');
  const stale = data.kiosks.filter((k) => k.stale).length;
  const forget = async (id) => { if (confirm(t('fleet.confirmForget', { id }))) { await api('DELETE', `/kiosks/${encodeURIComponent(id)}`); pageFleet(); } };
  const pair = async (id) => {
    const k = await api('POST', '/kiosks', { id });
    await pageFleet(kioskKeyNotice(k.id, k.key));
  };
  const newKey = async (id) => {
    if (!confirm(t('fleet.confirmNewKey', { id }))) return;
    try { await pair(id); } catch (e) { toast(e.message, true); }
  };
  let pairCard = '';
  if (can('admin')) {
    const id = h('input', { name: 'kioskId', 'data-field': 'id', placeholder: t('fleet.pair.placeholder') });
    const top = h('p', { class: 'form-error', role: 'alert' });
    pairCard = h('form', { class: 'card form', novalidate: true, 'data-testid': 'pair-form' }, h('h3', {}, t('fleet.pair.title')),
      h('p', { class: 'muted' }, t('fleet.pair.hint')),
      top, h('div', { class: 'row' }, fieldLabel(t('fleet.pair.id'), id)), h('div', {}, h('button', { class: 'primary', type: 'submit' }, t('fleet.pair.submit'))));
    pairCard.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      try { await pair(id.value.trim()); } catch (e) { if (e.status === 422) showErrors(pairCard, top, e.body.errors || []); else top.textContent = e.message; }
    });
  }
  const contact = (k) => k.reports ? h('td', { title: when(k.lastContact) }, ago(k.secondsSinceContact)) : h('td', { class: 'muted' }, t('fleet.never'));
  view.replaceChildren(h('div', { class: 'toolbar' }, h('h2', {}, t('nav.fleet')), h('span', { class: 'spacer' }), h('button', { onclick: () => pageFleet() }, t('fleet.refresh'))),
    shown instanceof Node ? h('div', { class: 'stack spaced' }, shown) : '',
    (data.warnings || []).map((w) => h('p', { class: 'card warning', role: 'alert', 'data-testid': 'fleet-warning' }, w)),
    h('div', { class: 'grid2' }, h('div', { class: 'card' }, h('div', { class: 'muted' }, t('fleet.kiosks')), h('div', { class: 'stat' }, data.kiosks.length)),
      h('div', { class: 'card' }, h('div', { class: 'muted' }, t('fleet.stale', { min: Math.round(data.staleAfterSeconds / 60) })), h('div', { class: 'stat' }, stale))),
    h('h3', {}, data.publishedVersion ? t('fleet.published', { version: data.publishedVersion }) : t('fleet.publishedNone')),
    data.timestamp && data.timestamp.published ? h('p', { class: 'muted' }, t('fleet.timestamp', { until: when(data.timestamp.expires) })) : '',
    h('table', {}, h('thead', {}, h('tr', {}, ['fleet.col.kiosk', 'fleet.col.version', 'fleet.col.contact', 'fleet.col.result', 'fleet.col.disk', ''].map((key) => h('th', {}, key && t(key))))),
      h('tbody', {}, data.kiosks.length ? data.kiosks.map((k) => h('tr', { class: k.stale ? 'stale' : '' },
        h('td', {}, h('strong', {}, k.id), k.stale ? [' ', h('span', { class: 'badge warn' }, k.reports ? t('fleet.notSeen') : t('fleet.waiting'))] : '',
          k.paired ? '' : [' ', h('span', { class: 'badge bad' }, t('fleet.notPaired'))]),
        h('td', {}, k.reports ? [String(k.contentVersion), ' ', k.current ? h('span', { class: 'badge ok' }, t('fleet.current')) : h('span', { class: 'badge warn' }, t('fleet.behind'))] : '—'),
        contact(k),
        h('td', {}, k.lastResult ? h('span', { class: 'badge ' + (k.lastResult === 'failed' || k.lastResult === 'expired' ? 'bad' : 'ok') }, enumText('syncResult', k.lastResult)) : '', k.lastMessage ? h('div', { class: 'muted rec' }, k.lastMessage) : ''),
        h('td', {}, k.reports ? bytes(k.freeDiskBytes) : ''),
        h('td', {}, can('admin') ? [h('button', { class: 'link', onclick: () => newKey(k.id) }, k.paired ? t('fleet.newKey') : t('fleet.pair')), ' ',
          h('button', { class: 'link', onclick: () => forget(k.id) }, t('fleet.forget'))] : ''))) :
        h('tr', {}, h('td', { colspan: 6, class: 'muted' }, t('fleet.none'))))),
    pairCard ? h('div', { class: 'stack spaced' }, pairCard) : '',
    Profiles.card(),
    Signing.card(),  // signing.js: the key kiosks check versions with, beside pairing
    Fleet.parts(data, () => pageFleet()));  // fleet.js: pairing by code, announcements, sync now, screenshots
}

// Kiosks send what visitors typed: a name is shown on one line and cut, its whole text in the tooltip.
const shorten = (text) => { const line = String(text).replace(/[\u0000-\u001f\u007f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, ' '); return line.length > 80 ? line.slice(0, 79) + '…' : line; };

async function pageAccounts() {
  const view = claimMain();
  const list = await api('GET', '/accounts');
  const roleSelect = (value, attrs) => h('select', attrs || {}, ['editor', 'publisher', 'admin'].map((r) => h('option', { value: r, selected: r === value }, t('role.' + r))));
  const name = h('input', { name: 'name', 'data-field': 'name' }); const pass = h('input', { name: 'password', type: 'password', 'data-field': 'password', autocomplete: 'new-password' });
  const role = roleSelect('editor', { 'data-field': 'role' });
  const top = h('p', { class: 'form-error' });
  const form = h('form', { class: 'card form' }, h('h3', {}, t('accounts.add.title')), top,
    h('div', { class: 'row' }, h('label', {}, t('login.name'), name, h('div', { class: 'field-error', 'data-error-for': 'name' })),
      h('label', {}, t('accounts.role'), role, h('div', { class: 'field-error', 'data-error-for': 'role' })),
      h('label', {}, t('accounts.password', { min: limits().password.minLength }), pass, h('div', { class: 'field-error', 'data-error-for': 'password' }))),
    h('div', {}, h('button', { class: 'primary', type: 'submit' }, t('accounts.add.submit'))));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (pass.value.length < limits().password.minLength) { showErrors(form, top, [tooShort()]); return; }
    try { await api('POST', '/accounts', { name: name.value.trim(), role: role.value, password: pass.value }); toast(t('accounts.added')); pageAccounts(); } catch (e) { if (e.status === 422) showErrors(form, top, e.body.errors); else top.textContent = e.message; }
  });
  view.replaceChildren(h('h2', {}, t('nav.accounts')),
    h('table', {}, h('thead', {}, h('tr', {}, ['login.name', 'accounts.role', 'accounts.created', ''].map((key) => h('th', {}, key && t(key))))),
      h('tbody', {}, list.map((a) => {
        const sel = roleSelect(a.role, { onchange: async () => { try { await api('PUT', `/accounts/${a.name}`, { role: sel.value }); toast(t('accounts.roleChanged')); } catch (e) { toast(e.message, true); pageAccounts(); } } });
        return h('tr', {}, h('td', { class: 'rec' }, h('strong', {}, a.name)), h('td', {}, sel), h('td', {}, when(a.created)),
          h('td', {}, a.name === state.user ? h('span', { class: 'muted' }, t('accounts.you')) : h('button', { class: 'danger', onclick: async () => { if (confirm(t('accounts.confirmRemove', { name: a.name }))) { try { await api('DELETE', `/accounts/${a.name}`); pageAccounts(); } catch (e) { toast(e.message, true); } } } }, t('accounts.remove'))));
      }))), form);
}

// The hub's page of entries (limits().auditPageSize), newest first; #audit/N shows the
// entries before entry N.
async function pageAudit(from) {
  const view = claimMain();
  const AUDIT_PAGE = limits().auditPageSize;
  const before = /^\d+$/.test(from || '') ? Number(from) : 0;
  const log = await api('GET', '/audit' + (before ? `?before=${before}` : ''));
  const fmt = (v) => (v === null ? '' : h('pre', { class: 'diff' }, JSON.stringify(v, null, 1)));
  const go = (n) => { location.hash = n ? `audit/${n}` : 'audit'; };
  const pager = () => h('div', { class: 'toolbar pager' },
    h('button', { type: 'button', disabled: !before, onclick: () => go(0) }, t('audit.newest')),
    h('button', { type: 'button', disabled: !before, 'data-testid': 'audit-newer', onclick: () => go(before + AUDIT_PAGE) }, t('audit.newer')),
    h('span', { class: 'muted' }, log.length ? t('audit.entries', { from: log[0].id, to: log[log.length - 1].id }) : t('audit.noEntries')),
    h('button', { type: 'button', disabled: log.length < AUDIT_PAGE, 'data-testid': 'audit-older', onclick: () => go(log[log.length - 1].id) }, t('audit.older')));
  const what = (e) => [h('span', {}, I18N.has('audit.action.' + e.action) ? t('audit.action.' + e.action) : e.action), ' ',
    h('span', {}, I18N.has('audit.kind.' + e.kind) ? t('audit.kind.' + e.kind) : e.kind), ' ', h('span', { class: 'rec' }, e.recordId)];
  view.replaceChildren(h('div', { class: 'toolbar' }, h('h2', {}, t('nav.audit')), h('span', { class: 'spacer' }), pager()),
    h('table', {}, h('thead', {}, h('tr', {}, ['#', 'audit.when', 'audit.who', 'audit.what', 'audit.before', 'audit.after'].map((key) => h('th', {}, key === '#' ? key : t(key))))),
      h('tbody', {}, log.length ? log.map((e) => h('tr', {}, h('td', { class: 'muted' }, e.id), h('td', {}, when(e.at)), h('td', { class: 'rec' }, e.user),
        h('td', {}, what(e)), h('td', { class: 'rec' }, fmt(e.before)), h('td', { class: 'rec' }, fmt(e.after)))) :
        h('tr', {}, h('td', { colspan: 6, class: 'muted' }, before ? t('audit.noOlder') : t('audit.nothing'))))),
    log.length >= 10 ? pager() : '');
}

// The hub's own words for a short password, said before the password leaves the page.
const tooShort = () => ({ field: 'password', message: t('password.tooShort', { min: limits().password.minLength }) });
const fieldLabel = (label, input) => h('label', {}, label, input, h('div', { class: 'field-error', 'data-error-for': input.dataset.field }));

// Your own password and API tokens; every role has this page.
async function pageMe() {
  const view = claimMain();
  const tokens = await api('GET', '/tokens');
  const current = h('input', { type: 'password', name: 'current', 'data-field': 'current', autocomplete: 'current-password' });
  const pass = h('input', { type: 'password', name: 'password', 'data-field': 'password', autocomplete: 'new-password' });
  const again = h('input', { type: 'password', name: 'again', 'data-field': 'again', autocomplete: 'new-password' });
  const passTop = h('p', { class: 'form-error', role: 'alert' });
  const passForm = h('form', { class: 'card form', novalidate: true, 'data-testid': 'password-form' }, h('h3', {}, t('me.password.title')),
    h('p', { class: 'muted' }, t('me.password.hint')), passTop,
    h('div', { class: 'row' }, fieldLabel(t('me.password.current'), current), fieldLabel(t('me.password.new', { min: limits().password.minLength }), pass), fieldLabel(t('me.password.again'), again)),
    h('div', {}, h('button', { class: 'primary', type: 'submit' }, t('me.password.submit'))));
  passForm.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (pass.value.length < limits().password.minLength) { showErrors(passForm, passTop, [tooShort()]); return; }
    if (pass.value !== again.value) { showErrors(passForm, passTop, [{ field: 'again', message: t('me.password.mismatch') }]); return; }
    try {
      const r = await api('PUT', '/me/password', { current: current.value, password: pass.value });
      state.csrf = null;
      showLogin();
      toast(t('me.password.changed') + (r.revokedTokens ? ' ' + t('me.password.revoked', { count: r.revokedTokens }) : ''));
    } catch (e) { if (e.status === 422) showErrors(passForm, passTop, e.body.errors || []); else passTop.textContent = e.message; }
  });

  const rows = h('tbody');
  const expiry = (tk) => (tk.expires ? [when(tk.expires), tk.expired ? [' ', h('span', { class: 'badge bad' }, t('me.token.expired'))] : ''] : t('me.token.never'));
  const drawTokens = (list) => rows.replaceChildren(...(list.length ? list.map((tk) => h('tr', {}, h('td', { class: 'rec' }, h('strong', {}, tk.label)), h('td', {}, when(tk.created)),
    h('td', {}, expiry(tk)),
    h('td', {}, h('button', { type: 'button', class: 'danger', onclick: () => revoke(tk) }, t('me.token.revoke'))))) :
    [h('tr', {}, h('td', { colspan: 4, class: 'muted' }, t('me.token.none')))]));
  const refresh = async () => drawTokens(await api('GET', '/tokens'));
  const revoke = async (tk) => {
    if (!confirm(t('me.token.confirmRevoke', { label: tk.label }))) return;
    try { await api('DELETE', `/tokens/${tk.id}`); created.replaceChildren(); toast(t('me.token.revoked')); await refresh(); } catch (e) { toast(e.message, true); }
  };
  drawTokens(tokens);
  const label = h('input', { name: 'label', 'data-field': 'label', placeholder: t('me.token.label.placeholder') });
  const days = h('input', { name: 'expiresInDays', 'data-field': 'expiresInDays', type: 'number', min: 1, max: 3650, placeholder: t('me.token.days.placeholder') });
  const tokenTop = h('p', { class: 'form-error', role: 'alert' });
  const created = h('div');
  const tokenForm = h('form', { class: 'card form', novalidate: true, 'data-testid': 'token-form' }, h('h3', {}, t('me.token.title')),
    h('p', { class: 'muted' }, t('me.token.hint')),
    h('table', {}, h('thead', {}, h('tr', {}, ['me.token.label', 'accounts.created', 'me.token.expires', ''].map((key) => h('th', {}, key && t(key))))), rows),
    tokenTop, h('div', { class: 'row' }, fieldLabel(t('me.token.newLabel'), label), fieldLabel(t('me.token.days'), days)),
    h('div', {}, h('button', { class: 'primary', type: 'submit' }, t('me.token.create'))), created);
  tokenForm.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      const body = { label: label.value.trim() };
      if (days.value.trim() !== '') body.expiresInDays = Number(days.value);
      const tk = await api('POST', '/tokens', body);
      showErrors(tokenForm, tokenTop, []);
      label.value = '';
      const code = h('code', { class: 'token', 'data-testid': 'new-token' }, tk.token);
      created.replaceChildren(h('div', { class: 'notice' }, h('strong', {}, t('me.token.made', { label: tk.label })),
        h('p', {}, t('me.token.once')), code,
        h('div', {}, h('button', { type: 'button', onclick: async () => { try { await navigator.clipboard.writeText(tk.token); toast(t('copy.done')); } catch { toast(t('copy.failed'), true); } } }, t('copy.button')))));
      await refresh();
    } catch (e) { if (e.status === 422) showErrors(tokenForm, tokenTop, e.body.errors || []); else tokenTop.textContent = e.message; }
  });
  view.replaceChildren(h('h2', {}, t('me.title', { name: state.user })), h('div', { class: 'stack' }, passForm, tokenForm));
}

start();
