// The fleet page's live parts: pairing a kiosk by the code on its screen, announcements to
// all kiosks, a group or single kiosks, and per kiosk "sync now", a screenshot with its time,
// uptime, software version and recent warnings. app.js's pageFleet calls Fleet.parts(data,
// redraw) once it has GET /api/v1/kiosks; every text comes from t() (lang/*.json, "fleetLive.*").
'use strict';

const Fleet = (() => {
  const enc = encodeURIComponent;

  function failure(e) {
    if (e && e.body && e.body.errors) return e.body.errors.map((x) => (x.field ? `${x.field}: ` : '') + I18N.serverText(x)).join('\n');
    return (e && e.body && e.body.error) || (e && e.message) || String(e);
  }

  // ---- pairing by code (admins) ----
  function pairingForm(redraw) {
    const code = h('input', { name: 'pairingCode', 'data-field': 'code', placeholder: 'ABCD-EFGH', autocomplete: 'off', spellcheck: 'false', maxlength: 12 });
    const id = h('input', { name: 'pairingId', 'data-field': 'id', placeholder: t('fleetLive.pair.idPlaceholder') });
    const top = h('p', { class: 'form-error', role: 'alert' });
    const form = h('form', { class: 'card form', novalidate: true, 'data-testid': 'pair-code-form' },
      h('h3', {}, t('fleetLive.pair.title')), h('p', { class: 'muted' }, t('fleetLive.pair.hint')), top,
      h('div', { class: 'row' }, fieldLabel(t('fleetLive.pair.code'), code), fieldLabel(t('fleetLive.pair.id'), id)),
      h('div', {}, h('button', { class: 'primary', type: 'submit' }, t('fleetLive.pair.submit'))));
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const body = { code: code.value.trim() };
      if (id.value.trim()) body.id = id.value.trim();
      try {
        const r = await api('POST', '/pairing/claim', body);
        toast(r.replaced ? t('fleetLive.pair.replaced', { id: r.id }) : t('fleetLive.pair.done', { id: r.id }));
        redraw();
      } catch (e) {
        if (e.status === 422) showErrors(form, top, e.body.errors || []); else top.textContent = failure(e);
      }
    });
    return form;
  }

  // ---- announcements (publishers post; everyone sees them) ----
  function targetText(a) {
    if (a.target.all) return t('fleetLive.ann.toAll');
    return [...a.target.groups.map((g) => t('fleetLive.ann.group', { name: g })), ...a.target.kiosks].join(', ');
  }

  async function announcements(kiosks, redraw) {
    const data = await api('GET', '/announcements');
    const list = h('table', { 'data-testid': 'announcements' },
      h('thead', {}, h('tr', {}, [t('fleetLive.ann.text'), t('fleetLive.ann.target'), t('fleetLive.ann.ends'), ''].map((x) => h('th', {}, x)))),
      h('tbody', {}, data.announcements.length ? data.announcements.map((a) => h('tr', {},
        h('td', {}, h('div', {}, a.text.vi), h('div', { class: 'muted' }, a.text.en)),
        h('td', {}, targetText(a)), h('td', {}, when(a.ends)),
        h('td', {}, can('publisher') ? h('button', { class: 'link', onclick: async () => {
          if (!confirm(t('fleetLive.ann.confirmWithdraw'))) return;
          try { await api('DELETE', `/announcements/${enc(a.id)}`); redraw(); } catch (e) { toast(failure(e), true); }
        } }, t('fleetLive.ann.withdraw')) : ''))) :
        h('tr', {}, h('td', { colspan: 4, class: 'muted' }, t('fleetLive.ann.none')))));
    if (!can('publisher')) return [h('h3', {}, t('fleetLive.ann.title')), list];

    const vi = h('textarea', { name: 'annVi', 'data-field': 'text.vi', rows: 2, maxlength: data.maxTextBytes });
    const en = h('textarea', { name: 'annEn', 'data-field': 'text.en', rows: 2, maxlength: data.maxTextBytes });
    const hours = h('input', { name: 'annHours', 'data-field': 'ends', type: 'number', min: 0.25, step: 0.25, value: 4 });
    const groups = [...new Set(kiosks.map((k) => k.status && k.status.group).filter(Boolean))].sort();
    const target = h('select', { name: 'annTarget', 'data-field': 'target' },
      h('option', { value: 'all' }, t('fleetLive.ann.toAll')),
      groups.map((g) => h('option', { value: 'group:' + g }, t('fleetLive.ann.group', { name: g }))),
      kiosks.map((k) => h('option', { value: 'kiosk:' + k.id }, k.id)));
    const top = h('p', { class: 'form-error', role: 'alert' });
    const form = h('form', { class: 'card form', novalidate: true, 'data-testid': 'announcement-form' },
      h('h3', {}, t('fleetLive.ann.new')), h('p', { class: 'muted' }, t('fleetLive.ann.hint')), top,
      h('div', { class: 'row' }, fieldLabel(t('fleetLive.ann.vi'), vi), fieldLabel(t('fleetLive.ann.en'), en)),
      h('div', { class: 'row' }, fieldLabel(t('fleetLive.ann.hours'), hours), fieldLabel(t('fleetLive.ann.target'), target)),
      h('div', {}, h('button', { class: 'primary', type: 'submit' }, t('fleetLive.ann.post'))));
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const v = target.value;
      const body = { text: { vi: vi.value.trim(), en: en.value.trim() }, ends: Math.round(Date.now() / 1000 + Number(hours.value) * 3600),
        target: v === 'all' ? { all: true } : v.startsWith('group:') ? { groups: [v.slice(6)] } : { kiosks: [v.slice(6)] } };
      try { await api('POST', '/announcements', body); toast(t('fleetLive.ann.posted')); redraw(); } catch (e) {
        if (e.status === 422) showErrors(form, top, e.body.errors || []); else top.textContent = failure(e);
      }
    });
    return [h('h3', {}, t('fleetLive.ann.title')), list, form];
  }

  // ---- each kiosk now: sync now, screenshot, status ----
  function uptime(s) {
    if (s === undefined || s === null) return '—';
    return s < 3600 ? t('fleetLive.uptime.min', { n: Math.round(s / 60) }) : s < 172800 ? t('fleetLive.uptime.h', { n: Math.round(s / 3600) })
      : t('fleetLive.uptime.days', { n: Math.round(s / 86400) });
  }

  // "place:steamzone" as the page's name for the screen and the record it shows.
  const SCREENS = ['attract', 'home', 'history', 'milestone', 'directory', 'tenant', 'tours', 'itinerary', 'steamzone', 'exhibit',
    'quiz', 'map', 'place', 'chain', 'search', 'staff', 'closed'];
  function screenText(screen) {
    const at = screen.indexOf(':');
    const name = at < 0 ? screen : screen.slice(0, at);
    const shown = SCREENS.includes(name) ? h('strong', {}, t('fleetLive.screen.' + name)) : h('strong', { class: 'rec' }, name);
    return at < 0 ? shown : h('span', {}, shown, ' · ', h('span', { class: 'rec' }, screen.slice(at + 1)));
  }

  function liveRow(k, redraw) {
    const st = k.status || {};
    const ask = (what, said) => async () => {
      try { const r = await api('POST', `/kiosks/${enc(k.id)}/${what}`); toast(t(said, { id: k.id, s: r.withinSeconds })); } catch (e) { toast(failure(e), true); }
      redraw();
    };
    const shot = k.screenshotAt
      ? h('a', { href: `/api/v1/kiosks/${enc(k.id)}/screenshot.png?at=${k.screenshotAt}`, target: '_blank' },
        h('img', { class: 'kiosk-shot', alt: t('fleetLive.shot.alt', { id: k.id }), src: `/api/v1/kiosks/${enc(k.id)}/screenshot.png?at=${k.screenshotAt}` }))
      : h('span', { class: 'muted' }, t('fleetLive.shot.none'));
    return h('tr', { 'data-kiosk': k.id },
      h('td', {}, h('strong', {}, k.id), st.group ? h('div', { class: 'muted' }, t('fleetLive.ann.group', { name: st.group })) : '',
        st.profile ? h('div', { class: 'muted' }, t('fleetLive.profile'), ' ', h('span', { class: 'rec' }, st.profile)) : ''),
      h('td', {}, st.screen ? h('div', { 'data-testid': 'kiosk-screen' }, t('fleetLive.showing'), ' ', screenText(st.screen)) : '',
        shot, k.screenshotAt ? h('div', { class: 'muted' }, when(k.screenshotAt)) : '',
        k.screenshotPending ? h('div', {}, h('span', { class: 'badge warn' }, t('fleetLive.shot.pending'))) : ''),
      h('td', {}, k.reports ? [String(k.contentVersion), ' ', enumText('syncResult', k.lastResult)] : '—'),
      h('td', {}, uptime(st.uptimeSeconds), k.statusAt ? h('div', { class: 'muted' }, when(k.statusAt)) : ''),
      h('td', {}, k.reports ? bytes(k.freeDiskBytes) : '—'),
      h('td', {}, st.softwareVersion || '—'),
      h('td', {}, (st.warnings || []).length ? h('ul', { class: 'warnings' }, st.warnings.map((w) => h('li', {}, w))) : h('span', { class: 'muted' }, '—')),
      h('td', {}, k.paired ? [h('button', { 'data-testid': 'sync-now', onclick: ask('sync-now', 'fleetLive.syncAsked') }, t('fleetLive.syncNow')), ' ',
        h('button', { 'data-testid': 'screenshot', onclick: ask('screenshot-request', 'fleetLive.shotAsked') }, t('fleetLive.shot.ask'))] : ''));
  }

  // A box drawn at once and filled when the announcements have come (pageFleet is not kept waiting).
  function parts(data, redraw) {
    const box = h('div', { class: 'stack spaced', 'data-testid': 'fleet-parts' });
    fill(box, data, redraw).catch((e) => box.replaceChildren(h('p', { class: 'card warning', role: 'alert' }, failure(e))));
    return box;
  }

  async function fill(box, data, redraw) {
    const rows = data.kiosks.filter((k) => k.paired);
    const live = h('table', { 'data-testid': 'fleet-live' },
      h('thead', {}, h('tr', {}, ['kiosk', 'shot', 'version', 'uptime', 'disk', 'software', 'warnings', ''].map((c) => h('th', {}, c ? t('fleetLive.col.' + c) : '')))),
      h('tbody', {}, rows.length ? rows.map((k) => liveRow(k, redraw)) : h('tr', {}, h('td', { colspan: 8, class: 'muted' }, t('fleet.none')))));
    box.replaceChildren(h('h3', {}, t('fleetLive.title')), live,
      ...(await announcements(data.kiosks, redraw)),
      can('admin') ? pairingForm(redraw) : '');
  }

  return { parts };
})();
