// Terraform in the page: a folder's .tf files (or a plan JSON) open as a new saved design
// through the Terraform reader, which the page loads only then; broken HCL is reported at
// its file:line and changes nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readdirSync, readFileSync } from 'node:fs';
import { crc32 } from 'node:zlib';
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
  // A repository's .zip, as a Blob: the reader unpacks it.
  const zip = makeZip(tfFiles('web_stack').map((f) => [`shop-main/${f.name}`, f.buffer]));
  const fromZip = await page.evaluate(async (b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const tf = await window.wasmBindings.importTerraform(new Blob([bytes]), { name: 'shop' });
    return { errors: tf.errors, resources: tf.resources.length, files: (tf.files || []).length };
  }, zip.toString('base64'));
  assert.equal(fromZip.errors, 0);
  assert.ok(fromZip.resources > 20, `${fromZip.resources} resources`);
  assert.ok(fromZip.files >= 4, 'the unpacked files come back');
  assert.deepEqual(errors, []);
});

// A .zip with stored (uncompressed) entries: local headers, the central directory, its end.
function makeZip(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const [name, data] of entries) {
    const n = Buffer.from(name);
    const crc = crc32(data) >>> 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14); local.writeUInt32LE(data.length, 18); local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(n.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16); central.writeUInt32LE(data.length, 20); central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(n.length, 28); central.writeUInt32LE(offset, 42);
    locals.push(local, n, data);
    centrals.push(central, n);
    offset += 30 + n.length + data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(entries.length, 8); end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

test("a repository's .zip opens like its folder, picked or dropped, with its .tf view", async () => {
  const { page, errors } = await freshPage(env.browser, env.server.url, { width: 1400, height: 1000 });
  await page.locator('#total').waitFor();
  const entries = [['shop-main/README.md', Buffer.from('# shop\n')]];
  for (const f of tfFiles('web_stack')) entries.push([`shop-main/infra/${f.name}`, f.buffer]);
  const zip = makeZip(entries);
  await page.setInputFiles('#tf-files', { name: 'shop.zip', mimeType: 'application/zip', buffer: zip });
  await page.waitForFunction(() => document.querySelector('#design').value.includes('"aws_instance.bastion":'));
  assert.match(await page.locator('#notice').innerText(), /Read from Terraform: 2\d resources/);
  await page.locator('#cost-table tbody[data-resource="aws_instance.bastion"] .tf-at').click();
  assert.match(await page.locator('#tf-view .here').innerText(), /resource "aws_instance" "bastion"/);
  await page.click('#tf-view-close');
  // Dropped on the Terraform buttons: the same archive opens as another design.
  const before = await page.locator('#design-picker option').count();
  await page.evaluate(async (b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([bytes], 'shop-copy.zip', { type: 'application/zip' }));
    const target = document.querySelector('#tf-drop');
    target.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    target.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, zip.toString('base64'));
  await page.waitForFunction((n) => document.querySelectorAll('#design-picker option').length === n + 1, before);
  // A damaged archive opens nothing and says why.
  await page.setInputFiles('#tf-files', { name: 'broken.zip', mimeType: 'application/zip', buffer: Buffer.from('PK not a zip') });
  await page.waitForFunction(() => /not opened: .*broken\.zip/.test(document.querySelector('#notice')?.innerText ?? ''));
  assert.deepEqual(errors, []);
});

test('a dropped folder is read with its local modules, each file at its path below the folder', async () => {
  const { page, errors } = await freshPage(env.browser, env.server.url, { width: 1400, height: 1000 });
  await page.locator('#total').waitFor();
  const dir = path.join(root, 'crates/terraform/tests/fixtures/module_outputs_count');
  const files = {
    'main.tf': readFileSync(path.join(dir, 'main.tf'), 'utf8'),
    'modules/web/main.tf': readFileSync(path.join(dir, 'modules/web/main.tf'), 'utf8'),
    'README.md': '# not Terraform\n',
  };
  const before = await page.locator('#design-picker option').count();
  // A real drop event; its items are what Chromium gives for a dropped folder (entries a
  // page cannot build itself: directory readers that hand out at most a few at a time).
  await page.evaluate((files) => {
    const fileEntry = (name, text) => ({ isFile: true, isDirectory: false, name, file: (ok) => ok(new File([text], name)) });
    const dirEntry = (name, children) => ({
      isFile: false, isDirectory: true, name,
      createReader: () => {
        let rest = [...children];
        return { readEntries: (ok) => ok(rest.splice(0, 1)) };
      },
    });
    const tree = (prefix) => {
      const here = new Map();
      for (const [p, text] of Object.entries(files)) {
        if (!p.startsWith(prefix)) continue;
        const [head, ...tail] = p.slice(prefix.length).split('/');
        if (tail.length === 0) here.set(head, fileEntry(head, text));
        else if (!here.has(head)) here.set(head, dirEntry(head, tree(`${prefix}${head}/`)));
      }
      return [...here.values()];
    };
    const root = dirEntry('infra', tree(''));
    const dt = new DataTransfer();
    Object.defineProperty(dt, 'items', { get: () => [{ kind: 'file', webkitGetAsEntry: () => root }] });
    const target = document.querySelector('#tf-drop');
    target.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, files);
  await page.waitForFunction((n) => document.querySelectorAll('#design-picker option').length === n + 1, before);
  const text = await page.locator('#design').inputValue();
  assert.match(text, /module\.web\[0\]\.aws_instance\.this/, text.slice(0, 800));
  assert.match(text, /module\.worker\.aws_instance\.this/);
  assert.match(text, /\(infra\/modules\/web\/main\.tf:\d+\)|\(modules\/web\/main\.tf:\d+\)/, 'the module file named by its path');
  assert.deepEqual(errors, []);
});
