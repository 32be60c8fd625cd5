// Terraform in the page: a folder's .tf files (or a plan JSON) open as a new saved design
// through the Terraform reader, which the page loads only then; broken HCL is reported at
// its file:line and changes nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readdirSync, readFileSync } from 'node:fs';
import { useBrowser, artifacts, freshPage, root } from './support.mjs';

const env = useBrowser();
const fixtures = path.join(root, 'crates/core/tests/fixtures/terraform');

function tfFiles(dir) {
  return readdirSync(path.join(fixtures, dir))
    .filter((n) => n.endsWith('.tf'))
    .map((name) => ({ name, mimeType: 'text/plain', buffer: readFileSync(path.join(fixtures, dir, name)) }));
}

test('a Terraform stack opens as a design; the reader loads only when asked', async () => {
  const { page, errors } = await freshPage(env.browser, env.server.url, { width: 1400, height: 1000 });
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.locator('#total').waitFor();
  assert.ok(!requests.some((u) => u.includes('/tf/')), 'the first paint does not load the Terraform reader');
  const before = await page.locator('#design-picker option').count();

  await page.setInputFiles('#tf-files', tfFiles('web_stack'));
  await page.waitForFunction(() => document.querySelector('#design').value.includes('"aws_instance.bastion":'));
  assert.ok(requests.some((u) => u.endsWith('/tf/planwright_tf_bg.wasm')), 'the reader was loaded on demand');
  assert.equal(await page.locator('#design-picker option').count(), before + 1, 'a new saved design');
  assert.match(await page.locator('#notice').innerText(), /Read from Terraform: 2\d resources/);
  const text = await page.locator('#design').inputValue();
  assert.match(text, /# aws_instance\.bastion \(compute\.tf:88\)/);
  // The page evaluates it like any design: SSH open to the internet is found.
  await page.locator('#open-findings [data-rule="NET-001"]').first().waitFor();
  await page.screenshot({ path: path.join(artifacts, 'terraform.png') });
  // Each finding and cost row names its .tf file and line; clicking opens the file there,
  // read-only. SSH reaches the bastion, which compute.tf declares at line 88.
  const at = page.locator('#open-findings [data-rule="NET-001"] .tf-at').first();
  assert.equal(await at.innerText(), 'compute.tf:88');
  await at.click();
  await page.locator('#tf-view .here').waitFor();
  assert.match(await page.locator('#tf-view header').innerText(), /compute\.tf:88/);
  assert.match(await page.locator('#tf-view .here').innerText(), /resource "aws_instance" "bastion"/);
  await page.screenshot({ path: path.join(artifacts, 'terraform-view.png') });
  await page.click('#tf-view-close');
  await page.locator('#tf-view').waitFor({ state: 'detached' });
  await page.locator('#cost-table tbody[data-resource="aws_instance.bastion"] .tf-at').click();
  assert.match(await page.locator('#tf-view .here').innerText(), /resource "aws_instance" "bastion"/);
  await page.click('#tf-view-close');
  // After a reload the origins (in the text) and the kept files are still there.
  await page.reload();
  await page.locator('#cost-table tbody[data-resource="aws_instance.bastion"] .tf-at').click();
  assert.match(await page.locator('#tf-view .here').innerText(), /resource "aws_instance" "bastion"/);
  assert.deepEqual(errors, []);
});

test('broken HCL is reported at its line and nothing is opened', async () => {
  const { page, errors } = await freshPage(env.browser, env.server.url);
  await page.locator('#total').waitFor();
  const before = await page.locator('#design-picker option').count();
  const mine = await page.locator('#design').inputValue();
  await page.setInputFiles('#tf-files', tfFiles('broken'));
  await page.locator('#notice').waitFor();
  const notice = await page.locator('#notice').innerText();
  assert.match(notice, /The Terraform was not opened: main\.tf:\d+:\d+: TF-PARSE/);
  assert.equal(await page.locator('#design-picker option').count(), before);
  assert.equal(await page.locator('#design').inputValue(), mine);
  assert.deepEqual(errors, []);
});

test('the JS API reads Terraform too', async () => {
  const { page, errors } = await freshPage(env.browser, env.server.url);
  await page.waitForFunction(() => window.wasmBindings && document.querySelector('#total'));
  const files = tfFiles('web_stack').map((f) => ({ path: f.name, text: f.buffer.toString('utf8') }));
  const out = await page.evaluate(async (files) => {
    const tf = await window.wasmBindings.importTerraform(files, { region: 'us-east-1' });
    const result = window.wasmBindings.evaluate(tf.design);
    return { errors: tf.errors, region: tf.region, line: tf.lines.findIndex((l) => l && l[0] === 'security.tf'), ok: result.ok, rules: result.ok ? result.report.findings.map((f) => f.rule) : [] };
  }, files);
  assert.equal(out.errors, 0);
  assert.equal(out.region, 'us-east-1');
  assert.ok(out.line > 0, 'design lines map back to .tf lines');
  assert.ok(out.ok);
  assert.ok(out.rules.includes('NET-001'));
  assert.deepEqual(errors, []);
});
