// The admin page as the park's Vietnamese staff use it, in a real browser: Vietnamese by
// default whatever the browser's locale, English on a switch remembered on the account,
// no English (or stray "null") left on any Vietnamese page, dates typed and shown as
// dd/mm/yyyy and 24-hour time in park time whatever the system's time zone, lists that page
// through 506 tenants with the true count and an accent-blind filter, and a visit prepared
// from a previous one with its welcome message. Run with TZ set to a zone far from the
// park's (run.sh uses America/New_York) and with LOCALES="vi-VN en-US".
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const url = process.env.HUB_URL;
const shots = new URL('./artifacts/', import.meta.url).pathname;
const catalogue = (code) => JSON.parse(readFileSync(new URL(`../../web/lang/${code}.json`, import.meta.url)));
const vi = catalogue('vi');
const en = catalogue('en');
const locale = process.env.BROWSER_LOCALE || 'vi-VN';
const tag = `${locale}-${(process.env.TZ || 'UTC').replace(/\//g, '_')}`;
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', `--lang=${locale}`],
});
const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale });
const page = await context.newPage();
const problems = [];
page.on('pageerror', (e) => problems.push(e.message));
page.on('console', (m) => { if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(m.text()); });
const shot = (name) => page.screenshot({ path: `${shots}i18n-${tag}-${name}.png`, fullPage: true });
let step = '';
const run = async (name, fn) => { step = name; await fn(); console.log(`ok - ${name} (${tag})`); };

// Strings that are the same in every language, and no catalogue's business.
const ALLOWED = new Set(['QTSC', 'CSV', 'ID', 'VI', 'EN', 'Kiosk Hub', 'QTSC Kiosk Hub', 'Tiếng Việt', 'English', '#',
  'ABCD-EFGH']);  // the form of a pairing code

// Every visible text node, placeholder, title, aria-label and alt of the page that is not
// record content (cells and fields marked .rec, inputs, code) and is not a text of the
// catalogue `texts` (with its {params} standing for anything).
async function foreignTexts(texts) {
  return page.evaluate(({ texts, allowed }) => {
    const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const patterns = Object.values(texts).filter((s) => s.replace(/\{\w+\}/g, '').replace(/[\s\p{P}\p{S}]/gu, '') !== '')
      .map((s) => new RegExp('^' + escape(s).replace(/\\\{\w+\\\}/g, '[\\s\\S]+?') + '$'));
    const fine = (s) => {
      const x = s.replace(/\s+/g, ' ').trim();
      return !x || allowed.includes(x) || /^[\d\s\p{P}\p{S}×]*$/u.test(x) || patterns.some((p) => p.test(x));
    };
    const skipped = (el) => el.closest('.rec, code, pre, script, style, textarea, [data-language-switch], .brand-mark, select:not([data-scan])');
    const visible = (el) => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length) && getComputedStyle(el).visibility !== 'hidden';
    const found = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || skipped(el) || !visible(el)) continue;
      if (!fine(n.textContent)) found.push(n.textContent.trim());
    }
    for (const el of document.querySelectorAll('[placeholder], [title], [aria-label], img[alt]')) {
      if (skipped(el) && !el.matches('select')) continue;
      if (!visible(el)) continue;
      for (const a of ['placeholder', 'title', 'aria-label', 'alt']) if (el.hasAttribute(a) && !fine(el.getAttribute(a))) found.push(`${a}="${el.getAttribute(a)}"`);
    }
    // The first choice of a select ("— chọn —") is the page's; the others name records.
    for (const o of document.querySelectorAll('select option[value=""]')) if (visible(o.parentElement) && !fine(o.textContent)) found.push(o.textContent.trim());
    return found;
  }, { texts, allowed: [...ALLOWED] });
}

// No "null" or "undefined" on screen, anywhere.
async function strayNulls() {
  return page.evaluate(() => {
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) if (/^\s*(null|undefined|NaN)\s*$/.test(n.textContent) || /\b(undefined|NaN)\b/.test(n.textContent)) out.push(n.textContent);
    return out;
  });
}

const PAGES = ['tenants', 'places', 'itineraries', 'welcomes', 'milestones', 'exhibits', 'themes', 'sectors', 'park', 'accounts', 'audit', 'me',
  'tenants/new', 'places/new', 'itineraries/new', 'welcomes/new', 'milestones/new', 'exhibits/new', 'themes/new', 'sectors/new',
  'publish', 'usage', 'fleet'];
async function scanEveryPage(texts, label) {
  for (const p of PAGES) {
    await page.evaluate((h) => { location.hash = h; }, p);
    await page.waitForSelector('main h2');
    await page.waitForTimeout(150);
    const left = await foreignTexts(texts);
    assert.deepEqual(left, [], `${label}: page #${p} shows text that is not from the ${label} catalogue`);
    assert.deepEqual(await strayNulls(), [], `page #${p} shows "null" or "undefined"`);
  }
}

const signIn = async (password) => {
  await page.fill('#login-form input[name=name]', process.env.HUB_USER);
  await page.fill('#login-form input[name=password]', password || process.env.HUB_PASSWORD);
  await page.click('#login-form button[type=submit]');
  await page.waitForSelector('#nav a[data-page=tenants]');
};

try {
  await run('the sign-in page is Vietnamese, whatever the browser locale, and passes the autocomplete checks', async () => {
    await page.goto(url + '/');
    await page.waitForSelector('#login-form');
    await page.waitForFunction(() => document.documentElement.lang === 'vi');
    assert.equal(await page.textContent('#login-form button[type=submit]'), vi['login.submit']);
    assert.deepEqual(await foreignTexts(vi), []);
    // A form, labelled inputs, and autocomplete tokens that password managers read.
    assert.equal(await page.getAttribute('#login-form input[name=name]', 'autocomplete'), 'username');
    assert.equal(await page.getAttribute('#login-form input[name=password]', 'autocomplete'), 'current-password');
    for (const id of ['login-name', 'login-password']) assert.equal(await page.locator(`label[for=${id}]`).count(), 1, `no label for #${id}`);
    const icon = await page.evaluate(() => fetch(document.querySelector('link[rel=icon]').href).then((r) => [r.status, r.headers.get('content-type')]));
    assert.equal(icon[0], 200);
    assert.match(icon[1], /svg/);
    await shot('01-login');
  });

  await run('a wrong password is said in Vietnamese; every page speaks Vietnamese, with no stray "null"', async () => {
    await page.fill('#login-form input[name=name]', process.env.HUB_USER);
    await page.fill('#login-form input[name=password]', 'wrong-password');
    await page.click('#login-form button[type=submit]');
    await page.waitForSelector(`#login-error:has-text("${vi['login.wrong']}")`);
    await signIn();
    await page.waitForSelector('[data-testid=list-count]:not(:empty)');
    await shot('02-tenants');
    await scanEveryPage(vi, 'vi');
  });

  await run('506 tenants: pages of 50 with the true count, an accent-blind filter, building and description filters', async () => {
    const csv = await page.evaluate(() => fetch('/api/v1/tenants.csv').then((r) => r.text()));
    const header = csv.split('\n')[0];
    const columns = header.split(',');
    const existing = await page.evaluate(() => fetch('/api/v1/content/tenants').then((r) => r.json()).then((l) => l.length));
    const rows = [];
    for (let i = 0; existing + rows.length < 506; i++) {
      const cell = { id: `sample-${i}`, name_vi: `Công ty mẫu ${i}`, name_en: `Sample company ${i}`, place: 'rd-labs' };
      if (i === 7) Object.assign(cell, { id: 'sao-viet-sample', name_vi: 'Công ty mẫu Sao Việt', name_en: 'Sao Viet sample company' });
      if (i === 8) Object.assign(cell, { description_vi: 'Đối tác của Sao Việt', description_en: 'Partner of Sao Viet', website: 'https://saoviet.example' });
      rows.push(columns.map((c) => cell[c] || '').join(','));
    }
    const status = await page.evaluate(async (body) => {
      const csrf = (await fetch('/api/v1/session').then((r) => r.json())).csrfToken;
      return fetch('/api/v1/tenants.csv', { method: 'POST', headers: { 'Content-Type': 'text/csv', 'X-CSRF-Token': csrf }, body }).then((r) => r.status);
    }, [header, ...rows].join('\n') + '\n');
    assert.equal(status, 200);
    await page.evaluate(() => { location.hash = 'places'; });
    await page.waitForSelector('[data-testid=list-count]:not(:empty)');
    await page.evaluate(() => { location.hash = 'tenants'; });
    await page.waitForSelector('[data-testid=list-count]:has-text("/ 506")');
    assert.equal(await page.textContent('[data-testid=list-count]'), '1–50 / 506');
    assert.equal(await page.locator('main table tbody tr').count(), 50);
    await page.click('[data-testid=list-next]');
    await page.waitForSelector('[data-testid=list-count]:has-text("51–100 / 506")');
    await shot('03-tenants-page-2');
    await page.fill('[data-testid=list-filter]', 'sao viet');
    await page.waitForSelector('[data-testid=list-count]:has-text("1–1 / 1")');
    assert.equal(await page.locator('main table tbody tr').count(), 1);
    assert.match(await page.textContent('main table tbody tr'), /Sao Việt/);
    await page.check('[data-testid=filter-descriptions]');
    await page.waitForSelector('[data-testid=list-count]:has-text("1–2 / 2")');
    await page.uncheck('[data-testid=filter-descriptions]');
    await page.fill('[data-testid=list-filter]', '');
    await page.selectOption('[data-testid=filter-building]', 'tma-building');
    await page.waitForFunction(() => !/\/ 506$/.test(document.querySelector('[data-testid=list-count]').textContent));
    await shot('04-tenants-filtered');
    assert.deepEqual(await strayNulls(), []);
    await page.selectOption('[data-testid=filter-building]', '');
  });

  await run('a milestone date takes the three precisions staff type, and refuses anything else in Vietnamese', async () => {
    for (const [typed, stored, i] of [['01/12/2026', '2026-12-01', 1], ['12/2026', '2026-12', 2], ['2026', '2026', 3]]) {
      await page.evaluate(() => { location.hash = 'milestones/new'; });
      await page.waitForSelector('input[data-field=date]');
      await page.fill('input[data-field=id]', `sample-milestone-${i}`);
      await page.fill('input[data-field="title.vi"]', `Mốc mẫu ${i}`);
      await page.fill('input[data-field=date]', '31/02/2026');
      await page.click('main form.form button[type=submit]');
      await page.waitForSelector('[data-error-for=date]:not(:empty)');
      assert.equal(await page.textContent('[data-error-for=date]'), vi['format.milestone-date.bad'].replace('{text}', '31/02/2026'));
      if (i === 1) await shot('05-milestone-date-error');
      await page.fill('input[data-field=date]', typed);
      await page.click('main form.form button[type=submit]');
      await page.waitForFunction((id) => location.hash === `#milestones/${id}`, `sample-milestone-${i}`);
      const saved = await page.evaluate((id) => fetch(`/api/v1/content/milestones/${id}`).then((r) => r.json()), `sample-milestone-${i}`);
      assert.equal(saved.date, stored);
      await page.waitForSelector('input[data-field=date]');
      assert.equal(await page.inputValue('input[data-field=date]'), typed);
    }
  });

  await run('prepare a visit from a previous one: id suggested, welcome made with it, dd/mm/yyyy and 24-hour park time', async () => {
    await page.evaluate(() => { location.hash = 'itineraries/new'; });
    await page.waitForSelector('[data-testid=visit-template]');
    const previous = await page.locator('[data-testid=visit-template] option').nth(1).getAttribute('value');
    await page.selectOption('[data-testid=visit-template]', previous);
    await page.waitForSelector('#toast:not([hidden])');
    const from = await page.evaluate((id) => fetch(`/api/v1/content/itineraries/${id}`).then((r) => r.json()), previous);
    assert.equal(await page.locator('.stop').count(), from.stops.length);
    await page.fill('input[data-field="delegation.vi"]', 'Đoàn mẫu Đà Nẵng');
    await page.fill('input[data-field="delegation.en"]', 'Sample Da Nang delegation');
    await page.fill('input[data-field=date]', '02/12/2026');
    await page.fill('input[data-field=start]', '8:30');
    await page.fill('input[data-field=end]', '11:00');
    await page.locator('input[data-field=start]').dispatchEvent('input');
    assert.equal(await page.inputValue('input[data-field=id]'), 'sample-da-nang-delegation-2026-12-02');
    assert.equal(await page.inputValue('[data-testid=visit-welcome-starts]'), '02/12/2026 07:30');
    assert.equal(await page.inputValue('[data-testid=visit-welcome-ends]'), '02/12/2026 11:00');
    assert.equal(await page.inputValue('[data-testid=visit-welcome-vi]'), 'Chào mừng đoàn mẫu Đà Nẵng đến thăm Công viên Phần mềm Quang Trung');
    // Place names in full in the stop rows, and the part of day in the page's language.
    if (!from.stops.length) { await page.click('[data-testid=add-stop]'); await page.locator('.stop select').first().selectOption({ index: 1 }); }
    const [placeId, placeText] = await page.locator('.stop select').first().evaluate((s) => [s.value, s.options[s.selectedIndex].textContent]);
    const place = await page.evaluate((id) => fetch(`/api/v1/content/places/${id}`).then((r) => r.json()), placeId);
    assert.equal(placeText, place.name.vi, 'a stop shows the place by its full name, not its id');
    const dayParts = await page.locator('select[data-field=dayPart] option').allTextContents();
    assert.ok(dayParts.includes(vi['enum.dayPart.morning']));
    await page.fill('[data-testid=visit-welcome-ends]', '02/12/2026 9:60');
    await page.click('main form.form button[type=submit]');
    await page.waitForSelector('[data-error-for="welcome.ends"]:not(:empty)');
    await page.fill('[data-testid=visit-welcome-ends]', '02/12/2026 12:00');
    assert.deepEqual(await foreignTexts(vi), []);
    await shot('06-visit-prepared');
    await page.click('main form.form button[type=submit]');
    await page.waitForFunction(() => location.hash === '#itineraries/sample-da-nang-delegation-2026-12-02');
    const saved = await page.evaluate(() => fetch('/api/v1/content/itineraries/sample-da-nang-delegation-2026-12-02').then((r) => r.json()));
    assert.equal(saved.date, '2026-12-02');
    assert.equal(saved.start, '08:30');
    const welcome = await page.evaluate(() => fetch('/api/v1/content/welcomes/sample-da-nang-delegation-2026-12-02').then((r) => r.json()));
    // Park time, stored without a zone, whatever this system's zone is.
    assert.equal(welcome.starts, '2026-12-02T07:30');
    assert.equal(welcome.ends, '2026-12-02T12:00');
    assert.equal(welcome.itinerary, saved.id);
    await page.evaluate(() => { location.hash = 'welcomes'; });
    await page.waitForSelector('main table tbody tr');
    const cells = await page.locator('main table tbody tr', { hasText: 'Đoàn mẫu' }).first().locator('td').allTextContents();
    assert.equal(cells[0], '02/12/2026 07:30');
    assert.ok(!cells.join(' ').includes('T07'), 'a raw "T" is shown');
    await shot('07-welcomes');
  });

  await run('a toast does not follow to the next page', async () => {
    await page.evaluate(() => { location.hash = 'themes/new'; });
    await page.waitForSelector('input[data-field=id]');
    await page.fill('input[data-field=id]', 'sample-theme');
    await page.fill('input[data-field="name.vi"]', 'Chủ đề mẫu');
    await page.click('main form.form button[type=submit]');
    await page.waitForSelector('#toast:not([hidden])');
    await page.waitForFunction(() => location.hash === '#themes/sample-theme');
    await page.evaluate(() => { location.hash = 'places'; });
    await page.waitForSelector('main table tbody tr.clickable');
    assert.equal(await page.isVisible('#toast'), false);
  });

  await run('English on the switch: the page follows, <html lang> too, and the account remembers it', async () => {
    await page.click('#nav ~ * [data-language=en], .sidebar [data-language=en]');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await page.waitForSelector(`#nav a[data-page=tenants]:has-text("${en['nav.tenants']}")`);
    await scanEveryPage(en, 'en');
    await page.evaluate(() => { location.hash = 'tenants'; });
    await page.waitForSelector('[data-testid=list-count]:not(:empty)');
    await shot('08-tenants-en');
    // A new browser, signed in as the same account, opens in English.
    const other = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'vi-VN' });
    const second = await other.newPage();
    await second.goto(url + '/');
    await second.waitForSelector('#login-form');
    assert.equal(await second.evaluate(() => document.documentElement.lang), 'vi');
    await second.fill('#login-form input[name=name]', process.env.HUB_USER);
    await second.fill('#login-form input[name=password]', process.env.HUB_PASSWORD);
    await second.click('#login-form button[type=submit]');
    await second.waitForSelector(`#nav a[data-page=tenants]:has-text("${en['nav.tenants']}")`);
    assert.equal(await second.evaluate(() => document.documentElement.lang), 'en');
    await second.screenshot({ path: `${shots}i18n-${tag}-09-second-browser-en.png` });
    await other.close();
    // Back to Vietnamese for the next run with this account.
    await page.click('.sidebar [data-language=vi]');
    await page.waitForFunction(() => document.documentElement.lang === 'vi');
  });

  assert.deepEqual(problems, [], 'the page logged errors');
  console.log(`i18n browser tests passed (${tag})`);
} catch (e) {
  await shot('failure').catch(() => {});
  console.error(`not ok - ${step} (${tag}): ${e.message}`);
  if (problems.length) console.error('page errors:', problems.join('\n'));
  process.exitCode = 1;
} finally {
  await browser.close();
}
