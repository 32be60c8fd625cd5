// The demo page's script: the JS API from a plain module, and an embed card whose design
// is in its URL fragment. The module carries no prices: `loadCatalogs` fetches the
// catalogs of a design's regions (from this page's origin) before `evaluate` prices it.
import init, { evaluate, loadCatalogs, regionsPriced } from './planwright-web.js';

await init();

// A share link's fragment: `d=` + base64url (no padding) of the raw-deflated text.
async function shareFragment(text) {
  const packed = new Uint8Array(await new Response(
    new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw')),
  ).arrayBuffer());
  let binary = '';
  for (const b of packed) binary += String.fromCharCode(b);
  return 'd=' + btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

const design = await (await fetch('./examples/shop-web-app.yaml')).text();
document.getElementById('card-fragment').src = `./?embed#${await shareFragment(design)}`;

const area = document.getElementById('api-design');
const total = document.getElementById('api-total');
const findings = document.getElementById('api-findings');
area.value = design;

async function show() {
  const loading = await loadCatalogs(regionsPriced(area.value));
  const result = evaluate(area.value, {});
  const home = result.ok ? result.report.region : '';
  if (result.ok && loading.missing.includes(home)) {
    total.textContent = `No prices for ${home} in this deployment`;
    findings.textContent = '';
  } else if (result.ok) {
    const m = result.report.cost.monthly;
    total.textContent = `$${m.expected.toFixed(2)} / month (low $${m.low.toFixed(2)}, high $${m.high.toFixed(2)})`;
    findings.textContent = `· ${result.report.findings.filter((f) => !f.waived).length} findings`;
  } else {
    const e = result.errors[0];
    total.textContent = `error at ${e.line}:${e.column}: ${e.message}`;
    findings.textContent = '';
  }
}
area.addEventListener('input', show);
await show();
