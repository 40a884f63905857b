// The admin page in a real browser: sign in, edit a tenant in both languages, build an
// itinerary, publish, see the fleet page. Each step leaves a screenshot in artifacts/.
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';

const url = process.env.HUB_URL;
const shots = new URL('./artifacts/', import.meta.url).pathname;
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
const problems = [];
page.on('pageerror', (e) => problems.push(e.message));
// Refused requests (401 before sign-in, 422 on purpose) log as resource errors: only script errors count.
page.on('console', (m) => { if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(m.text()); });
const shot = (name) => page.screenshot({ path: `${shots}${name}.png`, fullPage: true });
let step = '';
const run = async (name, fn) => { step = name; await fn(); console.log(`ok - ${name}`); };

try {
  await run('sign in', async () => {
    await page.goto(url + '/');
    await page.waitForSelector('#login-form');
    await shot('01-login');
    await page.fill('input[name=name]', process.env.HUB_USER);
    await page.fill('input[name=password]', 'wrong-password');
    await page.click('button[type=submit]');
    await page.waitForSelector('#login-error:has-text("wrong")');
    await page.fill('input[name=password]', process.env.HUB_PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForSelector('#nav a[data-page=tenants]');
    await page.waitForSelector('table tbody tr');
    await shot('02-tenants');
  });

  await run('edit a tenant in both languages, with an error shown at its field', async () => {
    await page.fill('input[type=search]', 'agri-coe');
    await page.click('table tbody tr.clickable');
    await page.waitForSelector('input[data-field="name.vi"]');
    await page.fill('input[data-field="name.vi"]', '');
    await page.click('button:has-text("Save changes")');
    await page.waitForSelector('[data-error-for="name.vi"]:has-text("Vietnamese")');
    await shot('03-tenant-error');
    await page.fill('input[data-field="name.vi"]', 'Trung tâm Nông nghiệp Xuất sắc');
    await page.fill('input[data-field="name.en"]', 'Agriculture Centre of Excellence');
    await page.click('button:has-text("Save changes")');
    await page.waitForSelector('#toast:has-text("Saved")');
    await shot('04-tenant-saved');
    const saved = await page.evaluate(() => fetch('/api/v1/content/tenants/agri-coe').then((r) => r.json()));
    assert.equal(saved.name.vi, 'Trung tâm Nông nghiệp Xuất sắc');
    assert.equal(saved.name.en, 'Agriculture Centre of Excellence');
  });

  await run('place a pin on the map', async () => {
    await page.click('#nav a[data-page=places]');
    await page.waitForSelector('table tbody tr.clickable');
    await page.click('table tbody tr.clickable');
    const map = await page.waitForSelector('[data-testid=map]');
    const box = await map.boundingBox();
    await page.mouse.click(box.x + box.width * 0.25, box.y + box.height * 0.5);
    await shot('05-place-map');
    await page.click('button:has-text("Save changes")');
    await page.waitForSelector('#toast:has-text("Saved")');
  });

  await run('build an itinerary from places and times', async () => {
    await page.click('#nav a[data-page=itineraries]');
    await page.click('button:has-text("New itinerary")');
    await page.fill('input[data-field=id]', 'district-12-visit');
    await page.fill('input[data-field="delegation.vi"]', 'Đoàn UBND Quận 12');
    await page.fill('input[data-field="delegation.en"]', 'District 12 People\'s Committee');
    await page.fill('input[data-field=date]', '2030-05-14');
    await page.fill('input[data-field=start]', '09:00');
    await page.fill('input[data-field=end]', '11:00');
    for (const [i, start, end] of [[0, '09:00', '09:45'], [1, '10:00', '10:30']]) {
      await page.click('[data-testid=add-stop]');
      const stop = page.locator('.stop').nth(i);
      await stop.locator('select').selectOption({ index: i + 1 });
      await stop.locator('input[type=time]').nth(0).fill(start);
      await stop.locator('input[type=time]').nth(1).fill(end);
      await stop.locator('input[placeholder^="Hoạt động"]').fill(i ? 'Tham quan' : 'Đón đoàn');
      await stop.locator('input[placeholder^="Activity"]').fill(i ? 'Tour' : 'Welcome');
    }
    // An overlapping third stop is refused at its own field.
    await page.click('[data-testid=add-stop]');
    const third = page.locator('.stop').nth(2);
    await third.locator('select').selectOption({ index: 1 });
    await third.locator('input[type=time]').nth(0).fill('10:15');
    await third.locator('input[type=time]').nth(1).fill('10:20');
    await page.click('button:has-text("Add itinerary")');
    await page.waitForSelector('[data-error-for="stops[2].start"]:not(:empty)');
    await shot('06-itinerary-error');
    await third.locator('button[title=Remove]').click();
    await page.click('button:has-text("Add itinerary")');
    await page.waitForSelector('#toast:has-text("Saved")');
    await page.waitForSelector('h2:has-text("district-12-visit")');
    await shot('07-itinerary-saved');
  });

  await run('publish with a note and see the version', async () => {
    await page.click('#nav a[data-page=publish]');
    await page.fill('textarea[name=note]', 'District 12 visit and a corrected tenant name');
    await page.click('button:has-text("Publish to kiosks")');
    await page.waitForSelector('td:has-text("District 12 visit")');
    await shot('08-published');
  });

  await run('see the fleet page with a reporting kiosk', async () => {
    await page.evaluate(() => fetch('/api/v1/reports', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ id: 'browser-1', kioskId: 'lobby-a', contentVersion: 1, result: 'installed', freeDiskBytes: 5e9,
        usage: { opened: { 'tenant:agri-coe': 7 }, searchesNotFound: { 'căn tin': 3 } } }) }));
    await page.click('#nav a[data-page=fleet]');
    await page.waitForSelector('td:has-text("lobby-a")');
    await shot('09-fleet');
    await page.click('#nav a[data-page=usage]');
    await page.waitForSelector('td:has-text("căn tin")');
    await shot('10-usage');
  });

  assert.deepEqual(problems, [], 'the page logged errors');
  console.log('browser tests passed');
} catch (e) {
  await shot('failure').catch(() => {});
  console.error(`not ok - ${step}: ${e.message}`);
  if (problems.length) console.error('page errors:', problems.join('\n'));
  process.exitCode = 1;
} finally {
  await browser.close();
}
