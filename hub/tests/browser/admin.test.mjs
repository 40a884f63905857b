// The admin page in a real browser: sign in, edit a tenant in both languages, build an
// itinerary, add an exhibit with its steps and quiz, edit the park's facts and chain,
// publish, see the fleet page, page through the audit log, manage API tokens, change one's
// password, and see the forms follow the hub's schema. Each step leaves a screenshot in
// artifacts/. The page is switched to English on its sign-in page (i18n.test.mjs drives it
// in Vietnamese, its default).
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
    await page.click('#login [data-language=en]');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
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

  await run('edit a source document: names typed apart by commas, a bad link refused at its field', async () => {
    await page.click('#nav a[data-page=sources]');
    await page.waitForSelector('table tbody tr.clickable');
    await page.fill('input[type=search]', 'Công an');
    await page.waitForFunction(() => document.querySelectorAll('table tbody tr.clickable').length === 1);
    await page.click('table tbody tr.clickable');
    await page.waitForSelector('input[data-field=unconfirmedNames]');
    assert.equal(await page.locator('button:has-text("Preview on kiosk")').count(), 0);  // shown only through what cites it
    const before = await page.evaluate(() => fetch('/api/v1/content/sources/004').then((r) => r.json()));
    await page.fill('input[data-field=unconfirmedNames]', 'Tran Van A,  Le Thi B , ');
    await page.fill('input[data-field=link]', 'ftp://cand.com.vn');
    await page.click('button:has-text("Save changes")');
    await page.waitForSelector('[data-error-for=link]:has-text("http")');
    await shot('04b-source-error');
    const unchanged = await page.evaluate(() => fetch('/api/v1/content/sources/004').then((r) => r.json()));
    assert.deepEqual(unchanged, before);
    await page.fill('input[data-field=link]', before.link || 'https://cand.com.vn/');
    await page.click('button:has-text("Save changes")');
    await page.waitForSelector('#toast:has-text("Saved")');
    const saved = await page.evaluate(() => fetch('/api/v1/content/sources/004').then((r) => r.json()));
    assert.deepEqual(saved.unconfirmedNames, ['Tran Van A', 'Le Thi B']);
    assert.equal(saved.title, before.title);
    await shot('04c-source-saved');
    await page.click('#nav a[data-page=tenants]');
    await page.waitForSelector('table tbody tr');
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
    await page.fill('input[data-field=date]', '14/05/2030');
    await page.fill('input[data-field=start]', '09:00');
    await page.fill('input[data-field=end]', '11:00');
    for (const [i, start, end] of [[0, '09:00', '09:45'], [1, '10:00', '10:30']]) {
      await page.click('[data-testid=add-stop]');
      const stop = page.locator('.stop').nth(i);
      await stop.locator('select').selectOption({ index: i + 1 });
      await stop.locator('input.when-time').nth(0).fill(start);
      await stop.locator('input.when-time').nth(1).fill(end);
      await stop.locator('.stop-activity-vi input').fill(i ? 'Tham quan' : 'Đón đoàn');
      await stop.locator('.stop-activity-en input').fill(i ? 'Tour' : 'Welcome');
    }
    // An overlapping third stop is refused at its own field.
    await page.click('[data-testid=add-stop]');
    const third = page.locator('.stop').nth(2);
    await third.locator('select').selectOption({ index: 1 });
    await third.locator('input.when-time').nth(0).fill('10:15');
    await third.locator('input.when-time').nth(1).fill('10:20');
    await page.click('button:has-text("Add itinerary")');
    await page.waitForSelector('[data-error-for="stops[2].start"]:not(:empty)');
    await shot('06-itinerary-error');
    await third.locator('button[title=Remove]').click();
    await page.click('button:has-text("Add itinerary")');
    await page.waitForSelector('#toast:has-text("Saved")');
    await page.waitForSelector('h2:has-text("district-12-visit")');
    await shot('07-itinerary-saved');
  });

  await run('add an exhibit theme', async () => {
    await page.click('#nav a[data-page=themes]');
    await page.click('button:has-text("New theme")');
    await page.fill('input[data-field=id]', 'energy');
    await page.fill('input[data-field="name.vi"]', 'Năng lượng');
    await page.fill('input[data-field="name.en"]', 'Energy');
    await page.click('button:has-text("Add theme")');
    await page.waitForSelector('#toast:has-text("Saved")');
    await page.waitForSelector('h2:has-text("energy")');
  });

  await run('write an exhibit quiz in both languages; a missing answer and Vietnamese text are refused at their fields', async () => {
    await page.click('#nav a[data-page=exhibits]');
    await page.click('button:has-text("New exhibit")');
    await page.fill('input[data-field=id]', 'solar-car');
    await page.fill('input[data-field="name.vi"]', 'Xe năng lượng mặt trời');
    await page.fill('input[data-field="name.en"]', 'Solar car');
    await page.selectOption('select[data-field=theme]', 'energy');
    await page.fill('textarea[data-field="what.vi"]', 'Một chiếc xe nhỏ chạy bằng ánh sáng.');
    await page.fill('textarea[data-field="what.en"]', 'A small car that runs on light.');
    for (const [i, vi, en] of [[0, 'Đặt xe dưới đèn.', 'Put the car under the lamp.'], [1, 'Che tấm pin lại.', 'Cover the panel.']]) {
      await page.click('[data-testid=add-steps]');
      await page.fill(`input[data-field="steps[${i}].vi"]`, vi);
      await page.fill(`input[data-field="steps[${i}].en"]`, en);
    }
    await page.click('[data-testid=add-quiz]');
    await page.fill('input[data-field="quiz[0].question.vi"]', 'Xe lấy năng lượng từ đâu?');
    await page.fill('input[data-field="quiz[0].question.en"]', 'Where does the car get its energy?');
    await page.fill('input[data-field="quiz[0].choices[0].vi"]', 'Ánh sáng');
    await page.fill('input[data-field="quiz[0].choices[0].en"]', 'Light');
    await page.fill('input[data-field="quiz[0].choices[1].en"]', 'Wind');  // no Vietnamese, and no right answer marked
    await page.click('button:has-text("Add exhibit")');
    await page.waitForSelector('[data-error-for="quiz[0].choices[1].vi"]:has-text("Vietnamese")');
    await page.waitForSelector('[data-error-for="quiz[0].answer"]:has-text("answer")');
    assert.ok(await page.locator('input[data-field="quiz[0].choices[1].vi"]').evaluate((el) => el.classList.contains('invalid')));
    await shot('08-exhibit-quiz-error');
    await page.fill('input[data-field="quiz[0].choices[1].vi"]', 'Gió');
    await page.click('[data-testid=add-choice]');
    await page.fill('input[data-field="quiz[0].choices[2].vi"]', 'Pin sạc');
    await page.fill('input[data-field="quiz[0].choices[2].en"]', 'A charged battery');
    await page.locator('[data-testid=quiz] .item').first().locator('input[type=radio]').first().check();
    await page.fill('textarea[data-field="quiz[0].explanation.vi"]', 'Tấm pin biến ánh sáng thành điện.');
    await page.fill('textarea[data-field="quiz[0].explanation.en"]', 'The panel turns light into electricity.');
    await page.click('button:has-text("Add exhibit")');
    await page.waitForSelector('#toast:has-text("Saved")');
    await page.waitForSelector('h2:has-text("solar-car")');
    await shot('09-exhibit-saved');
    const saved = await page.evaluate(() => fetch('/api/v1/content/exhibits/solar-car').then((r) => r.json()));
    assert.deepEqual([saved.ageMin, saved.ageMax], [6, 99]);  // ages left empty keep the defaults
    assert.equal(saved.steps.length, 2);
    assert.equal(saved.steps[1].en, 'Cover the panel.');
    assert.equal(saved.quiz.length, 1);
    assert.equal(saved.quiz[0].answer, 0);
    assert.deepEqual(saved.quiz[0].choices.map((c) => c.vi), ['Ánh sáng', 'Gió', 'Pin sạc']);
    assert.equal(saved.quiz[0].explanation.en, 'The panel turns light into electricity.');
    // Removing the choice marked right leaves the question without an answer: refused until one is marked.
    await page.locator('[data-testid=quiz] .item.compact').first().locator('button[title=Remove]').click();
    await page.click('button:has-text("Save changes")');
    await page.waitForSelector('[data-error-for="quiz[0].answer"]:not(:empty)');
    await page.locator('[data-testid=quiz] .item.compact').nth(1).locator('input[type=radio]').check();
    await page.click('button:has-text("Save changes")');
    await page.waitForSelector('#toast:has-text("Saved")');
    const edited = await page.evaluate(() => fetch('/api/v1/content/exhibits/solar-car').then((r) => r.json()));
    assert.deepEqual(edited.quiz[0].choices.map((c) => c.en), ['Wind', 'A charged battery']);
    assert.equal(edited.quiz[0].answer, 1);
  });

  await run('edit a park fact and the chain of parks', async () => {
    await page.click('#nav a[data-page=park]');
    await page.waitForSelector('input[data-field="facts[0].value.vi"]');
    const before = await page.evaluate(() => fetch('/api/v1/content/park').then((r) => r.json()));
    const facts = await page.locator('[data-testid=facts] .items > .item').count();
    await page.fill('input[data-field="facts[0].value.vi"]', 'Ngày 16/3/2001');
    await page.fill('input[data-field="facts[0].value.en"]', '16 March 2001');
    await page.click('[data-testid=add-facts]');
    await page.fill(`input[data-field="facts[${facts}].label.en"]`, 'Kiosks');
    await page.fill(`input[data-field="facts[${facts}].value.vi"]`, '3');
    await page.click('button:has-text("Save changes")');
    await page.waitForSelector(`[data-error-for="facts[${facts}].label.vi"]:has-text("Vietnamese")`);
    await shot('10-park-fact-error');
    await page.fill(`input[data-field="facts[${facts}].label.vi"]`, 'Ki-ốt');
    await page.fill(`input[data-field="facts[${facts}].value.en"]`, '3');
    await page.fill(`input[data-field="facts[${facts}].asOf"]`, '2024');
    // Two parks in the chain with one id are refused at the second.
    const firstId = await page.inputValue('input[data-field="chain[0].id"]');
    const secondId = await page.inputValue('input[data-field="chain[1].id"]');
    await page.fill('input[data-field="chain[1].id"]', firstId);
    await page.click('button:has-text("Save changes")');
    await page.waitForSelector('[data-error-for="chain[1].id"]:has-text("another park")');
    await page.fill('input[data-field="chain[1].id"]', secondId);
    await page.locator('input[data-field="chain[1].official"]').check();
    await page.click('button:has-text("Save changes")');
    await page.waitForSelector('#toast:has-text("Saved the park")');
    await shot('11-park-saved');
    const park = await page.evaluate(() => fetch('/api/v1/content/park').then((r) => r.json()));
    assert.equal(park.facts[0].value.vi, 'Ngày 16/3/2001');
    assert.equal(park.facts[0].value.en, '16 March 2001');
    assert.equal(park.facts[facts].id, 'kiosks');
    assert.equal(park.facts[facts].label.vi, 'Ki-ốt');
    assert.equal(park.chain[1].official, false);
    // The year a figure is stated for and the documents the chain cites survive the page.
    assert.equal(park.facts[facts].asOf, 2024);
    assert.deepEqual(park.facts.slice(0, facts).map((f) => [f.asOf || 0, f.source]),
      before.facts.map((f) => [f.asOf || 0, f.source]));
    assert.deepEqual(park.chain.map((m) => [m.asOf || 0, m.source || '']), before.chain.map((m) => [m.asOf || 0, m.source || '']));
    assert.ok(before.chain.some((m) => m.source), 'the chain cites its documents');
  });

  await run('publish with a note and see the version', async () => {
    await page.click('#nav a[data-page=publish]');
    await page.fill('input[name=note]', 'District 12 visit and a corrected tenant name');
    await page.click('button:has-text("Publish to kiosks")');
    await page.waitForSelector('td:has-text("District 12 visit")');
    await shot('12-published');
  });

  await run('pair a kiosk, then see it on the fleet page once it reports with its key', async () => {
    await page.click('#nav a[data-page=fleet]');
    await page.fill('[data-testid=pair-form] input[name=kioskId]', '../lobby');
    await page.click('button:has-text("Pair and show its key")');
    await page.waitForSelector('[data-testid=pair-form] [data-error-for=id]:not(:empty)');
    await page.fill('[data-testid=pair-form] input[name=kioskId]', 'lobby-a');
    await page.click('button:has-text("Pair and show its key")');
    const key = (await page.textContent('[data-testid=kiosk-key]')).trim();
    assert.match(key, /^qk_[0-9a-f]{64}$/);
    await page.waitForSelector('td:has-text("waiting for its first report")');
    await shot('13-fleet-paired');
    const report = (bearer) => page.evaluate(([k]) => fetch('/api/v1/reports', {
      method: 'POST', headers: { 'Content-Type': 'application/json', ...(k ? { Authorization: `Bearer ${k}` } : {}) },
      body: JSON.stringify({ id: `browser-${k ? 1 : 0}`, kioskId: 'lobby-a', contentVersion: 1, result: 'installed', freeDiskBytes: 5e9,
        usage: { opened: { 'tenant:agri-coe': 7 }, searchesNotFound: { 'căn tin': 3 } } }) }).then((r) => r.status), [bearer]);
    assert.equal(await report(''), 401);
    assert.equal(await report(key), 201);
    await page.click('button:has-text("Refresh")');
    await page.waitForSelector('tr:not(.stale) td:has-text("lobby-a")');
    await shot('13-fleet');
    await page.click('#nav a[data-page=usage]');
    // The search that found nothing is a bar of its chart, its words beside it.
    await page.waitForSelector('svg[data-chart=searchesNotFound] text:has-text("căn tin")');
    await shot('14-usage');
  });

  await run('a welcome for one kiosk group and one paired kiosk, and the list says whom it is for', async () => {
    await page.evaluate(() => { location.hash = 'welcomes/new'; });
    await page.waitForSelector('[data-field=groups] input[value=steamzone]');
    // The choices are the profiles' groups, named with their profiles, and the kiosk just paired.
    assert.match(await page.textContent('[data-field=groups]'), /steamzone \(STEAMZONE kiosk\)/);
    assert.ok(await page.$('[data-field=kiosks] input[value=lobby-a]'));
    await page.fill('input[name=id]', 'students-morning');
    await page.fill('textarea[name="text.vi"]', 'Chào các bạn học sinh');
    await page.fill('input[name=starts]', '02/12/2026 08:00');
    await page.fill('input[name=ends]', '02/12/2026 11:00');
    await page.check('[data-field=groups] input[value=steamzone]');
    await page.check('[data-field=kiosks] input[value=lobby-a]');
    await shot('13-welcome-audience');
    await page.click('form.form button[type=submit]');
    // Saved, the record's own page opens with what was ticked.
    await page.waitForFunction(() => location.hash === '#welcomes/students-morning');
    await page.waitForSelector('[data-field=groups] input[value=steamzone]:checked');
    const saved = await page.evaluate(() => fetch('/api/v1/content/welcomes/students-morning').then((r) => r.json()));
    assert.deepEqual(saved.groups, ['steamzone']);
    assert.deepEqual(saved.kiosks, ['lobby-a']);
    await page.evaluate(() => { location.hash = 'welcomes'; });
    await page.waitForSelector('tr:has-text("Chào các bạn học sinh") td:has-text("steamzone, lobby-a")');
    // Neither ticked: for every kiosk, and the list says so.
    await page.evaluate(() => { location.hash = 'welcomes/students-morning'; });
    await page.waitForSelector('[data-field=groups] input[value=steamzone]:checked');
    await page.uncheck('[data-field=groups] input[value=steamzone]');
    await page.uncheck('[data-field=kiosks] input[value=lobby-a]');
    await page.click('form.form button[type=submit]');
    await page.waitForFunction(() => fetch('/api/v1/content/welcomes/students-morning').then((r) => r.json()).then((w) => !w.groups.length && !w.kiosks.length));
    await page.evaluate(() => { location.hash = 'welcomes'; });
    await page.waitForSelector('tr:has-text("Chào các bạn học sinh") td:has-text("Every kiosk")');
    await shot('13-welcomes');
  });

  await run('page through the audit log', async () => {
    // 60 token creations and revocations make more than two pages of entries.
    await page.evaluate(async () => {
      const csrf = (await fetch('/api/v1/session').then((r) => r.json())).csrfToken;
      const headers = { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf };
      for (let i = 0; i < 30; i++) {
        await fetch('/api/v1/tokens', { method: 'POST', headers, body: JSON.stringify({ label: `batch-${i}` }) });
      }
      for (const t of await fetch('/api/v1/tokens').then((r) => r.json())) await fetch(`/api/v1/tokens/${t.id}`, { method: 'DELETE', headers });
    });
    await page.click('#nav a[data-page=audit]');
    await page.waitForSelector('td:has-text("removed API token")');
    assert.equal(await page.locator('main table > tbody > tr').count(), 50);
    const newest = Number(await page.locator('main table > tbody > tr td').first().textContent());
    await page.locator('[data-testid=audit-older]').first().click();
    await page.waitForFunction((n) => location.hash === `#audit/${n - 49}`, newest);
    await page.waitForSelector(`main table > tbody > tr:first-child td:first-child:text-is("${newest - 50}")`);
    await shot('15-audit-older');
    await page.locator('[data-testid=audit-newer]').first().click();
    await page.waitForSelector(`main table > tbody > tr:first-child td:first-child:text-is("${newest}")`);
  });

  await run('create and revoke an API token', async () => {
    await page.click('#nav a[data-page=me]');
    await page.click('[data-testid=token-form] button:has-text("Create token")');
    await page.waitForSelector('[data-error-for=label]:not(:empty)');
    await page.fill('input[data-field=label]', 'nightly-import');
    await page.click('[data-testid=token-form] button:has-text("Create token")');
    const token = await (await page.waitForSelector('[data-testid=new-token]')).textContent();
    await page.waitForSelector('td:has-text("nightly-import")');
    await shot('16-token-created');
    const status = await page.evaluate((t) => fetch('/api/v1/session', { headers: { Authorization: `Bearer ${t}` }, credentials: 'omit' }).then((r) => r.status), token);
    assert.equal(status, 200);
    page.once('dialog', (d) => d.accept());
    await page.click('tr:has-text("nightly-import") button:has-text("Revoke")');
    await page.waitForSelector('td:has-text("You have no API tokens")');
    const after = await page.evaluate((t) => fetch('/api/v1/session', { headers: { Authorization: `Bearer ${t}` }, credentials: 'omit' }).then((r) => r.status), token);
    assert.equal(after, 401);
  });

  await run('change one\'s own password and sign in with it', async () => {
    await page.fill('input[data-field=current]', 'not-my-password');
    await page.fill('input[data-field=password]', 'a-new-long-password');
    await page.fill('input[data-field=again]', 'a-new-long-password');
    await page.click('button:has-text("Change password")');
    await page.waitForSelector('[data-error-for=current]:has-text("not your current password")');
    await page.fill('input[data-field=current]', process.env.HUB_PASSWORD);
    await page.fill('input[data-field=again]', 'a-different-one');
    await page.click('button:has-text("Change password")');
    await page.waitForSelector('[data-error-for=again]:has-text("does not match")');
    await shot('17-password-error');
    await page.fill('input[data-field=again]', 'a-new-long-password');
    await page.click('button:has-text("Change password")');
    await page.waitForSelector('#login-form');
    await page.fill('#login-form input[name=password]', 'a-new-long-password');
    await page.click('#login-form button[type=submit]');
    await page.waitForSelector('h2:has-text("Your account")');
  });

  await run('the forms follow the hub\'s schema: its fields, enums and id rule, a field it adds, its password minimum', async () => {
    const real = await page.evaluate(() => fetch('/api/v1/schema').then((r) => r.json()));
    await page.evaluate(() => { location.hash = 'tenants/new'; });
    await page.waitForSelector('h2:has-text("New unit or company")');
    for (const f of real.content.kinds.tenant.fields.filter((x) => x.name !== 'sample')) {
      assert.ok(await page.locator(`[data-field="${f.name}"], [data-field^="${f.name}."]`).count() > 0, `no input for the tenant's ${f.name}`);
    }
    const id = page.locator('input[data-field=id]');
    assert.equal(await id.getAttribute('pattern'), real.content.id.pattern);
    assert.equal(Number(await id.getAttribute('maxlength')), real.content.id.maxLength);
    await page.evaluate(() => { location.hash = 'places/new'; });
    await page.waitForSelector('h2:has-text("New place")');
    const kinds = await page.locator('select[data-field=kind] option').evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
    assert.deepEqual(kinds, real.content.enums.placeKind);

    // A hub that describes one more tenant field and a longer password minimum.
    await page.route('**/api/v1/schema', async (route) => {
      const response = await route.fetch();
      const schema = await response.json();
      schema.content.kinds.tenant.fields.push({ name: 'badge', source: 'badge', type: 'string', required: false });
      schema.limits.password.minLength = real.limits.password.minLength + 14;
      await route.fulfill({ response, json: schema });
    });
    await page.reload();
    await page.waitForSelector('#nav a[data-page=tenants]');
    await page.evaluate(() => { location.hash = 'tenants/new'; });
    await page.waitForSelector('label:has-text("badge") input[data-field=badge]');
    await shot('18-schema-field');
    const minimum = real.limits.password.minLength + 14;
    await page.evaluate(() => { location.hash = 'accounts'; });
    await page.waitForSelector(`label:has-text("Password (${minimum}+ characters)")`);
    await page.fill('input[data-field=name]', 'limit-test');
    await page.fill('input[data-field=password]', 'x'.repeat(minimum - 1));
    await page.click('button:has-text("Add account")');
    await page.waitForSelector(`[data-error-for=password]:has-text("at least ${minimum}")`);
    const names = await page.evaluate(() => fetch('/api/v1/accounts').then((r) => r.json()).then((l) => l.map((a) => a.name)));
    assert.ok(!names.includes('limit-test'), 'the page sent a password shorter than the hub\'s minimum');
    await page.unroute('**/api/v1/schema');
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
