// The pictures of a record's gallery on the admin page. Each picture is an upload (the hub
// keeps it in a full-screen size and a thumbnail), a caption and a credit in both languages;
// staff see the thumbnail, both sizes and every record that uses the picture
// (GET /api/v1/pictures/NAME). app.js uses Pictures.item as the gallery list's item maker.
// Words come from the page's catalogue (t) where it has them, else the text given here.
'use strict';

const Pictures = (() => {
  const say = (key, params, fallback) => (I18N.has(key) ? t(key, params) : fallback);
  const isUpload = (name) => /^[0-9a-f]{64}\.(png|jpg)$/.test(name || '');
  const sizeText = (s) => (s ? `${s.width} × ${s.height} px, ${Math.round(s.bytes / 1024)} KiB` : say('picture.size.later', {}, '—'));

  // The sizes and the records that use `name`, into `box`.
  async function describe(name, box) {
    box.replaceChildren();
    if (!isUpload(name)) { if (name) box.append(h('span', {}, name)); return; }
    try {
      const about = await api('GET', '/pictures/' + name);
      const used = about.usedBy.map((u) => h('li', {}, `${u.kind} ${u.id} (${u.field}): ${local(u.title)}`));
      box.append(
        h('div', { 'data-testid': 'picture-full' }, say('picture.full', {}, 'Toàn màn hình / Full screen') + ': ' + sizeText(about.full)),
        h('div', { 'data-testid': 'picture-thumbnail' }, say('picture.thumbnail', {}, 'Ảnh nhỏ / Thumbnail') + ': ' + sizeText(about.thumbnail)),
        h('div', {}, say('picture.used', { count: used.length }, `Dùng ở / Used by: ${used.length}`)),
        used.length ? h('ul', { 'data-testid': 'picture-used' }, used) : null);
    } catch (e) { box.append(h('span', { class: 'field-error' }, e.message)); }
  }

  // One picture of a gallery, as the list (repeater) in app.js takes it.
  function item(picture) {
    let current = picture.image || '';
    const thumb = h('img', { class: 'thumb', alt: '', hidden: !isUpload(current) });
    const about = h('div', { class: 'muted picture-about', 'data-testid': 'picture-about' });
    const show = () => {
      thumb.hidden = !isUpload(current);
      if (!thumb.hidden) thumb.src = '/api/v1/assets/' + current.replace(/\.(png|jpg)$/, '.thumb.$1');
      describe(current, about);
    };
    const file = h('input', { type: 'file', accept: 'image/png,image/jpeg', 'data-rel': 'image',
      'aria-label': say('picture.upload', {}, 'Tải ảnh lên / Upload a picture') });
    file.addEventListener('change', async () => {
      const chosen = file.files[0];
      if (!chosen) return;
      try {
        const stored = await api('POST', '/assets', chosen, chosen.type || 'application/octet-stream');
        current = stored.name;
        show();
      } catch (e) { about.replaceChildren(h('span', { class: 'field-error' }, e.message)); }
    });
    const caption = relPair(say('picture.caption', {}, 'Chú thích / Caption'), picture.caption, 'caption');
    const credit = relPair(say('picture.credit', {}, 'Nguồn ảnh / Credit'), picture.credit, 'credit');
    show();
    return {
      body: [h('div', { class: 'picture' }, thumb, h('div', {}, file, about), relSlot('image')), caption.el, credit.el],
      read: () => ({ image: current, caption: caption.read(), credit: credit.read() }),
    };
  }

  return { item };
})();
