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

let diagramUi;
function loadDiagramUi() {
  if (!diagramUi) {
    diagramUi = import(url('code/diagram.js'));
    diagramUi.catch(() => { diagramUi = undefined; });
  }
  return diagramUi;
}

const frames = new WeakMap();
let latest = '';
let caret = 0;

/**
 * Draws the diagram of a design text into `host` (its frame built on the first call, with
 * `options`: `labels`, `name()`, `onJump(line)`). Facts: the page's `diagram::Facts` JSON.
 */
export async function showDiagram(host, text, env, facts, options) {
  const [assist, ui] = await Promise.all([loadAssist(), loadDiagramUi()]);
  let frame = frames.get(host);
  if (!frame) {
    frame = ui.frame(host, options);
    frames.set(host, frame);
  }
  frame.show(assist.diagram(text, env ?? undefined, facts));
  latest = frame.svg();
  highlightDiagram(caret);
}

/** The newest diagram drawn on the page, as a `data:` URL (empty before the first). */
export function latestDiagramDataUrl() {
  if (!latest) return '';
  const bytes = new TextEncoder().encode(latest);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return `data:image/svg+xml;base64,${btoa(binary)}`;
}

/** Marks the diagram's node of the resource whose entry holds `line` (the editor's caret). */
export function highlightDiagram(line) {
  caret = line;
  let best;
  for (const node of document.querySelectorAll('#diagram .pwd-node[data-line]')) {
    node.classList.remove('pwd-current');
    const at = Number(node.dataset.line);
    if (at <= line && (!best || at > Number(best.dataset.line))) best = node;
  }
  if (best) best.classList.add('pwd-current');
}
