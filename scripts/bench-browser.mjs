// Browser benchmark (not a test): parse + evaluate a generated 1,000-resource design in
// WebAssembly in headless Chromium, through the page's JS API, and print the median.
// Bar (docs/design.md, "Quality bars"): ≤ 10 ms median. Run: `bash scripts/bench.sh` (builds dist/ first).
import { serveDist, launch } from '../tests/e2e/support.mjs';

const RUNS = Number(process.env.RUNS || 60);
const server = await serveDist();
const browser = await launch();
try {
  const page = await browser.newPage();
  await page.goto(server.url);
  await page.waitForFunction(() => window.wasmBindings && window.wasmBindings.evaluate);
  const result = await page.evaluate(async (runs) => {
    const api = window.wasmBindings;
    const text = api.generateSample(1000);
    // Prices are fetched per region (catalog/<region>.json), not built in.
    await api.loadCatalogs(api.regionsPriced(text));
    const measure = (f) => {
      const times = [];
      for (let i = 0; i < runs + 5; i++) {
        const t0 = performance.now();
        f();
        const t1 = performance.now();
        if (i >= 5) times.push(t1 - t0); // the first runs warm the JIT and the catalog
      }
      times.sort((a, b) => a - b);
      return { median: times[Math.floor(times.length / 2)], p95: times[Math.floor(times.length * 0.95)] };
    };
    const out = JSON.parse(api.evaluateJson(text));
    const core = measure(() => { if (!(api.evaluateTotal(text) > 0)) throw new Error('no total'); });
    const json = measure(() => JSON.parse(api.evaluateJson(text)));
    return { ok: out.ok, resources: out.ok ? out.report.cost.resources.length : 0, bytes: text.length, core, json };
  }, RUNS);
  if (!result.ok) throw new Error('the generated design did not evaluate');
  const f = (m) => `median ${m.median.toFixed(2)} ms, p95 ${m.p95.toFixed(2)} ms`;
  console.log(`browser, ${result.resources - 1} resources (${(result.bytes / 1024).toFixed(0)} KB YAML), ${RUNS} runs each:`);
  console.log(`  parse + evaluate in wasm (evaluateTotal):        ${f(result.core)}   (bar: median ≤ 10 ms)`);
  console.log(`  the same + JSON report + JSON.parse (evaluate):  ${f(result.json)}`);
} finally {
  await browser.close();
  server.stop();
}
