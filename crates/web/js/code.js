// Loads the code editor after the page's first paint, once: its CodeMirror bundle
// (code/editor.js), the core's assistance module (code/planwright_assist*, built by
// scripts/build-code-editor.sh) and the design format's schema. Same origin only (the
// page's CSP). A failed load (offline before they were ever fetched) may be retried.
let loading;

export function loadCodeEditor() {
  if (!loading) {
    const base = document.baseURI;
    const url = (p) => new URL(p, base).href;
    loading = Promise.all([
      import(url('code/editor.js')),
      import(url('code/planwright_assist.js')).then(async (assist) => {
        await assist.default({ module_or_path: url('code/planwright_assist_bg.wasm') });
        return assist;
      }),
      fetch(url('schema.json')).then((r) => (r.ok ? r.text() : '')).catch(() => ''),
    ]).then(([editor, assist, schema]) => {
      // Without the schema the editor still completes kinds, regions, names and SKUs.
      if (schema) assist.setSchema(schema);
      return { editor, assist };
    });
    loading.catch(() => { loading = undefined; });
  }
  return loading;
}

export function mountCodeEditor(loaded, parent, options) {
  options.assist = loaded.assist;
  return loaded.editor.mount(parent, options);
}
