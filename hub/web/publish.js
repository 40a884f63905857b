// The Publish page (#publish): what a publish changes on the kiosks (GET /api/v1/publish/preview:
// records added, changed field by field with before and after in both languages, removed,
// pictures added), publishing with a note, a warning before publishing nothing, editors'
// publish requests that a publisher approves or returns with a comment, and the versions with
// a rollback that first shows what it undoes (GET /api/v1/rollback/preview?version=N).
// app.js routes '#publish' to Publish.page(); every text comes from t() (lang/*.json, "pub.*").
'use strict';

const Publish = (() => {
  const text = (v) => {
    if (v === null || v === undefined || v === '') return h('span', { class: 'muted' }, t('pub.empty'));
    if (typeof v === 'object' && !Array.isArray(v) && ('vi' in v || 'en' in v))
      return h('span', { class: 'langs rec' }, ['vi', 'en'].map((l) => h('span', { class: 'lang-pair' }, h('b', {}, l.toUpperCase() + ' '), v[l] ? String(v[l]) : h('i', { class: 'muted' }, t('pub.empty')))));
    if (typeof v === 'object') return h('code', {}, JSON.stringify(v));
    return h('span', { class: 'rec' }, String(v));
  };
  const label = (r) => (r.label && (r.label[I18N.language ? I18N.language() : 'vi'] || r.label.vi || r.label.en)) || r.id;
  const kindName = (kind) => t('pub.kind.' + kind);

  // The diff as the page shows it; `what`: "publish" or "rollback".
  function diffView(d) {
    if (d.nothing) return h('p', { class: 'card warn', 'data-diff': 'nothing' }, t('pub.nothing'));
    const c = d.counts;
    const part = (key, list, cls) => list.length ? h('div', { class: 'diff-part ' + cls, 'data-diff': key },
      h('h4', {}, t('pub.' + key, { n: list.length })),
      h('ul', {}, list.map((r) => h('li', {}, h('span', { class: 'kind' }, kindName(r.kind)), ' ', h('strong', { class: 'rec' }, label(r)), ' ', h('code', { class: 'muted' }, r.id))))) : '';
    const changed = d.changed.length ? h('div', { class: 'diff-part changed', 'data-diff': 'changed' },
      h('h4', {}, t('pub.changed', { n: d.changed.length })),
      d.changed.map((r) => h('div', { class: 'diff-record' },
        h('p', {}, h('span', { class: 'kind' }, kindName(r.kind)), ' ', h('strong', { class: 'rec' }, label(r)), ' ', h('code', { class: 'muted' }, r.id)),
        h('table', { class: 'diff-fields' },
          h('thead', {}, h('tr', {}, h('th', {}, t('pub.field')), h('th', {}, t('pub.before')), h('th', {}, t('pub.after')))),
          h('tbody', {}, r.fields.map((f) => h('tr', { 'data-field': f.field }, h('td', {}, h('code', {}, f.field)), h('td', { class: 'before' }, text(f.before)), h('td', { class: 'after' }, text(f.after))))))))) : '';
    const pictures = d.picturesAdded.length ? h('div', { class: 'diff-part pictures', 'data-diff': 'pictures' },
      h('h4', {}, t('pub.pictures', { n: d.picturesAdded.length })),
      h('div', { class: 'thumbs' }, d.picturesAdded.map((n) => h('img', { src: '/api/v1/assets/' + encodeURIComponent(n), alt: n, loading: 'lazy' })))) : '';
    return h('div', { class: 'diff card' },
      h('p', { class: 'diff-summary' }, t('pub.summary', { added: c.added, changed: c.changed, removed: c.removed, pictures: c.picturesAdded })),
      part('added', d.added, 'added'), changed, part('removed', d.removed, 'removed'), pictures);
  }

  function requestsView(requests, reload) {
    if (!requests.length) return h('p', { class: 'muted' }, t('pub.requests.none'));
    const approve = async (r) => {
      try { const a = await api('POST', `/publish/requests/${r.id}/approve`, {}); toast(t('pub.requests.approved', { version: a.published.version })); reload(); } catch (e) { toast(I18N.errorText ? I18N.errorText(e) : e.message, true); }
    };
    const giveBack = async (r, input) => {
      if (!input.value.trim()) { input.focus(); toast(t('pub.requests.commentNeeded'), true); return; }
      try { await api('POST', `/publish/requests/${r.id}/return`, { comment: input.value.trim() }); toast(t('pub.requests.returnedToast')); reload(); } catch (e) { toast(e.message, true); }
    };
    return h('table', { class: 'requests' },
      h('thead', {}, h('tr', {}, ['pub.requests.when', 'pub.requests.editor', 'pub.requests.note', 'pub.requests.state', ''].map((k) => h('th', {}, k ? t(k) : '')))),
      h('tbody', {}, requests.map((r) => {
        const comment = h('input', { name: 'comment', placeholder: t('pub.requests.commentPlaceholder'), 'aria-label': t('pub.requests.commentPlaceholder') });
        const actions = r.state === 'open' && can('publisher') ? h('td', { class: 'toolbar' },
          h('button', { class: 'primary', onclick: () => approve(r) }, t('pub.requests.approve')), comment,
          h('button', { onclick: () => giveBack(r, comment) }, t('pub.requests.return'))) : h('td', {});
        return h('tr', { 'data-request': r.id, 'data-state': r.state },
          h('td', {}, when(r.created)), h('td', { class: 'rec' }, r.editor), h('td', {}, r.note ? h('span', { class: 'rec' }, r.note) : h('span', { class: 'muted' }, t('pub.empty'))),
          h('td', {}, h('span', { class: 'state ' + r.state }, t('pub.requests.state.' + r.state, { by: r.decidedBy, version: r.version })),
            r.comment ? h('div', { class: 'comment' }, t('pub.requests.comment', { comment: r.comment })) : ''),
          actions);
      })));
  }

  async function page() {
    const view = claimMain();
    const [data, preview, req] = await Promise.all([api('GET', '/versions'), api('GET', '/publish/preview'), api('GET', '/publish/requests')]);
    const reload = () => page();
    const note = h('input', { name: 'note', maxlength: 500, required: true, 'aria-label': t('pub.note') });
    const err = h('span', { class: 'field-error', 'data-error-for': 'note' });
    const form = h('form', { class: 'form card' }, h('label', {}, t('pub.note'), note, err),
      h('div', { class: 'toolbar' }, h('button', { class: 'primary', type: 'submit' }, t('pub.publish'))));
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      if (preview.nothing && !confirm(t('pub.confirmNothing'))) return;
      try { const r = await api('POST', '/publish', { note: note.value.trim() }); toast(t('pub.published', { version: r.version })); reload(); } catch (e) { if (e.status === 422) showErrors(form, h('p'), e.body.errors); else toast(e.message, true); }
    });
    const askNote = h('input', { name: 'requestNote', maxlength: 500, 'aria-label': t('pub.requests.note') });
    const ask = h('form', { class: 'form card' }, h('label', {}, t('pub.requests.askNote'), askNote),
      h('div', { class: 'toolbar' }, h('button', { type: 'submit' }, t('pub.requests.ask'))));
    ask.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      try { await api('POST', '/publish/requests', { note: askNote.value.trim() }); toast(t('pub.requests.sent')); reload(); } catch (e) { toast(e.message, true); }
    });
    const rollbackBox = h('div', { class: 'rollback-preview' });
    const showRollback = async (v) => {
      const d = await api('GET', `/rollback/preview?version=${v}`);
      const dropped = d.draftsDiscarded;
      const droppedCount = dropped.added + dropped.changed + dropped.removed;
      rollbackBox.replaceChildren(h('div', { class: 'card' },
        h('h3', {}, t('pub.rollback.title', { version: v, published: d.published })),
        diffView(d),
        droppedCount ? h('p', { class: 'warn' }, t('pub.rollback.drafts', { n: droppedCount })) : '',
        h('div', { class: 'toolbar' },
          h('button', { class: 'primary', onclick: async () => {
            try { const r = await api('POST', `/versions/${v}/rollback`, {}); toast(t('pub.rollback.done', { version: v, published: r.version })); reload(); } catch (e) { toast(e.message, true); }
          } }, t('pub.rollback.confirm', { version: v })),
          h('button', { onclick: () => rollbackBox.replaceChildren() }, t('pub.cancel')))));
      rollbackBox.scrollIntoView({ block: 'nearest' });
    };
    view.replaceChildren(h('h2', {}, t('pub.title')),
      h('h3', {}, preview.published ? t('pub.since', { version: preview.published }) : t('pub.sinceNone')),
      diffView(preview),
      can('publisher') ? form : ask,
      h('h3', {}, t('pub.requests.title')), requestsView(req.requests, reload),
      h('h3', {}, t('pub.versions')),
      h('table', {}, h('thead', {}, h('tr', {}, ['pub.v.version', 'pub.v.at', 'pub.v.by', 'pub.v.note', ''].map((k) => h('th', {}, k ? t(k) : '')))),
        h('tbody', {}, data.versions.length ? data.versions.map((v, i) => h('tr', {}, h('td', {}, v.version), h('td', {}, when(v.at)), h('td', { class: 'rec' }, v.user), h('td', {}, versionNote(v)),
          h('td', {}, can('publisher') && i > 0 && v.restorable ? h('button', { 'data-rollback': v.version, onclick: () => showRollback(v.version) }, t('pub.rollback.button')) : ''))) :
          h('tr', {}, h('td', { colspan: 5, class: 'muted' }, t('pub.v.none'))))),
      rollbackBox);
  }

  // What the hub says about a version (a rollback, an approved request) in the page's
  // language, then what staff wrote, as they wrote it.
  function versionNote(v) {
    const said = v.noteCode ? t(v.noteCode, v.noteParams || {}) : '';
    if (!v.note) return said;
    return [said ? said + ': ' : '', h('span', { class: 'rec' }, v.note)];
  }

  return { page, diffView };
})();
