// The form as a new user meets it: renaming a subnet, a security group or a resource renames
// every reference in one undo step; a reference to something missing is repaired from the
// card; "Add resource" picks what the design's region prices; a finding clicked while the
// form is shown lands on its line; severities, days and dates in Korean.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { useBrowser, freshPage, artifacts } from './support.mjs';

const env = useBrowser();

const NET = [
  'version: 1',
  'name: refs',
  'region: us-east-1',
  'network:',
  '  vpc: 10.0.0.0/16',
  '  subnets:',
  '    app-a: { cidr: 10.0.1.0/24, zone: a }',
  '    app-b: { cidr: 10.0.2.0/24, zone: b }',
  '  security_groups:',
  '    web:',
  '      ingress:',
  '        - { ports: 443, from: 0.0.0.0/0 }',
  '    db:',
  '      ingress:',
  '        - { ports: 5432, from: web }',
  'resources:',
  '  api:',
  '    kind: compute',
  '    instance_type: t3.small',
  '    subnets: [app-a, app-b]',
  '    security_groups: [web]',
  '  edge: { kind: cdn, origin: api }',
  '',
].join('\n');

const text = (page) => page.locator('#design').inputValue();

async function rename(page, selector, to) {
  await page.locator(selector).fill(to);
  await page.locator(selector).press('Enter');
}

test('renaming a subnet, a group or a resource in the form renames every reference, one undo each', async () => {
  const { page, errors } = await freshPage(env.browser, env.server.url);
  await page.locator('#design').fill(NET);
  await page.waitForSelector('#total');
  await page.click('#tab-form');
  await rename(page, '#subnet-1-name', 'app-2');
  await page.waitForFunction(() => document.querySelector('#design').value.includes('[app-a, app-2]'));
  assert.doesNotMatch(await text(page), /app-b/);
  await rename(page, '.sg[data-sg="web"] input.name', 'front');
  await page.waitForFunction(() => document.querySelector('#design').value.includes('from: front'));
  assert.match(await text(page), /security_groups: \[front\]/);
  await rename(page, '.resource-card[data-resource="api"] input.name', 'backend');
  await page.waitForFunction(() => document.querySelector('#design').value.includes('origin: backend'));
  assert.equal(await page.locator('#errors').count(), 0, 'no dangling reference');
  // A taken name is refused with a notice, and nothing changes.
  const before = await text(page);
  await rename(page, '#subnet-0-name', 'app-2');
  await page.waitForSelector('#notice');
  assert.match(await page.locator('#notice').textContent(), /already exists/);
  assert.equal(await text(page), before);
  assert.equal(await page.locator('#subnet-0-name').inputValue(), 'app-a');
  // Each rename is one undo step.
  await page.click('#undo');
  await page.waitForFunction(() => document.querySelector('#design').value.includes('origin: api'));
  assert.match(await text(page), /from: front/);
  await page.click('#undo');
  await page.click('#undo');
  await page.waitForFunction((t) => document.querySelector('#design').value === t, NET);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a reference to a missing subnet is repaired from the form while the text has the error', async () => {
  const { page, errors } = await freshPage(env.browser, env.server.url);
  await page.locator('#design').fill(NET.replace('[app-a, app-b]', '[app-a, app-c]'));
  await page.waitForSelector('#errors');
  assert.match(await page.locator('#errors').textContent(), /subnet `app-c` does not exist/);
  await page.click('#tab-form');
  const repair = page.locator('.resource-card[data-resource="api"] .dangling select');
  assert.equal(await repair.count(), 1);
  await page.locator('.resource-card[data-resource="api"]').screenshot({ path: path.join(artifacts, 'form-repair.png') });
  // The form shows the text as it is (not the last design that read), and edits it.
  await page.selectOption('.resource-card[data-resource="api"] .dangling select', 'app-b');
  await page.waitForFunction(() => document.querySelector('#design').value.includes('[app-a, app-b]'));
  await page.waitForFunction(() => !document.querySelector('#errors'));
  assert.equal(await page.locator('.dangling').count(), 0);
  // "Remove the reference" takes it out.
  await page.click('#tab-text');
  await page.locator('#design').fill(NET.replace('origin: api', 'origin: nowhere'));
  await page.waitForSelector('#errors');
  await page.click('#tab-form');
  await page.selectOption('.resource-card[data-resource="edge"] .dangling select', '');
  await page.waitForFunction(() => !document.querySelector('#design').value.includes('nowhere'));
  await page.waitForFunction(() => !document.querySelector('#errors'));
  assert.deepEqual(errors, []);
  await page.close();
});

test('"Add resource" in Seoul inserts a database the Seoul prices cover', async () => {
  const { page, errors } = await freshPage(env.browser, env.server.url);
  await page.locator('#design').fill('version: 1\nname: seoul\nregion: ap-northeast-2\nresources:\n  x: { kind: custom, monthly_usd: 1 }\n');
  await page.waitForSelector('#total');
  await page.click('#tab-form');
  await page.selectOption('#add-resource', 'database');
  await page.waitForFunction(() => document.querySelector('#design').value.includes('database-1'));
  await page.waitForFunction(() => document.querySelector('tbody[data-resource="database-1"]'));
  assert.equal(await page.locator('#incomplete').count(), 0, 'every price found');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a finding clicked while the form is shown opens the text at its line', async () => {
  const { page, errors } = await freshPage(env.browser, env.server.url);
  const filler = Array.from({ length: 80 }, (_, i) => `# note ${i}`).join('\n');
  await page.locator('#design').fill(NET.replace('resources:', `${filler}\nresources:`).replace('from: 0.0.0.0/0', 'from: 0.0.0.0/0 }\n        - { ports: 22, from: 0.0.0.0/0'));
  await page.waitForSelector('#open-findings');
  await page.click('#tab-form');
  await page.waitForSelector('#form-editor');
  const finding = page.locator('#open-findings .finding button.at').first();
  const at = await finding.textContent();
  const line = Number(at.split(':')[0]);
  await finding.click();
  await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'design');
  const caret = await page.evaluate(() => {
    const area = document.querySelector('#design');
    return area.value.slice(0, area.selectionStart).split('\n').length;
  });
  assert.equal(caret, line);
  const visible = await page.evaluate((l) => {
    const area = document.querySelector('#design');
    const px = parseFloat(getComputedStyle(area).lineHeight) || 18;
    const y = (l - 1) * px;
    return y >= area.scrollTop && y <= area.scrollTop + area.clientHeight;
  }, line);
  assert.ok(visible, 'the line is scrolled into view');
  assert.deepEqual(errors, []);
  await page.close();
});

test('Korean: severities, the heat map days and the deleted designs dates are Korean', async () => {
  const { page, errors } = await freshPage(env.browser, env.server.url);
  await page.locator('#design').fill(NET.replace('from: 0.0.0.0/0', 'from: 0.0.0.0/0 }\n        - { ports: 22, from: 0.0.0.0/0'));
  await page.waitForSelector('#open-findings');
  await page.selectOption('#lang-picker', 'ko');
  await page.waitForFunction(() => /심각|높음/.test(document.querySelector('#findings h2').textContent));
  assert.doesNotMatch(await page.locator('#findings h2').textContent(), /critical|high|medium|low/);
  assert.match(await page.locator('#open-findings .sev').first().textContent(), /[가-힣]/);
  await page.screenshot({ path: path.join(artifacts, 'findings-ko.png') });
  assert.deepEqual(errors, []);
  await page.close();
});
