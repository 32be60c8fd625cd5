// Browser benchmark (not a test): keystroke to updated panels on a 200-resource design.
// Each "keystroke" types one digit over an instance count in the text editor through the
// browser's own editing path (selection + insertText, which fires the input event a key
// press fires); the time runs until the total on screen shows the new figure
// (the state updated, the core re-read and re-priced the design, every panel re-rendered
// and the DOM committed), then until the next frame is painted.
// With CODE=1, the same in the code editor (CodeMirror): each keystroke is a typed change
// dispatched to its view, which hands the text to the page as typing does; then the time
// the diagram takes to redraw after a pause (it waits for one: it is not on the keystroke).
// Usage: node scripts/bench-keystroke.mjs   (after `trunk build --release`)
import { serveDist, launch, pageWithGeneratedDesign, freshPage } from '../tests/e2e/support.mjs';

const KEYS = Number(process.env.KEYS || 300);
const CODE = process.env.CODE === '1';
// RESOURCES=1000: the size a platform team's design reaches (issue "Speed to the floor").
const RESOURCES = Number(process.env.RESOURCES || 200);
const server = await serveDist();
const browser = await launch();

async function codeBench(page, keys) {
  return page.evaluate(async (keys) => {
    const view = document.querySelector('.code-host').codeView;
    const total = document.querySelector('#total');
    const dom = [];
    const paint = [];
    for (let i = 0; i < keys; i++) {
      const before = total.textContent;
      const text = view.state.doc.toString();
      const at = text.search(/min: [23], max: 8/) + 'min: '.length;
      const t0 = performance.now();
      await new Promise((resolve) => {
        const obs = new MutationObserver(() => {
          if (total.textContent !== before) { obs.disconnect(); resolve(); }
        });
        obs.observe(total, { childList: true, characterData: true, subtree: true });
        view.dispatch({ changes: { from: at, to: at + 1, insert: i % 2 ? '2' : '3' }, userEvent: 'input.type' });
      });
      dom.push(performance.now() - t0);
      await new Promise((r) => requestAnimationFrame(() => r()));
      paint.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 5));
    }
    // The diagram after a pause: from the change to its redrawn SVG.
    const redraw = [];
    for (let i = 0; i < 10; i++) {
      const text = view.state.doc.toString();
      const at = text.search(/min: [23], max: 8/) + 'min: '.length;
      const holder = document.querySelector('#diagram .diagram-zoom');
      const old = holder.firstElementChild;
      const t0 = performance.now();
      view.dispatch({ changes: { from: at, to: at + 1, insert: i % 2 ? '2' : '3' }, userEvent: 'input.type' });
      await new Promise((resolve) => {
        const tick = () => (holder.firstElementChild !== old ? resolve() : setTimeout(tick, 2));
        tick();
      });
      redraw.push(performance.now() - t0 - (text.length > 16 * 1024 ? 600 : 150));
    }
    return { dom, paint, redraw, bytes: view.state.doc.length };
  }, keys);
}

try {
  let page;
  if (CODE) {
    ({ page } = await freshPage(browser, server.url, undefined, { code: true }));
    await page.waitForSelector('.cm-editor');
    const text = await page.evaluate((n) => window.wasmBindings.generateSample(n), RESOURCES);
    await page.evaluate((t) => {
      const view = document.querySelector('.code-host').codeView;
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: t }, userEvent: 'input.type' });
    }, text);
    await page.waitForFunction(() => document.querySelector('#total')?.textContent.includes('$'));
    await page.waitForSelector('#diagram .pwd-node');
  } else {
    page = await pageWithGeneratedDesign(browser, server.url, RESOURCES);
  }
  const result = CODE ? await codeBench(page, KEYS) : await page.evaluate(async (keys) => {
    const area = document.querySelector('#design');
    const total = document.querySelector('#total');
    const dom = [];
    const paint = [];
    for (let i = 0; i < keys; i++) {
      const before = total.textContent;
      // Alternate one group's floor between 2 and 3: every keystroke changes the total.
      // The digit is selected and typed over through the browser's editing path, as a key
      // press does (assigning the whole `value` instead would re-lay out every line of the
      // text box, a cost real typing never pays).
      const at = area.value.search(/min: [23], max: 8/) + 'min: '.length;
      area.focus();
      area.setSelectionRange(at, at + 1);
      const t0 = performance.now();
      await new Promise((resolve) => {
        const obs = new MutationObserver(() => {
          if (total.textContent !== before) { obs.disconnect(); resolve(); }
        });
        obs.observe(total, { childList: true, characterData: true, subtree: true });
        document.execCommand('insertText', false, i % 2 ? '2' : '3');
      });
      dom.push(performance.now() - t0);
      await new Promise((r) => requestAnimationFrame(() => r()));
      paint.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 5));
    }
    return { dom, paint, bytes: area.value.length };
  }, KEYS);
  const stats = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
    return `median ${q(0.5).toFixed(2)} ms, p95 ${q(0.95).toFixed(2)} ms`;
  };
  console.log(`browser, ${RESOURCES} resources (${(result.bytes / 1024).toFixed(0)} KB YAML), ${KEYS} keystrokes${CODE ? ', code editor' : ', text box'}:`);
  console.log(`  keystroke to updated panels (DOM committed):  ${stats(result.dom)}   (bar: p95 ≤ 16 ms)`);
  console.log(`  keystroke to the next frame:                   ${stats(result.paint)}`);
  if (result.redraw) console.log(`  diagram redrawn after its pause (150 / 600 ms): ${stats(result.redraw)} (off the keystroke)`);
} finally {
  await browser.close();
  server.stop();
}
