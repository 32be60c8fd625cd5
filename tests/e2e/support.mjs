// Shared set-up of the browser tests: serve dist/ on a free loopback port with Python's
// static server and drive Debian's chromium through playwright-core (no browser download).
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { before, after } from 'node:test';
import { mkdirSync } from 'node:fs';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const artifacts = path.join(root, 'tests/e2e/artifacts');

export const CHROMIUM_FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
];

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export async function serveDist() {
  const port = await freePort();
  const proc = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', process.env.DIST || path.join(root, 'dist')], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 100; i++) {
    try {
      const res = await fetch(url);
      if (res.ok) return { url, stop: () => proc.kill() };
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  proc.kill();
  throw new Error(`static server on ${url} did not start`);
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: CHROMIUM_FLAGS,
  });
}

/** The settings a test starts from: English, and the plain text box (`#design`) unless the
 * test is about the code editor (`{ code: true }`). */
export const PREFS_KEY = 'planwright.prefs.v1';
export const prefs = (code) => JSON.stringify({ lang: 'En', currency: 'Usd', krw_per_usd: null, plain_editor: !code });

/** A page on a fresh app: no saved design, pack or crash marker; uncaught errors collected.
 * `options.code`: keep the code editor (the default for users) instead of the text box. */
export async function freshPage(browser, url, viewport = { width: 1400, height: 900 }, options = {}) {
  const page = await browser.newPage({ viewport, colorScheme: options.colorScheme || 'light' });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  await page.evaluate(([key, value]) => { localStorage.clear(); localStorage.setItem(key, value); }, [PREFS_KEY, prefs(options.code)]);
  await page.reload();
  return { page, errors };
}

/** A fresh page whose text editor holds a generated design of `resources` resources, priced
 * (the keystroke benchmark and profile). */
export async function pageWithGeneratedDesign(browser, url, resources) {
  const { page } = await freshPage(browser, url);
  await page.waitForFunction(() => window.wasmBindings && document.querySelector('#total'));
  const text = await page.evaluate((n) => window.wasmBindings.generateSample(n), resources);
  await page.locator('#design').fill(text);
  await page.waitForFunction(() => document.querySelector('#total')?.textContent.includes('$'));
  return page;
}

/**
 * Serves dist/ and launches the browser around a test file's tests:
 * `const env = useBrowser();` then `env.server.url` and `env.browser` inside the tests.
 */
export function useBrowser() {
  const env = {};
  before(async () => {
    mkdirSync(artifacts, { recursive: true });
    env.server = await serveDist();
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    env.server?.stop();
  });
  return env;
}
