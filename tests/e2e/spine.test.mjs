// The spine, end to end in a real browser: the page loads an example, a keystroke reprices,
// the design survives a reload, a syntax error shows its line while the last result stays.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { useBrowser, artifacts, freshPage } from './support.mjs';

const env = useBrowser();

const total = (page) => page.locator('#total').innerText();

/** Selects `needle` in the design textarea (first occurrence), so typing replaces it. */
async function select(page, needle) {
  await page.locator('#design').evaluate((el, needle) => {
    const at = el.value.indexOf(needle);
    if (at < 0) throw new Error(`${needle} not in the design`);
    el.focus();
    el.setSelectionRange(at, at + needle.length);
  }, needle);
}

test('typing reprices, reload keeps the design, a syntax error keeps the last result', async () => {
  const { page, errors: pageErrors } = await freshPage(env.browser, env.server.url, { width: 1400, height: 900 });

  await page.locator('#total').waitFor();
  const first = await total(page);
  assert.match(first, /^\$[\d,]+\.\d\d/, 'a dollar total is shown');
  assert.equal(await page.locator('.resource').count() > 5, true, 'the per-resource table is shown');

  // Keystrokes: t3.medium -> t3.large on the web tier.
  await select(page, 't3.medium');
  await page.keyboard.type('t3.large');
  await page.waitForFunction((before) => document.querySelector('#total').innerText !== before, first);
  const second = await total(page);
  assert.notEqual(second, first, 'the total changed');
  // Line items are one click away (sortable table, resources expand).
  await page.locator('#cost-table [data-resource="web"] button.expand').click();
  assert.match(await page.locator('#cost-table [data-resource="web"]').innerText(), /t3\.large/);

  // Reload: the edited design is still there, priced the same.
  await page.reload();
  await page.locator('#total').waitFor();
  assert.match(await page.locator('#design').inputValue(), /instance_type: t3\.large/);
  assert.equal(await total(page), second);

  // A syntax error: located, and the last result stays visible (marked stale).
  await select(page, 'name: shop-prod');
  await page.keyboard.type('name: [shop-prod');
  await page.locator('#errors').waitFor();
  const err = await page.locator('#errors').innerText();
  assert.match(err, /\d+:\d+/, 'the error shows line:column');
  assert.match(err, /syntax/);
  assert.equal(await total(page), second, 'the last good total stays');
  await page.locator('#stale-note').waitFor();
  await page.screenshot({ path: path.join(artifacts, 'syntax-error.png') });

  // A validation error carries its hint; clicking it puts the cursor on its line.
  await select(page, 'name: [shop-prod');
  await page.keyboard.type('name: shop-prod');
  await select(page, 'multi_az: true');
  await page.keyboard.type('multi_azz: true');
  await page.locator('#errors').waitFor();
  assert.match(await page.locator('#errors').innerText(), /did you mean `multi_az`\?/);
  await page.locator('#errors .at').first().click();
  const caretLine = await page.locator('#design').evaluate((el) => el.value.slice(0, el.selectionStart).split('\n').length);
  const shownLine = Number((await page.locator('#errors .at').first().innerText()).split(':')[0]);
  assert.equal(caretLine, shownLine, 'the caret is on the error line');

  // Fix it and load another example: the table follows.
  await select(page, 'multi_azz: true');
  await page.keyboard.type('multi_az: true');
  await page.locator('#errors').waitFor({ state: 'detached' });
  await page.selectOption('#example-picker', '3');
  await page.locator('#env-picker').waitFor();
  const prod = await total(page);
  await page.selectOption('#env-picker', 'dev');
  await page.waitForFunction((before) => document.querySelector('#total').innerText !== before, prod);
  assert.ok(parseFloat((await total(page)).replace(/[$,]/g, '')) < parseFloat(prod.replace(/[$,]/g, '')), 'dev costs less than prod');

  await page.selectOption('#example-picker', '0');
  await page.locator('#total').waitFor();
  await page.screenshot({ path: path.join(artifacts, 'spine.png') });
  assert.deepEqual(pageErrors, [], 'no uncaught errors on the page');
});

test('a crash shows a way back, and the design survives it', async () => {
  const { page } = await freshPage(env.browser, env.server.url, { width: 1200, height: 800 });
  await page.locator('#total').waitFor();
  await select(page, 'name: shop-prod');
  await page.keyboard.type('name: shop-crash-test');
  await page.waitForFunction(() => document.querySelector('.design-name')?.innerText.includes('shop-crash-test'));

  // Stop the module with a panic: the hook replaces the dead page with a message.
  await page.evaluate(() => { try { window.wasmBindings.crashForTest(); } catch (_) { /* the wasm trap */ } });
  await page.locator('#crash').waitFor();
  assert.match(await page.locator('#crash').innerText(), /Your design is saved/);
  await page.screenshot({ path: path.join(artifacts, 'crash.png') });

  // Reload: the design is back, shown but not evaluated, until the next edit.
  await page.reload();
  await page.locator('#recovered').waitFor();
  assert.match(await page.locator('#design').inputValue(), /name: shop-crash-test/);
  assert.equal(await page.locator('#total').count(), 0, 'not evaluated after a crash');
  await page.locator('#design').focus();
  await page.keyboard.press('End');
  await page.keyboard.type(' ');
  await page.locator('#total').waitFor();
  assert.equal(await page.locator('#recovered').count(), 0);
});
