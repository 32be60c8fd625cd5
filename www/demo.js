// The demo page's script: the JS API from a plain module, and an embed card whose design
// is in its URL fragment.
import init, { evaluate, shareFragment } from './planwright-web.js';

await init();

const design = await (await fetch('./examples/shop-web-app.yaml')).text();
document.getElementById('card-fragment').src = `./?embed#${shareFragment(design)}`;

const area = document.getElementById('api-design');
const total = document.getElementById('api-total');
const findings = document.getElementById('api-findings');
area.value = design;

function show() {
  const result = evaluate(area.value, {});
  if (result.ok) {
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
show();
