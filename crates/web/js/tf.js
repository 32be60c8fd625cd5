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

// A repository's .zip: its bytes go to the reader, which unpacks them within its limits.
export async function importTerraformZip(request, file) {
  const mod = await load();
  const bytes = new Uint8Array(await file.arrayBuffer());
  return mod.importTerraformZip(request, file.name, bytes);
}
