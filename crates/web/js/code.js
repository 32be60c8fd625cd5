// Loads what the page needs after its first paint, once each: the code editor's CodeMirror
// bundle (code/editor.js), the core's assistance and diagram module (code/planwright_assist*,
// built by scripts/build-code-editor.sh) and the design format's schema. Same origin only
// (the page's CSP). A failed load (offline before they were ever fetched) may be retried.
const url = (p) => new URL(p, document.baseURI).href;

let assistLoading;
function loadAssist() {
  if (!assistLoading) {
    assistLoading = Promise.all([
      import(url('code/planwright_assist.js')).then(async (assist) => {
        await assist.default({ module_or_path: url('code/planwright_assist_bg.wasm') });
        return assist;
      }),
      fetch(url('schema.json')).then((r) => (r.ok ? r.text() : '')).catch(() => ''),
    ]).then(([assist, schema]) => {
      // Without the schema the editor still completes kinds, regions, names and SKUs.
      if (schema) assist.setSchema(schema);
      return assist;
    });
    assistLoading.catch(() => { assistLoading = undefined; });
  }
  return assistLoading;
}

let editorLoading;
export function loadCodeEditor() {
  if (!editorLoading) {
    editorLoading = Promise.all([import(url('code/editor.js')), loadAssist()])
      .then(([editor, assist]) => ({ editor, assist }));
    editorLoading.catch(() => { editorLoading = undefined; });
  }
  return editorLoading;
}

export function mountCodeEditor(loaded, parent, options) {
  options.assist = loaded.assist;
  options.onCaret = highlightDiagram;
  return loaded.editor.mount(parent, options);
}

/** The diagram's SVG for a design text (empty when it does not load). */
export async function drawDiagram(text, env, facts) {
  const assist = await loadAssist();
  return assist.diagram(text, env ?? undefined, facts);
}

/** Marks the diagram's node of the resource whose entry holds `line` (the editor's caret). */
export function highlightDiagram(line) {
  let best;
  for (const node of document.querySelectorAll('#diagram .pwd-node[data-line]')) {
    node.classList.remove('pwd-current');
    const at = Number(node.dataset.line);
    if (at <= line && (!best || at > Number(best.dataset.line))) best = node;
  }
  if (best) best.classList.add('pwd-current');
}

/** Offers the diagram as a PNG (twice its size, for sharp slides), drawn from its SVG. */
export async function exportPng(svg, name) {
  const bytes = new TextEncoder().encode(svg);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  const image = new Image();
  image.src = `data:image/svg+xml;base64,${btoa(binary)}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = image.naturalWidth * 2;
  canvas.height = image.naturalHeight * 2;
  const ctx = canvas.getContext('2d');
  ctx.scale(2, 2);
  ctx.drawImage(image, 0, 0);
  const blob = await new Promise((ok) => canvas.toBlob(ok, 'image/png'));
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}
