// Where a keystroke's time goes: runs the keystroke benchmark's edit under Chromium's
// sampling profiler and prints self time by function (wasm functions by their Rust names).
// Usage: node scripts/profile-keystroke.mjs   (after `trunk build --release`)
import { serveDist, launch, pageWithGeneratedDesign } from '../tests/e2e/support.mjs';

const KEYS = Number(process.env.KEYS || 100);
const TOP = Number(process.env.TOP || 45);
const server = await serveDist();
const browser = await launch();
try {
  const page = await pageWithGeneratedDesign(browser, server.url, 200);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  await page.evaluate(async (keys) => {
    const area = document.querySelector('#design');
    for (let i = 0; i < keys; i++) {
      area.value = area.value.replace(/min: [23], max: 8/, i % 2 ? 'min: 2, max: 8' : 'min: 3, max: 8');
      area.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: '3' }));
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    }
  }, KEYS);
  const { profile } = await cdp.send('Profiler.stop');
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const dt = profile.timeDeltas;
  profile.samples.forEach((id, i) => {
    const f = byId.get(id).callFrame;
    const name = `${f.functionName || '(anonymous)'} ${f.url ? f.url.split('/').pop() : ''}`;
    self.set(name, (self.get(name) || 0) + (dt[i] || 0) / 1000);
  });
  // Inclusive time: each sample counts once for every distinct function on its stack.
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
  const label = (n) => `${n.callFrame.functionName || '(anonymous)'}`.replace(/::h[0-9a-f]{16}$/, '');
  const inclusive = new Map();
  profile.samples.forEach((id, i) => {
    const seen = new Set();
    for (let at = id; at !== undefined; at = parent.get(at)) seen.add(label(byId.get(at)));
    for (const name of seen) inclusive.set(name, (inclusive.get(name) || 0) + (dt[i] || 0) / 1000);
  });
  const wanted = (process.env.INCLUSIVE || 'load,evaluate_loaded,reconcile,save_workspace,with_text,reduce,render').split(',');
  for (const [name, ms] of [...inclusive].filter(([n]) => wanted.some((w) => n.includes(w))).sort((a, b) => b[1] - a[1]).slice(0, 30)) {
    console.log(`${(ms / KEYS).toFixed(2).padStart(7)} ms incl.  ${name.slice(0, 140)}`);
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const rows = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, TOP);
  const groups = new Map();
  for (const [name, ms] of self) {
    const g = name.startsWith('(') ? name.split(' ')[0]
      : name.includes('_bg.wasm') ? (name.match(/(saphyr|planwright_core|yew|dlmalloc|alloc|core\[|serde|web_sys|planwright_web)/)?.[1] ?? 'wasm other') + ' (wasm)'
      : 'JavaScript and DOM calls';
    groups.set(g, (groups.get(g) || 0) + ms);
  }
  for (const [g, ms] of [...groups].sort((a, b) => b[1] - a[1])) console.log(`${(ms / KEYS).toFixed(2).padStart(7)} ms  ${g}`);
  console.log(`${KEYS} keystrokes, ${(total / KEYS).toFixed(1)} ms sampled per keystroke (idle included):`);
  for (const [name, ms] of rows) console.log(`${(ms / KEYS).toFixed(2).padStart(7)} ms  ${name.slice(0, 150)}`);
} finally {
  await browser.close();
  server.stop();
}
