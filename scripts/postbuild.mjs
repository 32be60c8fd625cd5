// Trunk post-build hook, on Trunk's staging directory:
// - Trunk loads the app with an inline <script type="module">, which the page's
//   Content-Security-Policy (script-src 'self') forbids. Move it into boot.js and reference
//   it, so the policy can stay strict.
// - In release builds, minify wasm-bindgen's JavaScript (terser: Trunk's own minifier
//   cannot parse it) and the style sheet (csso): 4 KB of the 500 KB gzip budget.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { minify } from 'terser';
import { minify as minifyCss } from 'csso';

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

if (process.env.TRUNK_PROFILE === 'release') {
  // Trunk pins each file with a subresource-integrity hash: re-pin the minified ones.
  const sri = (text) => `sha384-${createHash('sha384').update(text).digest('base64')}`;
  let page = readFileSync(file, 'utf8');
  const shrink = async (name, how) => {
    const at = path.join(dir, name);
    if (!existsSync(at)) return;
    const before = readFileSync(at, 'utf8');
    const after = await how(before);
    writeFileSync(at, after);
    page = page.split(sri(before)).join(sri(after));
  };
  // Exports and the names of the imports the wasm module asks for stay as they are.
  await shrink('planwright-web.js', async (js) => (await minify(js, { module: true, format: { comments: false } })).code);
  await shrink('style.css', (css) => minifyCss(css).css);
  writeFileSync(file, page);
  console.log('postbuild: JavaScript and CSS minified');
}
