// The hub's signing key as the fleet page shows it, where kiosks are paired: kiosks check every
// published version with this public key (kiosk config [sync] public_key). The fleet page calls
// Signing.section(publicKey) and places what it returns.
'use strict';

const Signing = (() => {
  function section(publicKey) {
    const key = h('code', { class: 'public-key', 'data-public-key': '' }, publicKey || '');
    const copy = h('button', { type: 'button', onclick: async () => {
      try { await navigator.clipboard.writeText(publicKey); toast(t('signing.copied')); } catch { toast(t('signing.copyFailed'), true); }
    } }, t('signing.copy'));
    return h('section', { class: 'card signing' }, h('h3', {}, t('signing.title')),
      h('p', { class: 'muted' }, t('signing.explain')), h('p', {}, key, ' ', copy));
  }
  // The fleet page's key section, read from GET /api/v1/versions.
  async function load() {
    const data = await api('GET', '/versions');
    return section(data.publicKey);
  }
  // A box the fleet page places at once; the key fills it when it arrives.
  function card() {
    const box = h('div', { 'data-signing': '' });
    load().then((el) => box.replaceChildren(el)).catch((e) => box.replaceChildren(h('p', { class: 'muted' }, e.message)));
    return box;
  }
  return { section, load, card };
})();
