// The fleet page's live parts in a real browser: a kiosk asks to be paired and the admin types
// the code it would show (derived here as the kiosk derives it, with libsodium through
// Python's ctypes); a wrong code is refused with the hub's words; an announcement in both
// languages is posted to a group, listed and withdrawn; "sync now" and "screenshot" are asked
// of a kiosk, and the screenshot it uploads is shown on its row with its time, uptime, software
// version and warnings. Each step leaves a screenshot in artifacts/.
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';

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

// The code a kiosk shows (qtsc::sync::fleet::pairingCode).
const CODE = String.raw`
import ctypes, hashlib, sys
kiosk, publisher, nonce = sys.argv[1:4]
s = ctypes.CDLL("libsodium.so.23"); assert s.sodium_init() >= 0
s.crypto_pwhash.argtypes = [ctypes.c_char_p, ctypes.c_ulonglong, ctypes.c_char_p, ctypes.c_ulonglong, ctypes.c_char_p,
                            ctypes.c_ulonglong, ctypes.c_size_t, ctypes.c_int]
text = ("qtsc-pairing-v1\n%s\n%s\n%s" % (kiosk, publisher, nonce)).encode()
salt = hashlib.sha256(nonce.encode()).hexdigest()[:16].encode()
out = ctypes.create_string_buffer(16)
assert s.crypto_pwhash(out, 16, text, len(text), salt, 3, 16 * 1024 * 1024, 2) == 0
bits = int.from_bytes(out.raw[:5], "big")
alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
code = "".join(alphabet[(bits >> (5 * i)) & 31] for i in range(7, -1, -1))
print(code[:4] + "-" + code[4:])
`;

async function kioskAsksToPair(proposedId) {
  const kioskKey = randomBytes(32).toString('hex');
  const res = await fetch(url + '/api/v1/pairing', { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ kioskKey, proposedId }) });
  assert.equal(res.status, 201);
  const r = await res.json();
  const code = execFileSync('python3', ['-c', CODE, kioskKey, r.publisherKey, r.nonce]).toString().trim();
  return { code, request: r.request };
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
    await page.waitForSelector('#nav a[data-page=fleet]');
  });

  const pairing = await kioskAsksToPair('museum-1');
  await run('a wrong code is refused with the hub\'s words; the code on the glass pairs the kiosk', async () => {
    await page.click('#nav a[data-page=fleet]');
    await page.waitForSelector('[data-testid=pair-code-form]');
    await page.fill('input[name=pairingCode]', 'ZZZZ-ZZZZ');
    await page.click('[data-testid=pair-code-form] button[type=submit]');
    await page.waitForFunction(() => document.querySelector('[data-testid=pair-code-form] .form-error').textContent.includes('ZZZZ-ZZZZ'));
    await shot('fleet-01-wrong-code');
    await page.fill('input[name=pairingCode]', pairing.code.toLowerCase());
    await page.click('[data-testid=pair-code-form] button[type=submit]');
    await page.waitForSelector('[data-testid=fleet-live] tr[data-kiosk=museum-1]');
    const result = await (await fetch(`${url}/api/v1/pairing/${pairing.request}`)).json();
    assert.equal(result.status, 'paired');
    assert.equal(result.kioskId, 'museum-1');
    await shot('fleet-02-paired');
  });

  // A second kiosk paired by id, so this test holds its report key and can act as the kiosk.
  const key = await page.evaluate(async () => (await api('POST', '/kiosks', { id: 'lobby-1' })).key);
  const asKiosk = (path, body, type) => fetch(`${url}/api/v1/kiosks/lobby-1/${path}`, { method: 'POST',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': type }, body });
  assert.equal((await asKiosk('status', JSON.stringify({ uptimeSeconds: 7400, softwareVersion: '0.1.0', group: 'lobby',
    warnings: ['free disk under 1 GB'] }), 'application/json')).status, 200);

  await run('an announcement in both languages for a group: posted, listed, withdrawn', async () => {
    await page.evaluate(() => pageFleet());
    await page.waitForSelector('[data-testid=announcement-form]');
    await page.fill('textarea[name=annVi]', 'Công viên đóng cửa lúc 15:00 hôm nay');
    await page.click('[data-testid=announcement-form] button[type=submit]');
    await page.waitForFunction(() => document.querySelector('[data-testid=announcement-form] .form-error, [data-testid=announcement-form] .field-error'));
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=announcement-form] .form-error, [data-testid=announcement-form] .field-error')].some((e) => e.textContent.trim()));
    await shot('fleet-03-announcement-missing-english');
    await page.fill('textarea[name=annEn]', 'The park closes at 15:00 today');
    await page.selectOption('select[name=annTarget]', 'group:lobby');
    await page.click('[data-testid=announcement-form] button[type=submit]');
    await page.waitForFunction(() => (document.querySelector('[data-testid=announcements] tbody')?.textContent || '').includes('The park closes'));
    const listed = await page.evaluate(() => api('GET', '/announcements'));
    assert.equal(listed.announcements.length, 1);
    assert.deepEqual(listed.announcements[0].target.groups, ['lobby']);
    await shot('fleet-04-announcement-posted');
  });

  await run('sync now and a screenshot are asked of a kiosk; its screen appears on its row', async () => {
    await page.click('tr[data-kiosk=lobby-1] [data-testid=sync-now]');
    await page.click('tr[data-kiosk=lobby-1] [data-testid=screenshot]');
    await page.waitForSelector('tr[data-kiosk=lobby-1] .badge.warn');
    const commands = await (await fetch(`${url}/api/v1/kiosks/lobby-1/commands`, { headers: { Authorization: `Bearer ${key}` } })).json();
    assert.equal(commands.syncNow, 1);
    assert.equal(commands.screenshotPending, true);
    // The kiosk answers with its screen (here: a 640 × 360 part of this page, as a PNG).
    const png = await page.screenshot({ clip: { x: 0, y: 0, width: 640, height: 360 } });
    assert.equal((await asKiosk('screenshot', png, 'image/png')).status, 201);
    await page.evaluate(() => pageFleet());
    await page.waitForSelector('tr[data-kiosk=lobby-1] img.kiosk-shot');
    await page.waitForFunction(() => document.querySelector('tr[data-kiosk=lobby-1] img.kiosk-shot').naturalWidth === 640);
    const row = await page.textContent('tr[data-kiosk=lobby-1]');
    for (const said of ['2 h', '0.1.0', 'free disk under 1 GB', 'Group lobby']) assert.ok(row.includes(said), `${said} in: ${row}`);
    await shot('fleet-05-screenshot');
  });

  await run('withdrawing the announcement', async () => {
    page.once('dialog', (d) => d.accept());
    await page.click('[data-testid=announcements] button.link');
    await page.waitForFunction(() => document.querySelector('[data-testid=announcements] tbody') && !document.querySelector('[data-testid=announcements] tbody').textContent.includes('The park closes'));
    assert.equal((await page.evaluate(() => api('GET', '/announcements'))).announcements.length, 0);
  });

  assert.deepEqual(problems, []);
  console.log('fleet: all passed');
} catch (e) {
  await shot('fleet-failure').catch(() => {});
  console.error(`not ok - ${step}: ${e.stack || e}`);
  if (problems.length) console.error(problems.join('\n'));
  process.exitCode = 1;
} finally {
  await browser.close();
}
