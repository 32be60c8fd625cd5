// Trunk post-build hook: Trunk loads the app with an inline <script type="module">, which
// the page's Content-Security-Policy (script-src 'self') forbids. Move it into boot.js and
// reference it, so the policy can stay strict. Runs on Trunk's staging directory.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR || 'dist';
const file = path.join(dir, 'index.html');
let html = readFileSync(file, 'utf8');
const inline = /<script type="module"[^>]*>([\s\S]*?)<\/script>/g;
let boot = '';
html = html.replace(inline, (whole, body) => {
  if (!body.trim()) return whole;
  boot += body.trim() + '\n';
  return '';
});
if (!boot) {
  console.error('postbuild: no inline loader found in index.html (did Trunk change?)');
  process.exit(1);
}
writeFileSync(path.join(dir, 'boot.js'), boot);
html = html.replace('</head>', '<script type="module" src="./boot.js"></script></head>');
if (/<script(?![^>]*\bsrc=)[^>]*>[^<]/.test(html)) {
  console.error('postbuild: an inline script is left in index.html');
  process.exit(1);
}
writeFileSync(file, html);
console.log('postbuild: loader moved to boot.js');
