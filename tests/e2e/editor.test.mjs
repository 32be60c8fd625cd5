// The editor in a real browser: the form and the text stay in sync through one undo
// history; saved designs, import / export, share links, the embed card and its demo page;
// language, currency and dark mode; hostile and huge input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { useBrowser, freshPage, artifacts, root } from './support.mjs';

const env = useBrowser();

const design = (page) => page.locator('#design').inputValue();
const total = (page) => page.locator('#total').textContent();

async function typeDesign(page, text) {
  await page.locator('#design').fill(text);
}

test('the form edits the text (comments kept), and Ctrl+Z / Ctrl+Shift+Z undo and redo across both', async () => {
  const { page, errors } = await freshPage(env.browser, env.server.url);
  await typeDesign(page, [
    '# our API, reviewed by platform',
    'version: 1',
    'name: form-test',
    'region: us-east-1',
    'resources:',
    '  web:  # the web tier',
    '    kind: compute',
    '    instance_type: t3.micro',
    '    count: 2',
    '  db:',
    '    kind: database',
    '    engine: postgres',
    '    instance_class: db.t3.micro',
    '    storage: { size_gb: 20 }',
    '',
  ].join('\n'));
  await page.waitForFunction(() => document.querySelector('#total')?.textContent.includes('$'));
  const before = await total(page);
  await page.click('#tab-form');
  // Add a compute resource from the palette.
  await page.selectOption('#add-resource', 'compute');
  await page.waitForFunction(() => document.querySelector('#design').value.includes('compute-1:'));
  assert.notEqual(await total(page), before, 'the total follows the form');
  // Pick an instance type from the catalog (a datalist showing vCPU, memory and price).
  const labels = await page.locator('#catalog-ec2 option').evaluateAll((os) => os.map((o) => `${o.value} ${o.textContent}`));
  assert.ok(labels.some((l) => /^m5\.large 2 vCPU · 8 GiB · \$0\.096\/h$/.test(l)), labels.slice(0, 5).join(' | '));
  await page.locator('#f-0-instance_type').fill('m5.large');
  await page.locator('#f-0-instance_type').press('Enter');
  await page.waitForFunction(() => document.querySelector('#design').value.includes('instance_type: m5.large'));
  // Toggles and numbers with units.
  await page.locator('#f-1-multi_az').check();
  await page.waitForFunction(() => /db:[\s\S]*multi_az: true/.test(document.querySelector('#design').value));
  await page.locator('#f-1-storage-size_gb').fill('100');
  await page.locator('#f-1-storage-size_gb').press('Enter');
  await page.waitForFunction(() => document.querySelector('#design').value.includes('{ size_gb: 100 }'));
  // A choice is a select; a database's engine picks the price group its classes come from.
  await page.selectOption('#f-1-engine', 'mysql');
  await page.waitForFunction(() => document.querySelector('#design').value.includes('engine: mysql'));
  await page.waitForFunction(() => document.querySelectorAll('#catalog-rds-mysql option').length > 0);
  // Rename.
  await page.locator('#name-0').fill('frontend');
  await page.locator('#name-0').press('Enter');
  await page.waitForFunction(() => document.querySelector('#design').value.includes('  frontend:  # the web tier'));
  let text = await design(page);
  assert.match(text, /^# our API, reviewed by platform/, 'comments survive form edits');
  await page.screenshot({ path: path.join(artifacts, 'form-editor.png') });

  // Undo the rename from the keyboard, then redo it.
  await page.keyboard.press('Control+z');
  await page.click('#tab-text');
  await page.waitForFunction(() => document.querySelector('#design').value.includes('  web:  # the web tier'));
  await page.locator('#design').focus();
  await page.keyboard.press('Control+Shift+z');
  await page.waitForFunction(() => document.querySelector('#design').value.includes('  frontend:  # the web tier'));
  // Typing is undoable too, and the form shows what was typed.
  text = await design(page);
  await typeDesign(page, text.replace('count: 2', 'count: 5'));
  await page.click('#tab-form');
  assert.equal(await page.locator('#f-0-count').inputValue(), '5');
  await page.click('#undo');
  assert.equal(await page.locator('#f-0-count').inputValue(), '2');
  // Removing a resource.
  await page.click('#remove-2');
  await page.waitForFunction(() => !document.querySelector('#design').value.includes('compute-1:'));
  assert.deepEqual(errors, []);
  await page.close();
});

test('a usage band is three inputs in the form, and the cost band follows each end', async () => {
  const { page, errors } = await freshPage(env.browser, env.server.url);
  await typeDesign(page, [
    'version: 1',
    'name: band-test',
    'region: us-east-1',
    'resources:',
    '  cdn:',
    '    kind: cdn',
    '    usage: { egress_gb: { low: 100, expected: 500, high: 1000 } }',
    '',
  ].join('\n'));
  await page.waitForFunction(() => document.querySelector('#total')?.textContent.includes('$'));
  const band = () => page.locator('#band').innerText();
  const before = await band();
  await page.click('#tab-form');
  await page.waitForSelector('#f-0-usage-egress_gb-high');
  assert.equal(await page.locator('#f-0-usage-egress_gb-low').inputValue(), '100');
  assert.equal(await page.locator('#f-0-usage-egress_gb-expected').inputValue(), '500');
  await page.locator('#f-0-usage-egress_gb-high').fill('2000');
  await page.locator('#f-0-usage-egress_gb-high').press('Enter');
  await page.waitForFunction(() => document.querySelector('#design').value.includes('high: 2000'));
  await page.waitForFunction((b) => document.querySelector('#band').innerText !== b, before);
  // 2,000 GB at $0.085: the high end is $170.00.
  assert.match(await band(), /\$170\.00/);
  await page.screenshot({ path: path.join(artifacts, 'form-usage-band.png'), fullPage: false });
  assert.deepEqual(errors, []);
  await page.close();
});

test("the design's own display currency shows every amount in it", async () => {
  const { page, errors } = await freshPage(env.browser, env.server.url);
  await typeDesign(page, [
    'version: 1',
    'name: euro-test',
    'region: us-east-1',
    'display: { currency: EUR, per_usd: 0.5, as_of: 2026-12-01 }',
    'resources:',
    '  cdn: { kind: cdn, usage: { egress_gb: 1000 } }',
    '',
  ].join('\n'));
  await page.waitForFunction(() => document.querySelector('#total')?.textContent.includes('$'));
  assert.match(await page.locator('#currency-picker option[value="design"]').textContent(), /EUR/);
  await page.selectOption('#currency-picker', 'design');
  // 1,000 GB at $0.085 = $85.00, at 0.5 EUR per dollar.
  await page.waitForFunction(() => document.querySelector('#total').textContent === '€42.50');
  assert.match(await page.locator('#band').innerText(), /€42\.50/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('subnets and security-group rules are editable tables', async () => {
  const { page, errors } = await freshPage(env.browser, env.server.url);
  await page.click('#tab-form');
  await page.waitForSelector('.sg');
  const sg = await page.locator('.sg').first().getAttribute('data-sg');
  const rows = await page.locator('.sg').first().locator('tbody tr').count();
  await page.click('#sg-0-add');
  await page.waitForFunction((n) => document.querySelectorAll('.sg')[0].querySelectorAll('tbody tr').length === n + 1, rows);
  await page.locator(`#sg-0-${rows}-ports`).fill('8443');
  await page.locator(`#sg-0-${rows}-ports`).press('Enter');
  await page.waitForFunction(() => document.querySelector('#design').value.includes('ports: 8443'));
  assert.ok(sg);
  // Subnets are a table too; a new one takes the first free /24 of the VPC.
  await page.click('#add-subnet');
  await page.waitForFunction(() => /subnet-1:\s+cidr: 10\.0\.0\.0\/24\s+zone: a/.test(document.querySelector('#design').value));
  const n = await page.locator('#subnets tbody tr').count();
  await page.locator(`#subnet-${n - 1}-public`).check();
  await page.waitForFunction(() => /subnet-1:\s+cidr: 10\.0\.0\.0\/24\s+zone: a\s+public: true/.test(document.querySelector('#design').value));
  await page.locator('#subnet-0-cidr').fill('10.0.99.0/24');
  await page.locator('#subnet-0-cidr').press('Enter');
  await page.waitForFunction(() => document.querySelector('#design').value.includes('cidr: 10.0.99.0/24'));
  assert.deepEqual(errors, []);
  await page.close();
});

test('a readiness suggestion is applied to the design with one click, and undone', async () => {
  const { page, errors } = await freshPage(env.browser, env.server.url);
  await typeDesign(page, [
    'version: 1', 'name: apply-test', 'region: ap-northeast-2', 'environment: prod',
    'dr:', '  targets: { rto: 1h, rpo: 15m }', '  secondary_region: ap-northeast-1',
    'resources:', '  db:', '    kind: database', '    engine: mysql', '    instance_class: db.t3.medium',
    '    storage: { size_gb: 100 }', '    backup: { retention_days: 7, full: daily, continuous_log: false }', '',
  ].join('\n'));
  await page.waitForSelector('.scenario[data-scenario="corruption"].missed button.apply');
  const before = await design(page);
  await page.locator('.scenario[data-scenario="corruption"] button.apply').first().click();
  await page.waitForFunction((b) => document.querySelector('#design').value !== b, before);
  const after = await design(page);
  assert.match(after, /backup: \{ retention_days: 7, full: daily, continuous_log: (true|false, incremental_every: 1h) \}/, after);
  await page.keyboard.press('Control+z');
  await page.waitForFunction((b) => document.querySelector('#design').value === b, before);
  assert.deepEqual(errors, []);
  await page.close();
});

test('share links open as a new design only when asked; a damaged link changes nothing', async () => {
  const { page, errors } = await freshPage(env.browser, env.server.url);
  await typeDesign(page, 'version: 1\nname: shared-one\nregion: us-east-1\nresources:\n  w: { kind: compute, instance_type: t3.small }\n');
  await page.click('#share');
  const url = await page.locator('#share-url').inputValue();
  assert.match(url, /#d=[A-Za-z0-9_-]+$/);
  // The receiver has their own design, which must survive.
  const { page: other } = await freshPage(env.browser, env.server.url);
  await other.waitForSelector('#total');
  const theirs = await design(other);
  await other.goto(url);
  await other.reload();
  await other.waitForSelector('#shared-banner');
  assert.equal(await design(other), theirs, 'not opened without asking');
  await other.click('#open-shared');
  await other.waitForFunction(() => document.querySelector('#design').value.includes('name: shared-one'));
  assert.equal(await other.locator('#design-picker option').count(), 2, 'their design is kept in the list');
  // A damaged link.
  await other.goto(`${env.server.url}#d=not*base64!`);
  await other.reload();
  await other.waitForSelector('#shared-damaged');
  assert.match(await other.locator('#design').inputValue(), /name: shared-one/);
  await other.screenshot({ path: path.join(artifacts, 'damaged-link.png') });
  assert.deepEqual(errors, []);
  await page.close();
  await other.close();
});

test('the embed card renders from the fragment or a same-origin file, and refuses other sites', async () => {
  const page = await env.browser.newPage({ viewport: { width: 600, height: 300 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${env.server.url}?embed&src=examples/fargate-api.yaml`);
  await page.waitForSelector('#embed-total');
  assert.match(await page.locator('#embed-total').textContent(), /^\$[\d,]+\.\d\d/);
  assert.ok(await page.locator('#embed-readiness .verdict').count() >= 1 || await page.locator('#embed-findings').count() === 1);
  await page.screenshot({ path: path.join(artifacts, 'embed-card.png') });
  await page.goto(`${env.server.url}?embed&src=${encodeURIComponent('https://example.com/x.yaml')}`);
  await page.waitForSelector('#embed-error');
  assert.match(await page.locator('#embed-error').textContent(), /another site/);
  // The demo page: both cards and the JS API from a plain module script.
  await page.setViewportSize({ width: 900, height: 1400 });
  await page.goto(`${env.server.url}demo.html`);
  await page.waitForFunction(() => /^\$[\d,.]+ \/ month/.test(document.querySelector('#api-total').textContent));
  const card = page.frameLocator('#card-fragment');
  await card.locator('#embed-total').waitFor();
  await page.frameLocator('#card-src').locator('#embed-total').waitFor();
  await page.locator('#api-design').fill('version: 1\nname: x\nregion: us-east-1\nresources:\n  w: { kind: compute, instance_tipe: t3.micro }\n');
  await page.waitForFunction(() => /did you mean|unknown field/.test(document.querySelector('#api-total').textContent));
  await page.screenshot({ path: path.join(artifacts, 'demo-page.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test('Korean UI and KRW with a typed rate, remembered; dark mode follows the system', async () => {
  const { page, errors } = await freshPage(env.browser, env.server.url);
  await page.selectOption('#lang-picker', 'ko');
  await page.selectOption('#currency-picker', 'KRW');
  await page.locator('#krw-rate').fill('1400');
  await page.locator('#krw-rate').press('Enter');
  await page.waitForFunction(() => document.querySelector('#total').textContent.startsWith('₩'));
  await page.reload();
  await page.waitForSelector('#total');
  assert.equal(await page.locator('#undo').textContent(), '실행 취소');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'ko');
  assert.match(await total(page), /^₩[\d,]+$/);
  await page.emulateMedia({ colorScheme: 'dark' });
  const bg = await page.evaluate(() => getComputedStyle(document.querySelector('.results-pane')).backgroundColor + ' ' + getComputedStyle(document.body).color);
  await page.screenshot({ path: path.join(artifacts, 'dark-korean.png') });
  assert.doesNotMatch(bg, /^rgb\(2[45]\d, 2[45]\d, 2[45]\d\)/, `dark background expected, got ${bg}`);
  // Print: the results as a document, without the editor and the controls.
  await page.emulateMedia({ colorScheme: 'light', media: 'print' });
  const shown = await page.evaluate(() => ['.toolbar', '.editor-pane', '.results-pane'].map((q) => getComputedStyle(document.querySelector(q)).display));
  assert.deepEqual(shown.slice(0, 2), ['none', 'none']);
  assert.notEqual(shown[2], 'none');
  await page.emulateMedia({ media: 'screen' });
  assert.deepEqual(errors, []);
  await page.close();
});

test('saved designs, import (a bad file loses nothing), export, compare side by side', async () => {
  const { page, errors } = await freshPage(env.browser, env.server.url);
  const mine = await design(page);
  await page.setInputFiles('#import-file', { name: 'broken.yaml', mimeType: 'text/yaml', buffer: Buffer.from('name: [unclosed\n') });
  await page.waitForSelector('#errors');
  assert.equal(await page.locator('#design-picker option').count(), 2);
  await page.selectOption('#design-picker', '0');
  await page.waitForFunction((m) => document.querySelector('#design').value === m, mine);
  // Export JSON: the same design, as JSON.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
  const exported = JSON.parse(readFileSync(await download.path(), 'utf8'));
  assert.equal(exported.name, (mine.match(/^name: (.+)$/m) || [])[1]);
  const [md] = await Promise.all([page.waitForEvent('download'), page.click('#export-md')]);
  const report = readFileSync(await md.path(), 'utf8');
  assert.match(report, /\| Resource \|[\s\S]*Readiness/i);
  // One document: each section once.
  assert.equal(report.split('### Readiness').length - 1, 1, report);
  assert.ok(report.split('### Policy findings').length - 1 <= 1, report);
  // dev / staging / prod side by side.
  const multi = await page.locator('#example-picker option[data-id="multi-env"]').getAttribute('value');
  await page.selectOption('#example-picker', multi);
  await page.waitForSelector('#env-picker');
  await page.selectOption('#env-picker', 'staging');
  await page.selectOption('#compare-picker', 'env:dev');
  await page.waitForSelector('#compare tbody tr');
  assert.match(await page.locator('#compare-delta').textContent(), /^\+\$/);
  // Below the costs, what the other environment changes in findings and readiness.
  assert.ok((await page.locator('#compare-findings').textContent()).length > 0);
  assert.ok((await page.locator('#compare-readiness').textContent()).length > 0);
  // The heat map: 7 × 24 hours.
  assert.equal(await page.locator('#heatmap rect.cell').count(), 168);
  await page.screenshot({ path: path.join(artifacts, 'compare.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test('hostile and huge input: markup shows as text, no inline script or eval runs, the tab never freezes', async () => {
  const { page, errors } = await freshPage(env.browser, env.server.url);
  const html = readFileSync(path.join(root, 'dist/index.html'), 'utf8');
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>\s*\S/, 'no inline script in the page');
  assert.match(html, /Content-Security-Policy/);
  // The policy in force: an injected inline script and a string timer (eval) do not run.
  const ran = await page.evaluate(async () => {
    const violations = [];
    document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective));
    const s = document.createElement('script');
    s.textContent = 'window.inlineRan = 1';
    document.body.append(s);
    try { setTimeout('window.evalRan = 1', 0); } catch { /* blocked outright */ }
    await new Promise((r) => setTimeout(r, 100));
    return { inline: window.inlineRan, evaled: window.evalRan, violations };
  });
  assert.equal(ran.inline, undefined, 'inline script ran');
  assert.equal(ran.evaled, undefined, 'eval ran');
  assert.ok(ran.violations.some((v) => v.startsWith('script-src')), JSON.stringify(ran.violations));
  await typeDesign(page, 'version: 1\nname: "<img src=x onerror=window.pwned=1>"\nregion: us-east-1\nresources:\n  "<b>x</b>": { kind: custom, monthly_usd: 1 }\n');
  await page.waitForFunction(() => document.querySelector('.design-name').textContent.includes('<img'));
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  assert.equal(await page.locator('img').count(), 0);
  assert.equal(await page.evaluate(() => [...document.querySelectorAll('b')].filter((b) => b.textContent === 'x').length), 0);
  assert.equal(await page.locator('#cost-table tbody[data-resource="<b>x</b>"]').count(), 1, 'the name is shown as text');

  // A heartbeat measures the longest time the main thread is blocked.
  const heartbeat = () => page.evaluate(() => {
    window.maxGap = 0;
    let last = performance.now();
    clearInterval(window.beat);
    window.beat = setInterval(() => { const now = performance.now(); window.maxGap = Math.max(window.maxGap, now - last); last = now; }, 20);
  });
  // The browser's own text box takes a while to accept megabytes (measured and reported,
  // not ours to speed up); from the input event on, the page's work is measured.
  const fill = (text) => page.locator('#design').evaluate((el, t) => {
    const t0 = performance.now();
    el.value = t;
    el.getBoundingClientRect();
    return performance.now() - t0;
  }, text);
  const input = () => page.locator('#design').evaluate((el) => el.dispatchEvent(new InputEvent('input', { bubbles: true })));
  const fillPaste = await fill('# ' + 'x'.repeat(10 * 1024 * 1024));
  await heartbeat();
  await input();
  await page.waitForSelector('#errors', { timeout: 10000 });
  await page.waitForTimeout(500);
  assert.match(await page.locator('#errors').textContent(), /is 10485762 characters; the editor reads designs of up to 524288/);
  const gapPaste = await page.evaluate(() => window.maxGap);
  const resources = Array.from({ length: 100000 }, (_, i) => `  r${i}: {kind: custom, monthly_usd: 1}`).join('\n');
  const fillBig = await fill(`version: 1\nname: big\nregion: us-east-1\nresources:\n${resources}\n`);
  await heartbeat();
  await input();
  await page.waitForFunction(() => /resources|limit/.test(document.querySelector('#errors')?.textContent || ''), null, { timeout: 15000 });
  await page.waitForTimeout(500);
  const gapBig = await page.evaluate(() => window.maxGap);
  console.log(`  longest main-thread block after the input event: 10 MB paste ${gapPaste.toFixed(0)} ms, 100,000 resources ${gapBig.toFixed(0)} ms`);
  console.log(`  (the browser's text box took ${fillPaste.toFixed(0)} ms and ${fillBig.toFixed(0)} ms to take the text)`);
  assert.ok(gapPaste < 1000, `10 MB paste blocked the tab for ${gapPaste} ms`);
  assert.ok(gapBig < 1000, `100,000 resources blocked the tab for ${gapBig} ms`);
  // The last design that fit is still the design, and is still saved.
  assert.match(await page.locator('.design-name').textContent(), /<img/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('every control has an accessible name', async () => {
  const { page } = await freshPage(env.browser, env.server.url);
  for (const tab of ['#tab-text', '#tab-form']) {
    await page.click(tab);
    const unnamed = await page.evaluate(() => [...document.querySelectorAll('button, input, select, textarea')]
      .filter((el) => el.offsetParent !== null || el.type === 'file')
      .filter((el) => !(el.getAttribute('aria-label') || el.closest('label') || el.textContent.trim() || el.title || el.labels?.length))
      .map((el) => el.outerHTML.slice(0, 80)));
    assert.deepEqual(unnamed, []);
  }
  await page.close();
});

test('text is readable: WCAG AA contrast in light and dark, with findings of every severity', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const page = await env.browser.newPage({ viewport: { width: 1400, height: 1000 }, colorScheme });
    await page.goto(env.server.url);
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await page.locator('#total').waitFor();
    for (const example of ['shop-web-app', 'mvp-review']) {
      const value = await page.locator(`#example-picker option[data-id="${example}"]`).getAttribute('value');
      await page.selectOption('#example-picker', value);
      await page.locator('#findings').waitFor();
      // Each visible text against the first opaque background behind it, faded by the
      // opacity of its element and ancestors; 4.5:1, or 3:1 for large text. Disabled
      // controls are exempt (WCAG 1.4.3).
      const poor = await page.evaluate(() => {
        // Waived findings too: open what is folded.
        document.querySelectorAll('details').forEach((d) => { d.open = true; });
        const rgba = (c) => {
          const m = c.match(/rgba?\(([^)]+)\)/);
          if (!m) return null;
          const [r, g, b, a = 1] = m[1].split(',').map(Number);
          return { r, g, b, a };
        };
        const luminance = ({ r, g, b }) => {
          const f = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
          return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
        };
        const background = (el) => {
          for (let e = el; e; e = e.parentElement) {
            const c = rgba(getComputedStyle(e).backgroundColor);
            if (c && c.a > 0.5) return c;
          }
          return { r: 255, g: 255, b: 255 };
        };
        const found = [];
        const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let n = walk.nextNode(); n; n = walk.nextNode()) {
          const el = n.parentElement;
          if (!n.textContent.trim() || el.closest('svg, :disabled') || !el.checkVisibility()) continue;
          const style = getComputedStyle(el);
          if (style.visibility === 'hidden') continue;
          const bg = background(el);
          const fg = rgba(style.color);
          let alpha = fg.a;
          for (let e = el; e; e = e.parentElement) alpha *= Number(getComputedStyle(e).opacity);
          const mix = (k) => fg[k] * alpha + bg[k] * (1 - alpha);
          const [hi, lo] = [luminance({ r: mix('r'), g: mix('g'), b: mix('b') }), luminance(bg)].sort((x, y) => y - x);
          const ratio = (hi + 0.05) / (lo + 0.05);
          const size = parseFloat(style.fontSize);
          const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
          if (ratio < (large ? 3 : 4.5)) found.push(`${el.tagName}.${el.className} "${n.textContent.trim().slice(0, 30)}" ${ratio.toFixed(2)}:1`);
        }
        return found;
      });
      assert.deepEqual(poor, [], `${colorScheme}, ${example}`);
    }
    await page.close();
  }
});

test('a first-release store is migrated, and a store that does not read is kept aside', async () => {
  const { page, errors } = await freshPage(env.browser, env.server.url);
  const v1 = 'version: 1\nname: from-v1\nregion: us-east-1\nresources:\n  w: { kind: compute, instance_type: t3.micro }\n';
  await page.evaluate((t) => { localStorage.clear(); localStorage.setItem('planwright.design.v1', JSON.stringify(t)); }, v1);
  await page.reload();
  await page.waitForSelector('#total');
  assert.equal(await page.locator('#design').inputValue(), v1);
  const stored = await page.evaluate(() => ({
    v1: localStorage.getItem('planwright.design.v1'),
    index: JSON.parse(localStorage.getItem('planwright.workspace.v3')),
    designs: Object.keys(localStorage).filter((k) => k.startsWith('planwright.design.') && k !== 'planwright.design.v1')
      .map((k) => JSON.parse(localStorage.getItem(k))),
  }));
  assert.equal(stored.v1, null, 'the v1 key is migrated away');
  assert.equal(stored.index.schema, 3);
  assert.equal(stored.index.ids.length, 1);
  assert.deepEqual(stored.designs.map((d) => [d.name, d.text, d.rev]), [['from-v1', v1, 1]]);
  // A schema 2 store (every design in one value) is migrated too, each design to its key.
  const v2 = { schema: 2, current: 1, designs: [{ name: 'one', text: 'name: one\n' }, { name: 'two', text: v1 }] };
  await page.evaluate((w) => { localStorage.clear(); localStorage.setItem('planwright.workspace.v2', JSON.stringify(w)); }, v2);
  await page.reload();
  await page.waitForSelector('#total');
  assert.equal(await page.locator('#design').inputValue(), v1);
  assert.deepEqual(await page.locator('#design-picker option').allTextContents(), ['one', 'two']);
  assert.equal(await page.evaluate(() => localStorage.getItem('planwright.workspace.v2')), null);
  // An index that does not read is not overwritten: kept aside.
  await page.evaluate(() => localStorage.setItem('planwright.workspace.v3', '{"schema": 3, "ids": [oops'));
  await page.reload();
  await page.waitForSelector('#total');
  assert.equal(await page.evaluate(() => localStorage.getItem('planwright.workspace.unreadable')), '{"schema": 3, "ids": [oops');
  assert.deepEqual(errors, []);
  await page.close();
});
