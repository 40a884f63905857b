// The walking-paths page and the kiosk profiles on the fleet page, in a real browser: add a
// point by clicking the map, join two points, drag one, delete one, save; a network that
// leaves a place unreached is refused naming it and marking it on the map, and the saved one
// stays; a profile is added with its position clicked on the map, and bad hours are refused
// at their field. Each step leaves a screenshot in artifacts/.
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';

const url = process.env.HUB_URL;
const shots = new URL('./artifacts/', import.meta.url).pathname;
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
const page = await browser.newPage({ viewport: { width: 1366, height: 1000 } });
const problems = [];
page.on('pageerror', (e) => problems.push(e.message));
page.on('console', (m) => { if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(m.text()); });
const shot = (name) => page.screenshot({ path: `${shots}${name}.png`, fullPage: true });
let step = '';
const run = async (name, fn) => { step = name; await fn(); console.log(`ok - ${name}`); };
const saved = () => page.evaluate(() => fetch('/api/v1/content/paths').then((r) => r.json()));
const count = (sel) => page.$$eval(sel, (els) => els.length);
// Where map point (x, y) is on the screen.
async function screenAt(x, y) {
  const box = await (await page.$('[data-testid=paths-svg]')).boundingBox();
  return { x: box.x + (x / 1000) * box.width, y: box.y + (y / 700) * box.height };
}

try {
  await run('sign in', async () => {
    await page.goto(url + '/');
    await page.waitForSelector('#login-form');
    await page.click('#login [data-language=en]');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await page.fill('input[name=name]', process.env.HUB_USER);
    await page.fill('input[name=password]', process.env.HUB_PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForSelector('#nav a[data-page=paths]');
  });

  const before = await saved();
  await run('the bundled network is drawn with the places and kiosks', async () => {
    await page.click('#nav a[data-page=paths]');
    await page.waitForSelector('[data-testid=paths-svg] circle.point');
    assert.equal(await count('[data-testid=paths-svg] circle.point'), before.points.length);
    assert.equal(await count('[data-testid=paths-svg] line.segment'), before.segments.length);
    assert.ok(await count('[data-testid=paths-svg] rect.place') > 5);
    assert.equal(await count('[data-testid=paths-svg] path.kiosk'), 3);
    await shot('paths-01-bundled');
  });

  await run('click to add a point, click two points to join them', async () => {
    await page.keyboard.press('Escape');  // nothing selected: the new point stands alone
    const at = await screenAt(560, 640);
    await page.mouse.click(at.x, at.y);
    assert.equal(await count('circle.point'), before.points.length + 1);
    assert.equal(await count('line.segment'), before.segments.length);
    const ring = await screenAt(470, 605);  // ring-s-470
    await page.mouse.click(ring.x, ring.y);
    assert.equal(await count('line.segment'), before.segments.length + 1);
    await shot('paths-02-joined');
  });

  await run('drag a point and delete another', async () => {
    const from = await screenAt(560, 640);
    const to = await screenAt(600, 650);
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 4 });
    await page.mouse.move(to.x, to.y, { steps: 4 });
    await page.mouse.up();
    const moved = await page.$eval('circle.point.selected', (c) => [Number(c.getAttribute('cx')), Number(c.getAttribute('cy'))]);
    assert.ok(Math.abs(moved[0] - 600) <= 3 && Math.abs(moved[1] - 650) <= 3, `moved to ${moved}`);
    await page.click('[data-testid=paths-delete]');
    assert.equal(await count('circle.point'), before.points.length);
    assert.equal(await count('line.segment'), before.segments.length);
    // Add it again, joined, and save.
    const again = await screenAt(600, 650);
    await page.mouse.click(again.x, again.y);
    const ring = await screenAt(640, 607);  // ring-s-640
    await page.mouse.click(ring.x, ring.y);
    await page.click('[data-testid=paths-save]');
    await page.waitForSelector('#toast:has-text("Paths saved")');
    const after = await saved();
    assert.equal(after.points.length, before.points.length + 1);
    assert.equal(after.segments.length, before.segments.length + 1);
    await shot('paths-03-saved');
  });

  await run('a network that leaves a place unreached is refused naming it', async () => {
    await page.keyboard.press('Escape');
    const door = await screenAt(360, 200);  // rd-labs-door
    await page.mouse.click(door.x, door.y);
    await page.click('[data-testid=paths-delete]');
    const fork = await screenAt(300, 200);  // west-300-200
    await page.mouse.click(fork.x, fork.y);
    await page.click('[data-testid=paths-delete]');
    await page.click('[data-testid=paths-save]');
    await page.waitForSelector('[data-testid=paths-errors]:has-text("rd-labs")');
    const text = await page.textContent('[data-testid=paths-errors]');
    assert.match(text, /place 'rd-labs': no walking path reaches it/);
    assert.ok(await count('rect.place.unreached[data-place=rd-labs]') === 1);
    await shot('paths-04-unreached');
    const still = await saved();
    assert.equal(still.points.length, before.points.length + 1);  // what was saved is kept
  });

  await run('a kiosk profile is added on the fleet page with its place on the map', async () => {
    await page.click('#nav a[data-page=fleet]');
    await page.waitForSelector('[data-testid=profiles-card] tr[data-profile=steamzone]');
    await page.click('[data-testid=profile-add]');
    await page.waitForSelector('[data-testid=profile-form]');
    await page.fill('[data-testid=profile-form] input[data-field=id]', 'gate');
    await page.fill('[data-testid=profile-form] input[data-field=group]', 'lobby');
    await page.fill('[data-testid=profile-form] input[data-field="name.vi"]', 'Kiosk cổng chính');
    await page.fill('[data-testid=profile-form] input[data-field="name.en"]', 'Main gate kiosk');
    await page.$eval('[data-testid=profile-map]', (el) => el.scrollIntoView({ block: 'center' }));
    const map = await (await page.$('[data-testid=profile-map]')).boundingBox();
    await page.mouse.click(map.x + map.width * 0.47, map.y + map.height * (420 / 700));
    await page.fill('[data-testid=profile-form] input[data-field=opens]', '25:00');
    await page.fill('[data-testid=profile-form] input[data-field=closes]', '17:00');
    await page.click('[data-testid=profile-save]');
    await page.waitForSelector('[data-error-for=opens]:has-text("HH:MM")');
    await shot('paths-05-profile-error');
    await page.fill('[data-testid=profile-form] input[data-field=opens]', '07:30');
    await page.click('[data-testid=profile-save]');
    await page.waitForSelector('[data-testid=profiles-card] tr[data-profile=gate]');
    const gate = await page.evaluate(() => fetch('/api/v1/content/profiles/gate').then((r) => r.json()));
    assert.equal(gate.opens, '07:30');
    assert.ok(Math.abs(gate.position.x - 470) < 15 && Math.abs(gate.position.y - 420) < 15, JSON.stringify(gate.position));
    await shot('paths-06-profiles');
  });

  assert.deepEqual(problems, []);
} catch (e) {
  console.error(`not ok - ${step}: ${e.message}`);
  await shot('paths-failure').catch(() => {});
  process.exitCode = 1;
} finally {
  await browser.close();
}
