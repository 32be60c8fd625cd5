// The page's architecture diagram around the SVG the core draws (`planwright_core::diagram`,
// in the assistance module): its zoom and export bar, pan by dragging, zoom with the
// buttons, Ctrl+wheel or + and -, Tab through the resources and Enter (or a click) to put
// the editor's caret on a resource's line. Loaded after the first paint with the module
// that draws (scripts/build-code-editor.sh bundles it into dist/code/diagram.js).

const ZOOM_MIN = 0.25;
const ZOOM_MAX = 4;

function button(text, label, onClick) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = text;
  if (label) { b.setAttribute('aria-label', label); b.title = label; }
  b.addEventListener('click', onClick);
  return b;
}

function download(name, blob) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

/** The SVG as a PNG, twice its size (sharp on slides). */
async function png(svg) {
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
  return new Promise((ok) => canvas.toBlob(ok, 'image/png'));
}

/**
 * Builds the diagram's frame in `host` (once) and returns its controls. `options`:
 * `labels` (the page's words: zoomIn, zoomOut, frame, drawing), `name` (for exported files,
 * read when exporting), `onJump(line)`.
 */
export function frame(host, options) {
  let zoom = 1;
  let svg = '';
  const bar = document.createElement('div');
  bar.className = 'diagram-bar';
  bar.setAttribute('role', 'toolbar');
  const view = document.createElement('div');
  view.id = 'diagram';
  view.className = 'diagram';
  view.tabIndex = 0;
  view.setAttribute('aria-label', options.labels.frame);
  const inner = document.createElement('div');
  inner.className = 'diagram-zoom';
  const waiting = document.createElement('p');
  waiting.className = 'muted';
  waiting.textContent = options.labels.drawing;
  view.append(waiting, inner);
  const percent = button('100%', null, () => setZoom(1));
  const setZoom = (z) => {
    zoom = Math.min(ZOOM_MAX, Math.max(ZOOM_MIN, z));
    inner.style.zoom = String(zoom);
    percent.textContent = `${Math.round(zoom * 100)}%`;
  };
  const svgButton = button('SVG', null, () => download(`${options.name()}-diagram.svg`, new Blob([svg], { type: 'image/svg+xml' })));
  svgButton.id = 'diagram-svg';
  const pngButton = button('PNG', null, async () => download(`${options.name()}-diagram.png`, await png(svg)));
  pngButton.id = 'diagram-png';
  const spacer = document.createElement('span');
  spacer.className = 'spacer';
  bar.append(
    button('−', options.labels.zoomOut, () => setZoom(zoom / 1.25)),
    percent,
    button('+', options.labels.zoomIn, () => setZoom(zoom * 1.25)),
    spacer, svgButton, pngButton,
  );
  host.replaceChildren(bar, view);

  const lineOf = (target) => {
    const node = target.closest && target.closest('.pwd-node[data-line]');
    return node ? Number(node.dataset.line) : null;
  };
  view.addEventListener('click', (e) => {
    if (moved) return;
    const line = lineOf(e.target);
    if (line) options.onJump(line);
  });
  view.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') {
      const line = lineOf(e.target);
      if (line) { e.preventDefault(); options.onJump(line); }
    } else if (e.key === '+' || e.key === '=') setZoom(zoom * 1.25);
    else if (e.key === '-') setZoom(zoom / 1.25);
    else if (e.key === '0') setZoom(1);
  });
  view.addEventListener('wheel', (e) => {
    if (!(e.ctrlKey || e.metaKey)) return;
    e.preventDefault();
    setZoom(zoom * (e.deltaY < 0 ? 1.1 : 1 / 1.1));
  }, { passive: false });
  // Drag to pan; a drag is not a click.
  let drag = null;
  let moved = false;
  view.addEventListener('pointerdown', (e) => {
    drag = { x: e.clientX, y: e.clientY, left: view.scrollLeft, top: view.scrollTop };
    moved = false;
  });
  view.addEventListener('pointermove', (e) => {
    if (!drag || e.buttons === 0) { drag = null; return; }
    const dx = e.clientX - drag.x;
    const dy = e.clientY - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 4) moved = true;
    view.scrollLeft = drag.left - dx;
    view.scrollTop = drag.top - dy;
  });
  view.addEventListener('pointerup', () => { drag = null; });

  return {
    /** Shows a newly drawn SVG (the empty text keeps the last one). */
    show(drawn) {
      if (!drawn) return;
      svg = drawn;
      waiting.remove();
      inner.innerHTML = drawn;
    },
    svg: () => svg,
  };
}
