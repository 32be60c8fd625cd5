// The code editor (CodeMirror, loaded after first paint) and the architecture diagram, as
// a new user meets them: completion of a priced instance type, lint marks on the bad line
// with a quick fix, hover and go-to-definition, the page's one undo history, the diagram's
// exposed path and its click-to-line; screenshots light and dark, desktop and phone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { useBrowser, freshPage, artifacts } from './support.mjs';

const env = useBrowser();

const BASE = 'version: 1\nname: coded\nregion: us-east-1\nresources:\n  web:\n    kind: compute\n    instance_type: t3.micro\n';

const EXPOSED = `version: 1
name: exposed
region: us-east-1
network:
  vpc: 10.0.0.0/16
  subnets:
    public-a: { cidr: 10.0.0.0/24, zone: a, public: true }
    public-b: { cidr: 10.0.1.0/24, zone: b, public: true }
    data-a: { cidr: 10.0.10.0/24, zone: a }
    data-b: { cidr: 10.0.11.0/24, zone: b }
  security_groups:
    web: { ingress: [ { ports: 443, from: 0.0.0.0/0 } ] }
    db: { ingress: [ { ports: 5432, from: 0.0.0.0/0 }, { ports: 5432, from: web } ] }
resources:
  lb: { kind: load_balancer, type: alb, subnets: [public-a, public-b], security_groups: [web] }
  db:
    kind: database
    engine: postgres
    instance_class: db.t3.micro
    storage: { size_gb: 20 }
    subnets: [data-a, data-b]
    security_groups: [db]
    publicly_accessible: true
`;

/** A fresh page with the code editor loaded, holding `text`. */
async function coded(viewport, text = BASE, colorScheme = 'light') {
  const { page, errors } = await freshPage(env.browser, env.server.url, viewport, { code: true, colorScheme });
  await page.waitForSelector('.cm-editor', { timeout: 20000 });
  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+a');
  await page.keyboard.insertText(text);
  await page.waitForFunction((name) => document.querySelector('#design-picker')?.selectedOptions[0]?.textContent.includes(name), text.match(/name: (\S+)/)[1]);
  return { page, errors };
}

const editorText = (page) => page.evaluate(() => [...document.querySelectorAll('.cm-line')].map((l) => l.textContent).join('\n'));
const total = (page) => page.locator('#total').textContent();
/** The line (1-based) the caret is on, from the line the editor marks active. */
const caretLine = (page) => page.evaluate(() => {
  const lines = [...document.querySelectorAll('.cm-content .cm-line')];
  return lines.findIndex((l) => l.classList.contains('cm-activeLine')) + 1;
});

test('completion offers the region\'s instance types with their price, and the chosen one prices the design', async () => {
  const { page, errors } = await coded({ width: 1400, height: 900 });
  const before = await total(page);
  await page.keyboard.press('Control+End');
  await page.keyboard.type('  api:');
  await page.keyboard.press('Enter');
  await page.keyboard.type('kind: comp');
  await page.waitForSelector('.cm-tooltip-autocomplete');
  await page.waitForTimeout(150);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await page.keyboard.type('instance_type: m5.l');
  const option = page.locator('.cm-tooltip-autocomplete li', { hasText: 'm5.large' }).first();
  await option.waitFor();
  const shown = await option.textContent();
  assert.match(shown, /2 vCPU · 8 GiB · US\$[\d.]+ per hour in us-east-1/, shown);
  await page.screenshot({ path: path.join(artifacts, 'code-completion.png') });
  await page.waitForTimeout(150);
  await page.keyboard.press('Enter');
  await page.waitForFunction((b) => document.querySelector('#total').textContent !== b, before);
  assert.match(await editorText(page), /api:\n {4}kind: compute\n {4}instance_type: m5\.large/);
  assert.notEqual(await total(page), before, 'the m5.large is priced');
  // Field names complete with their documentation.
  await page.keyboard.press('Enter');
  await page.keyboard.type('scal');
  const field = page.locator('.cm-tooltip-autocomplete li', { hasText: 'scaling' }).first();
  await field.waitFor();
  assert.deepEqual(errors, []);
  await page.close();
});

test('a lint mark sits on the bad line, its quick fix writes what was meant, and undo is the page\'s', async () => {
  const bad = 'version: 1\nname: typo\nregion: us-east-1\nresources:\n  db:\n    kind: database\n    engine: postgres\n    instance_class: db.t3.micro\n    storage: { size_gb: 20 }\n    multiaz: true\n';
  const { page, errors } = await coded({ width: 1400, height: 900 }, bad);
  const mark = page.locator('.cm-lintRange-error');
  await mark.first().waitFor();
  assert.equal(await mark.first().textContent(), 'multiaz');
  const line = await page.evaluate(() => {
    const el = document.querySelector('.cm-lintRange-error').closest('.cm-line');
    return [...document.querySelectorAll('.cm-content .cm-line')].indexOf(el) + 1;
  });
  assert.equal(line, 10, 'on the line of the misspelt field');
  // The gutter marker on that line shows the message with the fix.
  await mark.first().hover();
  const tip = page.locator('.cm-tooltip-lint');
  await tip.waitFor();
  assert.match(await tip.textContent(), /multi_az/);
  await page.screenshot({ path: path.join(artifacts, 'code-lint.png') });
  await tip.locator('button', { hasText: 'Change to `multi_az`' }).click();
  await page.waitForFunction(() => [...document.querySelectorAll('.cm-line')].some((l) => l.textContent === '    multi_az: true'));
  // The error is gone (the findings of the database stay marked, at their own words).
  await page.waitForFunction(() => ![...document.querySelectorAll('.cm-lintRange-error')].some((m) => m.textContent.startsWith('multi')));
  // Undo (the page's button) takes the fix back, in the editor too; Ctrl+Y redoes it.
  await page.locator('#undo').click();
  await page.waitForFunction(() => [...document.querySelectorAll('.cm-line')].some((l) => l.textContent === '    multiaz: true'));
  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+y');
  await page.waitForFunction(() => [...document.querySelectorAll('.cm-line')].some((l) => l.textContent === '    multi_az: true'));
  assert.deepEqual(errors, []);
  await page.close();
});

test('hover explains a field and a reference; F12 goes to where a reference is declared', async () => {
  const { page, errors } = await coded({ width: 1400, height: 900 }, EXPOSED);
  const word = (text) => page.locator('.cm-line span', { hasText: new RegExp(`^${text}$`) }).first();
  await word('instance_class').hover();
  const tip = page.locator('.cm-tooltip-hover');
  await tip.waitFor();
  assert.match(await tip.textContent(), /instance_class/);
  await page.mouse.move(0, 0);
  // `data-a` in the database's subnets: its declaration is line 9.
  const ref = page.locator('.cm-line', { hasText: 'subnets: [data-a, data-b]' }).first();
  const box = await ref.boundingBox();
  await page.mouse.click(box.x + 4 + 8 * 15, box.y + box.height / 2);
  await page.keyboard.press('F12');
  await page.waitForFunction(() => {
    const lines = [...document.querySelectorAll('.cm-content .cm-line')];
    return lines.findIndex((l) => l.classList.contains('cm-activeLine')) + 1 === 9;
  });
  assert.deepEqual(errors, []);
  await page.close();
});

test('the diagram shows the path from the internet to an open database port, and its node jumps to the line', async () => {
  const { page, errors } = await coded({ width: 1400, height: 1000 }, EXPOSED);
  const exposed = page.locator('#diagram .pwd-link[data-from="internet"][data-to="db"] path.pwd-exposed');
  await exposed.waitFor({ timeout: 15000 });
  assert.match(await exposed.getAttribute('class'), /pwd-sev-(critical|high)/);
  assert.equal(await page.locator('#diagram .pwd-link[data-to="lb"] path.pwd-exposed').count(), 0, 'the load balancer is open by design');
  const db = page.locator('#diagram .pwd-node[data-name="db"]');
  assert.match(await db.getAttribute('aria-label'), /db\.t3\.micro, \$[\d.,]+ per month, \d+ finding/);
  await page.locator('.diagram-section').scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(artifacts, 'diagram-light.png') });
  await db.click();
  await page.waitForFunction(() => {
    const lines = [...document.querySelectorAll('.cm-content .cm-line')];
    return lines.findIndex((l) => l.classList.contains('cm-activeLine')) + 1 === 16;
  });
  assert.equal(await caretLine(page), 16);
  // And back: the caret on the load balancer's line marks its node.
  await page.locator('.cm-line', { hasText: 'kind: load_balancer' }).click();
  await page.waitForFunction(() => document.querySelector('#diagram .pwd-node[data-name="lb"]').classList.contains('pwd-current'));
  // Keyboard: Tab to a node, Enter shows its line.
  await page.locator('#diagram .pwd-node[data-name="db"]').focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => [...document.querySelectorAll('.cm-content .cm-line')].findIndex((l) => l.classList.contains('cm-activeLine')) + 1 === 16);
  // Exports: an SVG file and a PNG image.
  const [svg] = await Promise.all([page.waitForEvent('download'), page.locator('#diagram-svg').click()]);
  assert.match(svg.suggestedFilename(), /^exposed-diagram\.svg$/);
  const [png] = await Promise.all([page.waitForEvent('download'), page.locator('#diagram-png').click()]);
  assert.match(png.suggestedFilename(), /\.png$/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('screenshots: the code editor and the diagram in dark mode and on a phone; the plain text box stays a choice', async () => {
  {
    const { page, errors } = await coded({ width: 1400, height: 1000 }, EXPOSED, 'dark');
    await page.locator('#diagram .pwd-node').first().waitFor({ timeout: 15000 });
    await page.screenshot({ path: path.join(artifacts, 'code-dark.png') });
    await page.locator('.diagram-section').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(artifacts, 'diagram-dark.png') });
    assert.deepEqual(errors, []);
    await page.close();
  }
  {
    const { page, errors } = await coded({ width: 390, height: 844 }, EXPOSED);
    await page.locator('#diagram .pwd-node').first().waitFor({ timeout: 15000 });
    await page.screenshot({ path: path.join(artifacts, 'code-phone.png') });
    await page.locator('.diagram-section').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(artifacts, 'diagram-phone.png') });
    // The diagram scrolls inside its frame: the page itself is no wider than the phone.
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 400));
    // The plain text box, for who prefers it: the same text, and back.
    await page.locator('#plain-editor').check();
    await page.waitForSelector('#design:visible');
    assert.equal(await page.locator('#design').inputValue(), EXPOSED);
    await page.locator('#plain-editor').uncheck();
    await page.waitForSelector('.cm-editor');
    assert.deepEqual(errors, []);
    await page.close();
  }
});

test('the embed shows the diagram with ?embed&view=diagram', async () => {
  const page = await env.browser.newPage({ viewport: { width: 1000, height: 800 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${env.server.url}?embed&view=diagram&src=examples/shop-web-app.yaml`);
  await page.locator('#diagram .pwd-node[data-name="main-db"]').waitFor({ timeout: 20000 });
  assert.match(await page.locator('#diagram .pwd-node[data-name="main-db"]').getAttribute('aria-label'), /\$[\d,.]+ per month/);
  assert.equal(await page.locator('#embed-total').count(), 0, 'the diagram, not the card');
  await page.screenshot({ path: path.join(artifacts, 'embed-diagram.png') });
  assert.deepEqual(errors, []);
  await page.close();
});
