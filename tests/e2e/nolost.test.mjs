// Nothing is lost, on any screen: delete with undo and a recently deleted list, two tabs
// that never overwrite each other, undo after a refused paste, a broken import that shows
// no other design's figures; the loading indicator, favicon, keyboard-reachable imports,
// print with every cost line, the phone layout and the Korean UI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { useBrowser, freshPage, artifacts, PREFS_KEY, prefs } from './support.mjs';

const env = useBrowser();

const A = 'version: 1\nname: alpha\nregion: us-east-1\nresources:\n  x: { kind: custom, monthly_usd: 10 }\n';
const B = 'version: 1\nname: beta\nregion: us-east-1\nresources:\n  y: { kind: custom, monthly_usd: 20 }\n';

async function importText(page, name, text) {
  await page.setInputFiles('#import-file', { name, mimeType: 'text/yaml', buffer: Buffer.from(text) });
}

test('a deleted design comes back with Undo, or later from Recently deleted, after a reload', async () => {
  const { page, errors } = await freshPage(env.browser, env.server.url);
  await importText(page, 'beta.yaml', B);
  await page.waitForFunction((b) => document.querySelector('#design').value === b, B);
  const count = await page.locator('#design-picker option').count();
  await page.click('#delete-design');
  await page.waitForSelector('#deleted-toast');
  assert.match(await page.locator('#deleted-toast').textContent(), /beta/);
  assert.equal(await page.locator('#design-picker option').count(), count - 1);
  await page.click('#undo-delete');
  await page.waitForFunction((b) => document.querySelector('#design').value === b, B);
  assert.equal(await page.locator('#design-picker option').count(), count);
  assert.equal(await page.locator('#deleted-toast').count(), 0);
  // Deleted again, then the page reloaded: the list still has it.
  await page.click('#delete-design');
  await page.waitForSelector('#deleted-toast');
  await page.reload();
  await page.waitForSelector('#deleted-picker');
  const label = await page.locator('#deleted-picker option[value="0"]').textContent();
  assert.match(label, /^beta · .*\d/, 'the name and when it was deleted');
  await page.selectOption('#deleted-picker', '0');
  await page.waitForFunction((b) => document.querySelector('#design').value === b, B);
  assert.equal(await page.locator('#deleted-picker').count(), 0, 'the list is empty again');
  assert.deepEqual(errors, []);
  await page.close();
});

test('two tabs on the same designs: each learns of the other, and neither overwrites the other', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1300, height: 900 } });
  const one = await context.newPage();
  const errors = [];
  one.on('pageerror', (e) => errors.push(e.message));
  await one.goto(env.server.url);
  await one.evaluate(([key, value]) => { localStorage.clear(); sessionStorage.clear(); localStorage.setItem(key, value); }, [PREFS_KEY, prefs(false)]);
  await one.reload();
  await one.waitForSelector('#total');
  await importText(one, 'alpha.yaml', A);
  await one.waitForFunction((a) => document.querySelector('#design').value === a, A);
  const two = await context.newPage();
  two.on('pageerror', (e) => errors.push(e.message));
  await two.goto(env.server.url);
  await two.waitForSelector('#total');
  // A new tab opens the design opened last.
  assert.equal(await two.locator('#design').inputValue(), A);
  // Typed in one tab: the other shows it, its own text one Undo away.
  await one.locator('#design').fill(A + '# from tab one\n');
  await two.waitForFunction(() => document.querySelector('#design').value.includes('# from tab one'));
  await two.waitForSelector('#notice');
  // A design added in one tab is listed in the other.
  await importText(two, 'beta.yaml', B);
  await one.waitForFunction(() => [...document.querySelectorAll('#design-picker option')].some((o) => o.textContent === 'beta'));
  // Reloading a tab keeps its own design.
  await one.reload();
  await one.waitForSelector('#total');
  assert.match(await one.locator('#design').inputValue(), /# from tab one/);
  await two.reload();
  await two.waitForSelector('#total');
  assert.equal(await two.locator('#design').inputValue(), B);
  // Deleted in one tab while the other shows it: the other says so and moves on.
  await two.click('#delete-design');
  await two.waitForSelector('#deleted-toast');
  await one.waitForFunction(() => ![...document.querySelectorAll('#design-picker option')].some((o) => o.textContent === 'beta'));
  await one.waitForSelector('#deleted-picker');
  assert.match(await one.locator('#design').inputValue(), /# from tab one/, 'its own design untouched');
  assert.deepEqual(errors, []);
  await context.close();
});

test('undo after a refused paste brings back the last edit; a broken import shows no other design\'s figures', async () => {
  const { page, errors } = await freshPage(env.browser, env.server.url);
  await page.locator('#design').fill(A);
  await page.waitForFunction(() => document.querySelector('#total')?.textContent.includes('$10'));
  await page.waitForTimeout(1100); // typing within a second is one undo step
  await page.locator('#design').fill(A + '# last edit\n');
  await page.waitForFunction(() => document.querySelector('#total'));
  // A paste over the size limit is refused.
  await page.locator('#design').evaluate((el) => {
    el.value = '# ' + 'x'.repeat(600 * 1024);
    el.dispatchEvent(new InputEvent('input', { bubbles: true }));
  });
  await page.waitForFunction(() => /editor reads designs of up to/.test(document.querySelector('#errors')?.textContent || ''));
  await page.keyboard.press('Control+z');
  await page.waitForFunction(() => document.querySelector('#design').value.endsWith('# last edit\n'));
  assert.equal(await page.locator('#errors').count(), 0);
  await page.keyboard.press('Control+z');
  await page.waitForFunction((a) => document.querySelector('#design').value === a, A);
  // A broken file opens as a new design with its errors and no figures of the one before.
  await importText(page, 'broken.yaml', 'name: [unclosed\n');
  await page.waitForSelector('#errors');
  assert.equal(await page.locator('#total').count(), 0, 'no total from the design before');
  assert.equal(await page.locator('#cost-table').count(), 0);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the page paints a loading indicator before the app, has a favicon, and its imports are reachable by keyboard', async () => {
  const page = await env.browser.newPage();
  const missing = [];
  page.on('response', (r) => { if (r.status() >= 400) missing.push(r.url()); });
  // Hold the WebAssembly back: what is on screen meanwhile?
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route('**/*.wasm', async (route) => { await held; await route.continue(); });
  await page.goto(env.server.url);
  await page.waitForSelector('#boot');
  assert.ok(await page.locator('#boot').isVisible(), 'the indicator shows while the app loads');
  assert.match(await page.locator('#boot').textContent(), /Loading/);
  release();
  await page.waitForSelector('#total');
  assert.equal(await page.locator('#boot').isVisible(), false, 'gone once the app is drawn');
  const icon = await page.evaluate(async () => (await fetch(document.querySelector('link[rel=icon]').href)).status);
  assert.equal(icon, 200);
  assert.deepEqual(missing, []);
  // Tab reaches the file inputs (Enter or Space then opens the picker).
  const reached = new Set();
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    reached.add(await page.evaluate(() => document.activeElement?.id || ''));
  }
  for (const id of ['import-file', 'pack-file', 'tf-folder', 'tf-files']) {
    assert.ok(reached.has(id), `${id} is reached by Tab (${[...reached].join(' ')})`);
  }
  await page.close();
});

test('print keeps every cost line; a phone shows the amounts; the Korean UI is Korean', async () => {
  const { page, errors } = await freshPage(env.browser, env.server.url);
  await page.waitForSelector('#cost-table');
  const lines = await page.evaluate(() => document.querySelectorAll('#cost-table tr.line').length);
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await page.waitForFunction((n) => document.querySelectorAll('#cost-table tr.line').length > n, lines);
  await page.emulateMedia({ media: 'print' });
  const shown = await page.evaluate(() => [...document.querySelectorAll('#cost-table tr.line')].filter((r) => getComputedStyle(r).display !== 'none').length);
  const resources = await page.evaluate(() => document.querySelectorAll('#cost-table tbody.resource').length);
  assert.ok(shown >= resources, `${shown} lines printed for ${resources} resources`);
  await page.emulateMedia({ media: 'screen' });
  await page.close();

  const phone = await freshPage(env.browser, env.server.url, { width: 390, height: 844 });
  const p = phone.page;
  await p.waitForSelector('#cost-table');
  const bar = await p.evaluate(() => document.querySelector('.toolbar').getBoundingClientRect().height);
  assert.ok(bar <= 80, `the toolbar takes ${bar} px of 844`);
  // The monthly amounts are within the screen's width, without scrolling sideways.
  const cut = await p.evaluate(() => [...document.querySelectorAll('#cost-table td.num')]
    .filter((td) => getComputedStyle(td).display !== 'none')
    .map((td) => td.getBoundingClientRect().right)
    .filter((right) => right > window.innerWidth + 1).length);
  assert.equal(cut, 0, 'amounts cut off on a phone');
  const small = await p.evaluate(() => [...document.querySelectorAll('.toolbar button, .toolbar select')]
    .filter((el) => el.offsetParent !== null)
    .map((el) => el.getBoundingClientRect())
    .filter((r) => r.height < 44).length);
  assert.equal(small, 0, 'touch targets under 44 px');
  await p.screenshot({ path: path.join(artifacts, 'phone.png') });
  // Korean: the controls and panels speak it.
  await p.selectOption('#lang-picker', 'ko');
  await p.waitForFunction(() => document.documentElement.lang === 'ko');
  const text = await p.evaluate(() => document.querySelector('.app').innerText);
  for (const english of ['Delete design', 'Import policy pack', 'Open Terraform folder', 'No open findings']) {
    assert.ok(!text.includes(english), `"${english}" left in English`);
  }
  await p.screenshot({ path: path.join(artifacts, 'phone-korean.png') });
  assert.deepEqual([...errors, ...phone.errors], []);
  await p.close();
});

test('KRW without a rate says the amounts stay in dollars, and which rate it uses once there is one', async () => {
  const { page, errors } = await freshPage(env.browser, env.server.url);
  await page.waitForSelector('#total');
  await page.selectOption('#currency-picker', 'KRW');
  await page.waitForSelector('#krw-rate-note');
  const design = await page.locator('#design').inputValue();
  const designRate = /usd_to_krw|currency: KRW/.test(design);
  if (!designRate) {
    assert.match(await page.locator('#krw-rate-note').textContent(), /no rate/);
    assert.match(await page.locator('#total').textContent(), /^\$/);
  }
  await page.locator('#krw-rate').fill('1400');
  await page.locator('#krw-rate').press('Enter');
  await page.waitForFunction(() => document.querySelector('#total').textContent.startsWith('₩'));
  assert.match(await page.locator('#krw-rate-note').textContent(), /your rate/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('an edit is written off the keystroke, a second later or at once when the page goes away', async () => {
  const { page, errors } = await freshPage(env.browser, env.server.url);
  await page.locator('#design').fill(A);
  const stored = (needle) => page.evaluate((n) => Object.keys(localStorage)
    .some((k) => k.startsWith('planwright.design.') && localStorage.getItem(k).includes(n)), needle);
  await page.waitForFunction(() => Object.keys(localStorage)
    .some((k) => k.startsWith('planwright.design.') && localStorage.getItem(k).includes('name: alpha')));
  // Typed, then the page reloaded at once: pagehide writes it.
  await page.locator('#design').fill(A.replace('alpha', 'alpha-2'));
  await page.reload();
  await page.waitForSelector('#total');
  assert.match(await page.locator('#design').inputValue(), /name: alpha-2/);
  assert.ok(await stored('name: alpha-2'));
  // Hidden (another tab in front): written at once.
  await page.locator('#design').fill(A.replace('alpha', 'alpha-3'));
  await page.evaluate(() => {
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  assert.ok(await stored('name: alpha-3'), 'written when hidden, without waiting');
  assert.deepEqual(errors, []);
  await page.close();
});
