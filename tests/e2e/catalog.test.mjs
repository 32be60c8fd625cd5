// Prices are files, fetched per region: a us-east-1 design fetches catalog/us-east-1.json
// (and global.json) and prices; a region the deployment has no catalog for says so in words,
// never $0; a corrupt download shows its located error and the last good prices stay; an
// imported catalog prices a region and survives a reload; offline, the kept copy prices.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFileSync, existsSync } from 'node:fs';
import { useBrowser, artifacts, freshPage, root } from './support.mjs';

const env = useBrowser();
const dist = process.env.DIST || path.join(root, 'dist');

const DOLLARS = /^\$[\d,]+\.\d\d$/;
const total = (page) => page.locator('#total').innerText();
const example = (name) => readFileSync(path.join(root, 'www/examples', name), 'utf8');
const usEast1 = () => readFileSync(path.join(dist, 'catalog/us-east-1.json'), 'utf8');

// A region this deployment has no catalog for (us-west-2 unless someone adds its file).
const ABSENT = ['us-west-2', 'eu-west-3', 'sa-east-1', 'af-south-1']
  .find((r) => !existsSync(path.join(dist, `catalog/${r}.json`)));

/** The fargate example (us-east-1) moved to `region`. */
const designIn = (region) => example('fargate-api.yaml').replace(/^region: us-east-1$/m, `region: ${region}`);

/** us-east-1's catalog file relabelled as `region`'s (a user's import, as `prices sync` writes). */
const catalogFor = (region) => usEast1().replace('"region": "us-east-1"', `"region": "${region}"`);

async function openDesign(page, text) {
  await page.locator('#design').fill(text);
}

/** Waits until the headline is this design's (by name) and shows a dollar total. */
async function pricedTotal(page, name = 'api-fargate') {
  await page.waitForFunction((name) => {
    const t = document.querySelector('#total')?.innerText || '';
    return document.querySelector('.summary .design-name')?.textContent.startsWith(name) && /^\$[\d,]+\.\d\d$/.test(t) && t !== '$0.00';
  }, name);
  return total(page);
}

/** Records the catalog files the page requests. */
function watchCatalogs(page) {
  const seen = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.pathname.includes('/catalog/')) seen.push(u.pathname);
  });
  return seen;
}

test('a us-east-1 design fetches its catalog and prices; loading is said, not $0', async () => {
  const { page, errors } = await freshPage(env.browser, env.server.url);
  await page.locator('#total').waitFor();
  const seen = watchCatalogs(page);
  // Hold us-east-1's file back a moment, so the headline's "loading" can be seen.
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route('**/catalog/us-east-1.json', async (route) => { await held; await route.continue(); });
  const fargate = await page.locator('#example-picker option[data-id="fargate-api"]').getAttribute('value');
  await page.selectOption('#example-picker', fargate);
  await page.locator('#total-loading').waitFor();
  assert.match(await page.locator('#total-loading').innerText(), /Loading prices/);
  assert.equal(await page.locator('#total').count(), 0, 'no total while prices load');
  assert.equal(await page.locator('#cost-table').count(), 0, 'no $0 lines while prices load');
  release();
  assert.match(await pricedTotal(page), DOLLARS);
  assert.ok(seen.some((p) => p.endsWith('/catalog/us-east-1.json')), `requests: ${seen}`);
  // The form's pickers come from the fetched catalog.
  await page.locator('#tab-form').click();
  assert.ok(await page.locator('#f-region option[value="us-west-2"]').count() === 1, 'AWS regions offered');
  await page.locator('#tab-text').click();
  // The JS API prices with what the page loaded.
  const api = await page.evaluate(async (text) => {
    const b = window.wasmBindings;
    const loaded = await b.loadCatalogs(b.regionsPriced(text));
    const r = b.evaluate(text, {});
    return { loaded, expected: r.report.cost.monthly.expected, complete: r.report.cost.complete };
  }, example('fargate-api.yaml'));
  assert.ok(api.loaded.loaded.includes('us-east-1'), JSON.stringify(api.loaded));
  assert.ok(api.expected > 0);
  assert.deepEqual(errors, []);
});

test('a region without a catalog says so at the total, never $0 (English and Korean)', async () => {
  const { page, errors } = await freshPage(env.browser, env.server.url, { width: 1400, height: 800 });
  await page.locator('#total').waitFor();
  await openDesign(page, designIn(ABSENT));
  await page.locator('#no-prices').waitFor();
  const said = await page.locator('#no-prices').innerText();
  assert.equal(said, `No prices for ${ABSENT} in this deployment — import a catalog or run \`planwright prices sync\``);
  assert.equal(await page.locator('#total').count(), 0, 'no total is shown');
  assert.doesNotMatch(await page.locator('.summary').innerText(), /\$0\.00/);
  await page.screenshot({ path: path.join(artifacts, 'no-prices.png') });
  await page.selectOption('#lang-picker', 'ko');
  await page.waitForFunction(() => /가격이 없습니다/.test(document.querySelector('#no-prices').innerText));
  assert.match(await page.locator('#no-prices').innerText(), new RegExp(`${ABSENT}.*planwright prices sync`));
  await page.selectOption('#lang-picker', 'en');
  // The JS API reports the region missing.
  const loaded = await page.evaluate((r) => window.wasmBindings.loadCatalogs([r]), ABSENT);
  assert.deepEqual(loaded.missing, [ABSENT]);
  assert.deepEqual(errors, []);
});

test('a corrupt or cut-off download shows its located error and changes nothing', async () => {
  const { page, errors } = await freshPage(env.browser, env.server.url);
  await page.locator('#total').waitFor();
  await openDesign(page, example('fargate-api.yaml'));
  const good = await pricedTotal(page);

  // Next visit: the server hands out half the file. The kept copy stays in force.
  const half = usEast1().slice(0, Math.floor(usEast1().length / 2));
  await page.route('**/catalog/us-east-1.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: half }));
  await page.reload();
  await page.locator('#catalog-problems').waitFor();
  const problem = await page.locator('#catalog-problems').innerText();
  assert.match(problem, /catalog\/us-east-1\.json line \d+, column \d+: /, problem);
  assert.match(problem, /kept in this browser/);
  assert.equal(await pricedTotal(page), good, 'the last good prices stay');

  // Garbage: the same.
  await page.unroute('**/catalog/us-east-1.json');
  await page.route('**/catalog/us-east-1.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '<html>oops</html>' }));
  await page.reload();
  await page.locator('#catalog-problems').waitFor();
  assert.match(await page.locator('#catalog-problems').innerText(), /catalog\/us-east-1\.json line 1, column \d+/);
  assert.equal(await pricedTotal(page), good);
  await page.screenshot({ path: path.join(artifacts, 'catalog-corrupt.png') });

  // A file that is another region's prices is refused too.
  await page.unroute('**/catalog/us-east-1.json');
  await page.route('**/catalog/us-east-1.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: catalogFor('eu-west-1') }));
  await page.reload();
  await page.locator('#catalog-problems').waitFor();
  assert.match(await page.locator('#catalog-problems').innerText(), /holds the prices of `eu-west-1`, not of `us-east-1`/);
  assert.equal(await pricedTotal(page), good);

  // A browser that never had a good copy: the error at the total, no $0.
  const fresh = await freshPage(env.browser, env.server.url);
  await fresh.page.route('**/catalog/us-east-1.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: half }));
  await fresh.page.locator('#total').waitFor();
  await openDesign(fresh.page, example('fargate-api.yaml'));
  await fresh.page.locator('#prices-failed').waitFor();
  assert.match(await fresh.page.locator('#prices-failed').innerText(), /could not be loaded[\s\S]*catalog\/us-east-1\.json line \d+, column \d+/);
  assert.equal(await fresh.page.locator('#total').count(), 0);
  assert.deepEqual([...errors, ...fresh.errors], []);
});

test('an imported catalog prices a region, survives a reload, and can be removed; a bad one changes nothing', async () => {
  const { page, errors } = await freshPage(env.browser, env.server.url);
  await page.locator('#total').waitFor();
  await openDesign(page, designIn(ABSENT));
  await page.locator('#no-prices').waitFor();

  // A bad file first: its first located error, nothing changed.
  await page.locator('#catalog-file').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{ "format": "planwright-catalog", "version": 1,\n  "region": 7 }') });
  await page.locator('#catalog-errors').waitFor();
  assert.match(await page.locator('#catalog-errors').innerText(), /broken\.json line \d+, column \d+: /);
  assert.equal(await page.locator('#no-prices').count(), 1, 'still no prices');

  // The button is a real, labelled, focusable control.
  await page.locator('#import-catalog').focus();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'import-catalog');

  await page.locator('#catalog-file').setInputFiles({ name: `${ABSENT}.json`, mimeType: 'application/json', buffer: Buffer.from(catalogFor(ABSENT)) });
  const priced = await pricedTotal(page);
  assert.equal(await page.locator('#catalog-errors').count(), 0, 'the old errors are cleared');
  assert.match(await page.locator('#imported-catalogs').innerText(), new RegExp(ABSENT));

  await page.reload();
  assert.equal(await pricedTotal(page), priced, 'the import survived the reload');
  assert.equal(await page.locator('#no-prices').count(), 0);

  await page.locator('#remove-catalogs').click();
  await page.locator('#no-prices').waitFor();
  await page.reload();
  await page.locator('#no-prices').waitFor();
  assert.equal(await page.locator('#imported-catalogs').count(), 0);
  assert.deepEqual(errors, []);
});

test('offline after one good visit, the kept catalogs still price', async () => {
  const { page, errors } = await freshPage(env.browser, env.server.url);
  await page.locator('#total').waitFor();
  await openDesign(page, example('fargate-api.yaml'));
  const good = await pricedTotal(page);
  await page.route('**/catalog/**', (route) => route.abort('internetdisconnected'));
  await page.reload();
  assert.equal(await pricedTotal(page), good);
  assert.equal(await page.locator('#catalog-problems').count(), 0, 'being offline is not an error');
  assert.deepEqual(errors, []);
});
