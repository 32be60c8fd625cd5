// Loads the Terraform reader (dist/tf/, built by scripts/build-tf-wasm.sh) the first time a
// user opens Terraform, and keeps it. Same origin only (the page's CSP: script-src 'self').
let reader;

async function load() {
  if (!reader) {
    reader = (async () => {
      const base = document.baseURI;
      const mod = await import(new URL('tf/planwright_tf.js', base).href);
      await mod.default({ module_or_path: new URL('tf/planwright_tf_bg.wasm', base) });
      return mod;
    })();
    // A failed load (offline before it was ever fetched) may be retried.
    reader.catch(() => { reader = undefined; });
  }
  return reader;
}

export async function importTerraform(request) {
  const mod = await load();
  return mod.importTerraform(request);
}
