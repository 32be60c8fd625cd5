// Catalog benchmark (not a test): how long the page takes from requesting a region's
// catalog file to showing the re-priced total, in headless Chromium against dist/ on a
// loopback server (no network latency: the fetch, body read, size checks, parse, merge,
// re-evaluation and re-render). Each run is a fresh browser context (no HTTP cache, no
// Cache Storage). Also times `Catalog::parse` alone through the JS API (`addCatalog`).
// Run: `trunk build --release && node scripts/bench-catalog.mjs` (RUNS, REGION).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { serveDist, launch, root } from '../tests/e2e/support.mjs';

const RUNS = Number(process.env.RUNS || 15);
const REGION = process.env.REGION || 'us-east-1';
const dist = process.env.DIST || path.join(root, 'dist');
const file = `catalog/${REGION}.json`;
const bytes = readFileSync(path.join(dist, file)).length;
// The fargate example, moved to the region measured.
const design = readFileSync(path.join(root, 'www/examples/fargate-api.yaml'), 'utf8')
  .replace(/^region: us-east-1$/m, `region: ${REGION}`);

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const server = await serveDist();
const browser = await launch();
try {
  const total = [];
  const fetchOnly = [];
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(server.url);
    await page.evaluate(() => localStorage.clear());
    // Start on a design whose catalogs are not this region's: a custom-only design in a
    // region without prices, so that only `file` is fetched when the design moves.
    await page.reload();
    await page.locator('#total, #no-prices').first().waitFor();
    await page.waitForFunction(() => !document.querySelector('#total-loading'));
    await page.evaluate((t) => { window.__pwDesign = t; }, design);
    const t = await page.evaluate(async (file) => {
      const done = new Promise((resolve) => {
        const obs = new MutationObserver(() => {
          const el = document.querySelector('#total');
          const name = document.querySelector('.summary .design-name');
          if (el && name?.textContent.startsWith('api-fargate') && /^\$[\d,]+\.\d\d$/.test(el.textContent)) {
            obs.disconnect();
            resolve(performance.now());
          }
        });
        obs.observe(document.body, { subtree: true, childList: true, characterData: true });
      });
      const area = document.querySelector('#design');
      area.value = window.__pwDesign;
      area.dispatchEvent(new InputEvent('input', { bubbles: true }));
      const shown = await done;
      const entry = performance.getEntriesByType('resource').find((e) => e.name.endsWith(file));
      if (!entry) throw new Error(`${file} was not fetched`);
      return { request: entry.startTime, response: entry.responseEnd, shown };
    }, file);
    total.push(t.shown - t.request);
    fetchOnly.push(t.response - t.request);
    await context.close();
  }
  // Parse alone, in the page's wasm (the API's addCatalog), warm.
  const page = await browser.newPage();
  await page.goto(server.url);
  await page.waitForFunction(() => window.wasmBindings?.addCatalog);
  const text = readFileSync(path.join(dist, file), 'utf8');
  const parse = await page.evaluate(({ text, runs }) => {
    const times = [];
    for (let i = 0; i < runs + 3; i++) {
      const t0 = performance.now();
      const r = window.wasmBindings.addCatalog(text);
      const t1 = performance.now();
      if (!r.ok) throw new Error(JSON.stringify(r.errors[0]));
      if (i >= 3) times.push(t1 - t0);
    }
    times.sort((a, b) => a - b);
    return times[Math.floor(times.length / 2)];
  }, { text, runs: RUNS });
  console.log(`${file} (${(bytes / 1024).toFixed(1)} KB), ${RUNS} runs, fresh context each:`);
  console.log(`  request -> re-priced total shown:     median ${median(total).toFixed(1)} ms (min ${Math.min(...total).toFixed(1)}, max ${Math.max(...total).toFixed(1)})`);
  console.log(`  of which request -> response end:     median ${median(fetchOnly).toFixed(1)} ms`);
  console.log(`  parse + merge alone (addCatalog):     median ${parse.toFixed(2)} ms`);
} finally {
  await browser.close();
  server.stop();
}
