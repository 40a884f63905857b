// Publishing that shows what it does, in a real browser (in Vietnamese, the page's default):
// edit a record, see on the Publish page what changes with before and after, publish, see
// "nothing to publish" and the question before publishing nothing; an editor requests a
// publish, a publisher approves one and returns another with a comment the editor sees; a
// rollback shows what it will undo; the usage page draws its charts as SVG, one bar a day.
// Each step leaves a screenshot in artifacts/publish-*.png.
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';

const url = process.env.HUB_URL;
const shots = new URL('./artifacts/', import.meta.url).pathname;
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
const problems = [];
const open = async () => {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'vi-VN' });
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(m.text()); });
  return page;
};
const signIn = async (page, name, password) => {
  await page.goto(url + '/');
  await page.waitForSelector('#login-form');
  await page.fill('input[name=name]', name);
  await page.fill('input[name=password]', password);
  await page.click('#login-form button.primary');
  await page.waitForSelector('#nav a[data-page=tenants]');
};
// A call of the API with the page's session.
const call = (page, method, path, body) => page.evaluate(async ([m, p, b]) => {
  const r = await fetch('/api/v1' + p, { method: m, headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': state.csrf }, body: b === undefined ? undefined : JSON.stringify(b) });
  return { status: r.status, body: await r.json().catch(() => null) };
}, [method, path, body]);
const goto = async (page, hash, selector) => {
  await page.evaluate((h) => { location.hash = h; }, hash);
  await page.waitForSelector(selector);
};
let step = '';
const run = async (name, fn) => { step = name; await fn(); console.log(`ok - ${name}`); };

const admin = await open();
const shot = (page, name) => page.screenshot({ path: `${shots}publish-${name}.png`, fullPage: true });
try {
  await run('sign in; a first publish', async () => {
    await signIn(admin, process.env.HUB_USER, process.env.HUB_PASSWORD);
    assert.equal((await call(admin, 'POST', '/publish', { note: 'Bản đầu tiên' })).status, 201);
    assert.equal((await call(admin, 'POST', '/accounts', { name: 'lan', role: 'editor', password: 'editor-password-1' })).status, 201);
  });

  let before;
  await run('edit a record, and the Publish page shows the change field by field', async () => {
    const tenant = (await call(admin, 'GET', '/content/tenants/agri-coe')).body;
    before = tenant.name;
    tenant.name = { ...tenant.name, en: 'Agriculture Centre (renamed)' };
    assert.equal((await call(admin, 'PUT', '/content/tenants/agri-coe', tenant)).status, 200);
    await goto(admin, '#publish', '[data-diff=changed]');
    const row = admin.locator('[data-diff=changed] tr[data-field=name]');
    assert.match(await row.locator('td.before').innerText(), new RegExp(before.en.replace(/[()]/g, '.')));
    assert.match(await row.locator('td.after').innerText(), /Agriculture Centre \(renamed\)/);
    assert.match(await row.locator('td.after').innerText(), new RegExp(before.vi));  // both languages
    await shot(admin, '01-diff');
  });

  await run('publish, then "nothing to publish" and a question before publishing nothing', async () => {
    await admin.fill('input[name=note]', 'Sửa tên');
    await admin.click('#main form button.primary[type=submit]');
    await admin.waitForSelector('[data-diff=nothing]');
    await shot(admin, '02-nothing');
    let asked = '';
    admin.once('dialog', (d) => { asked = d.message(); d.dismiss(); });
    await admin.fill('input[name=note]', 'Không có gì');
    await admin.click('#main form button.primary[type=submit]');
    await admin.waitForTimeout(300);
    assert.ok(asked.length > 0, 'the page asks before publishing nothing');
    assert.equal((await call(admin, 'GET', '/versions')).body.versions.length, 2);
  });

  const editor = await open();
  await run('an editor requests a publish; a publisher approves one and returns another', async () => {
    await signIn(editor, 'lan', 'editor-password-1');
    const tenant = (await call(editor, 'GET', '/content/tenants/agri-coe')).body;
    tenant.floor = '3';
    assert.equal((await call(editor, 'PUT', '/content/tenants/agri-coe', tenant)).status, 200);
    await goto(editor, '#publish', 'input[name=requestNote]');
    assert.equal(await editor.locator('input[name=note]').count(), 0);  // editors do not publish
    await editor.fill('input[name=requestNote]', 'Cập nhật tầng');
    await editor.click('button:has-text("Gửi yêu cầu xuất bản")');
    await editor.waitForSelector('tr[data-state=open]');
    await shot(editor, '03-requested');

    await goto(admin, '#fleet', 'h2');
    await goto(admin, '#publish', 'tr[data-state=open] button.primary');
    await shot(admin, '04-request-open');
    await admin.click('tr[data-state=open] button.primary');
    await admin.waitForSelector('tr[data-state=approved]');
    assert.equal((await call(admin, 'GET', '/versions')).body.versions.length, 3);
    // The version published by the approval says so in the page's language, with the note as written.
    await goto(admin, '#fleet', 'h2');
    await goto(admin, '#publish', 'tr[data-state=approved]');
    const versionsText = await admin.locator('main, body').first().innerText();
    assert.match(versionsText, /Yêu cầu \d+ của lan: Cập nhật tầng/);
    assert.doesNotMatch(versionsText, /Request \d+ by|Rollback to version/);

    assert.equal((await call(editor, 'POST', '/publish/requests', { note: 'Lần hai' })).status, 201);
    await goto(admin, '#fleet', 'h2');
    await goto(admin, '#publish', 'tr[data-state=open] input[name=comment]');
    await admin.fill('tr[data-state=open] input[name=comment]', 'Thiếu logo');
    await admin.click('tr[data-state=open] button:not(.primary)');
    await admin.waitForSelector('tr[data-state=returned]');
    await goto(editor, '#fleet', 'h2');
    await goto(editor, '#publish', 'tr[data-state=returned] .comment');
    assert.match(await editor.locator('tr[data-state=returned] .comment').innerText(), /Thiếu logo/);
    await shot(editor, '05-returned');
  });

  await run('a rollback shows what it will undo', async () => {
    await goto(admin, '#fleet', 'h2');
    await goto(admin, '#publish', 'button[data-rollback="1"]');
    await admin.click('button[data-rollback="1"]');
    await admin.waitForSelector('.rollback-preview [data-diff=changed] tr[data-field=name]');
    const after = await admin.locator('.rollback-preview tr[data-field=name] td.after').innerText();
    assert.match(after, new RegExp(before.en.replace(/[()]/g, '.')));
    await shot(admin, '06-rollback-preview');
  });

  await run('the usage page draws its charts as SVG with one bar a day', async () => {
    const paired = await call(admin, 'POST', '/kiosks', { id: 'lobby-1' });
    const report = { id: 'r1', kioskId: 'lobby-1', contentVersion: 3, result: 'installed',
      usage: { opened: { 'screen:home': 9, 'screen:directory': 4, 'tenant:agri-coe': 3, 'milestone:founding': 1 }, searchesNotFound: { 'sao viet': 2 }, sessions: 5 } };
    const sent = await fetch(url + '/api/v1/reports', { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + paired.body.key }, body: JSON.stringify(report) });
    assert.equal(sent.status, 201);
    await goto(admin, '#usage', 'svg[data-chart=daily]');
    assert.equal(await admin.locator('svg[data-chart=daily] rect.bar-visits').count(), 28);
    assert.equal(await admin.locator('svg[data-chart=daily] rect.bar-sessions').count(), 28);
    assert.equal(await admin.locator('svg[data-chart=opened] rect').count(), 2);  // records, not screens
    assert.equal(await admin.locator('svg[data-chart=searchesNotFound] rect').count(), 1);
    await shot(admin, '07-usage');
    await admin.locator('figure.chart button').first().click();
    await admin.waitForSelector('figure.chart table.numbers:not([hidden])');
    await shot(admin, '08-usage-numbers');
  });

  await run('the signing key is on the fleet page, not the Publish page', async () => {
    await goto(admin, '#fleet', '[data-public-key]');
    assert.match(await admin.locator('[data-public-key]').innerText(), /^[0-9a-f]{64}$/);
    await goto(admin, '#publish', '[data-diff]');
    assert.equal(await admin.locator('[data-public-key]').count(), 0);
    await shot(admin, '09-fleet-key');
  });
  assert.deepEqual(problems, []);
} catch (e) {
  console.error(`not ok - ${step}: ${e.message}`);
  await shot(admin, 'failure').catch(() => {});
  await browser.close();
  process.exit(1);
}
await browser.close();
