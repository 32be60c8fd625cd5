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
export async function importTerraformZip(request, blob) {
  const mod = await load();
  const bytes = new Uint8Array(await blob.arrayBuffer());
  const name = blob.name || JSON.parse(request).name || 'archive';
  return mod.importTerraformZip(request, name.endsWith('.zip') ? name : `${name}.zip`, bytes);
}

// What was dropped: the files, and the files of each dropped folder (read recursively, with
// their path below it, as a picked folder gives them). Plain files pass as they are.
export async function droppedFiles(dataTransfer) {
  const out = [];
  const walk = async (entry, prefix) => {
    if (entry.isFile) {
      const file = await new Promise((ok, fail) => entry.file(ok, fail));
      out.push(Object.assign(file, { planwrightPath: prefix + file.name }));
    } else if (entry.isDirectory) {
      const reader = entry.createReader();
      // readEntries gives at most 100 at a time: read until it gives none.
      for (;;) {
        const batch = await new Promise((ok, fail) => reader.readEntries(ok, fail));
        if (batch.length === 0) break;
        for (const e of batch) await walk(e, `${prefix}${entry.name}/`);
      }
    }
  };
  const entries = [...(dataTransfer.items || [])]
    .map((item) => (item.webkitGetAsEntry ? item.webkitGetAsEntry() : null));
  if (entries.some((e) => e && e.isDirectory)) {
    for (const e of entries) if (e) await walk(e, '');
    return out;
  }
  return [...(dataTransfer.files || [])];
}
