// The admin page's words in the page's language. Each language is a catalogue of keys and
// texts in lang/<code>.json; lang/languages.json lists them (the first or "default" one is
// used until someone chooses). A third language is a new catalogue and a line in that list.
//
//   t('list.count', { from: 1, to: 50, total: 506 })   // "{from}–{to} / {total}" filled in
//   serverText(issue)   // a hub message {code, params, message} in the page's language
//
// The choice is kept in localStorage (so the sign-in page follows it) and, once signed in,
// on the account (PUT /api/v1/me/language), which wins on the next sign-in anywhere.
'use strict';

const I18N = (() => {
  const STORE_KEY = 'qtsc.hub.language';
  const state = { list: [], fallback: 'vi', code: 'vi', catalogue: {}, fallbackCatalogue: {}, listeners: [] };

  async function fetchJson(path) {
    const res = await fetch(path, { credentials: 'same-origin' });
    if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
    return res.json();
  }
  const known = (code) => state.list.some((l) => l.code === code);

  // Reads the list of languages and the catalogue of `wanted` (or the last choice on this
  // browser, or the default).
  async function init(wanted) {
    const index = await fetchJson('/lang/languages.json');
    state.list = index.languages || [];
    state.fallback = index.default || (state.list[0] && state.list[0].code) || 'vi';
    state.fallbackCatalogue = await fetchJson(`/lang/${state.fallback}.json`);
    let stored = null;
    try { stored = localStorage.getItem(STORE_KEY); } catch { /* storage may be off */ }
    await use(known(wanted) ? wanted : known(stored) ? stored : state.fallback);
  }

  // Switches the page's words (and <html lang>) to `code`; listeners redraw.
  async function use(code) {
    if (!known(code)) code = state.fallback;
    state.catalogue = code === state.fallback ? state.fallbackCatalogue : await fetchJson(`/lang/${code}.json`);
    state.code = code;
    document.documentElement.lang = code;
    try { localStorage.setItem(STORE_KEY, code); } catch { /* storage may be off */ }
    translateStatic(document);
    for (const fn of state.listeners) fn(code);
  }

  // The text of `key` with each {name} replaced by params[name]. A key missing from the
  // catalogue falls back to the default language, then shows the key itself.
  function t(key, params) {
    let s = state.catalogue[key];
    if (s === undefined) s = state.fallbackCatalogue[key];
    if (s === undefined) {
      if (!t.missing.has(key)) { t.missing.add(key); console.warn(`i18n: no text for "${key}"`); }
      s = key;
    }
    return params ? s.replace(/\{(\w+)\}/g, (m, name) => (params[name] !== undefined && params[name] !== null ? String(params[name]) : m)) : s;
  }
  t.missing = new Set();

  // Whether the catalogue (or the default one) has `key`.
  const has = (key) => state.catalogue[key] !== undefined || state.fallbackCatalogue[key] !== undefined;

  // A message of the hub: its code and parameters in the page's language
  // (catalogue key "server.<code>"), or its English text when the catalogue lacks the code.
  function serverText(m) {
    if (!m) return '';
    if (typeof m === 'string') return m;
    if (m.code && has('server.' + m.code)) {
      const params = {};
      for (const [k, v] of Object.entries(m.params || {})) params[k] = has('server.param.' + v) ? t('server.param.' + v) : v;
      return t('server.' + m.code, params);
    }
    return m.message || m.error || '';
  }

  // Elements of index.html carry their key: data-i18n (text), data-i18n-placeholder,
  // data-i18n-title, data-i18n-aria-label.
  function translateStatic(root) {
    for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
    for (const [attr, data] of [['placeholder', 'i18nPlaceholder'], ['title', 'i18nTitle'], ['aria-label', 'i18nAriaLabel']])
      for (const el of root.querySelectorAll(`[data-i18n-${attr}]`)) el.setAttribute(attr, t(el.dataset[data]));
    const title = document.querySelector('title[data-i18n]');
    if (title) document.title = t(title.dataset.i18n);
  }

  return {
    init, use, t, has, serverText, translateStatic,
    current: () => state.code,
    locale: () => (state.list.find((l) => l.code === state.code) || {}).locale || state.code,
    languages: () => state.list.slice(),
    onChange: (fn) => state.listeners.push(fn),
  };
})();

const t = I18N.t;
