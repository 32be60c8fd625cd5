// The page's code editor: CodeMirror 6 around the design text, bundled by esbuild
// (scripts/build-code-editor.sh) into dist/code/editor.js and loaded after first paint; the
// page shows its plain text box until then, and keeps it when this cannot load.
//
// Everything it knows comes from the core: completion, hover, go-to-definition and quick
// fixes ask the core's `assist` (the same answers `planwright lsp` gives) in its own
// WebAssembly module (`options.assist`), with the prices of the page's catalogs
// (`options.prices`); the lint marks are the page's diagnostics and findings. Undo
// is the page's one history (the form, the apply buttons and this editor share it), so
// CodeMirror keeps none of its own: Ctrl+Z asks the page.
import { EditorState, Compartment, Annotation } from '@codemirror/state';
import {
  EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter,
  drawSelection, hoverTooltip, highlightSpecialChars, rectangularSelection, crosshairCursor,
} from '@codemirror/view';
import {
  defaultKeymap, indentWithTab,
} from '@codemirror/commands';
import { searchKeymap, highlightSelectionMatches, search } from '@codemirror/search';
import {
  autocompletion, completionKeymap, closeBrackets, closeBracketsKeymap,
} from '@codemirror/autocomplete';
import { setDiagnostics, lintGutter, lintKeymap } from '@codemirror/lint';
import {
  foldGutter, foldKeymap, bracketMatching, indentOnInput, syntaxHighlighting, HighlightStyle,
} from '@codemirror/language';
import { tags } from '@lezer/highlight';
import { yaml } from '@codemirror/lang-yaml';
import { json } from '@codemirror/lang-json';

// Changes the page makes (undo, the form, an example) are not the user's typing.
const fromPage = Annotation.define();

// Colours by class, so the page's style sheet gives them for light and dark.
const highlight = HighlightStyle.define([
  { tag: [tags.propertyName, tags.definition(tags.propertyName)], class: 'tok-key' },
  { tag: [tags.string, tags.special(tags.string)], class: 'tok-string' },
  { tag: [tags.number, tags.bool, tags.null], class: 'tok-number' },
  { tag: [tags.comment, tags.lineComment], class: 'tok-comment' },
  { tag: [tags.keyword, tags.meta, tags.labelName, tags.typeName], class: 'tok-meta' },
  { tag: [tags.punctuation, tags.separator, tags.brace, tags.squareBracket], class: 'tok-punct' },
]);

const isJson = (text) => /^\s*[{[]/.test(text);

// A line and column (1-based, in characters) of the document, as an offset.
function offsetOf(doc, line, column) {
  const l = doc.line(Math.min(Math.max(1, line), doc.lines));
  return Math.min(l.from + Math.max(0, column - 1), l.to);
}

// An offset as the core's line and column.
function positionOf(doc, pos) {
  const l = doc.lineAt(pos);
  return { line: l.number, column: pos - l.from + 1 };
}

// Markdown from the core (`code` spans and **bold**) as DOM nodes: text only, never HTML.
function markdown(text) {
  const out = document.createElement('div');
  out.className = 'cm-doc';
  for (const [i, part] of text.split(/(`[^`]*`|\*\*[^*]*\*\*)/).entries()) {
    if (!part) continue;
    let el;
    if (i % 2 === 1 && part.startsWith('`')) {
      el = document.createElement('code');
      el.textContent = part.slice(1, -1);
    } else if (i % 2 === 1) {
      el = document.createElement('strong');
      el.textContent = part.slice(2, -2);
    } else {
      el = document.createTextNode(part);
    }
    out.append(el);
  }
  return out;
}

// Enter after `key:` (a map or a list to come) indents the next line one level deeper, and
// in a list item (`- a: 1`) lines up under its first key, as YAML editors do.
function newlineInYaml(view) {
  const { state } = view;
  const range = state.selection.main;
  if (!range.empty || isJson(state.doc.toString())) return false;
  const line = state.doc.lineAt(range.head);
  const before = state.sliceDoc(line.from, range.head);
  const indent = before.match(/^ */)[0].length;
  let next = indent;
  if (/:\s*(#.*)?$/.test(before)) next = indent + 2;
  else if (/^ *- /.test(before)) next = indent + 2;
  view.dispatch(state.update({
    changes: { from: range.head, to: range.head, insert: `\n${' '.repeat(next)}` },
    selection: { anchor: range.head + 1 + next },
    scrollIntoView: true,
    userEvent: 'input.type',
  }));
  return true;
}

const ITEM_TYPE = { field: 'property', kind: 'class', value: 'constant', reference: 'variable' };

/**
 * Mounts the editor in `parent`. `options`: `doc` (the text), `label` (its accessible name),
 * `onChange(text, typed)` (each edit the user makes; `typed`: keystrokes, not one edit
 * made at once), `undo()`, `redo()`, `assist` (the core's
 * assistance module: `complete`, `hover`, `definition`, `quickFix`) and `prices` (the page's
 * catalogs: `regions()`, `choices(region, group, fallback)`, JSON answers).
 */
export function mount(parent, options) {
  const { assist } = options;
  const language = new Compartment();
  const languageOf = (text) => (isJson(text) ? json() : yaml());

  const completionSource = (context) => {
    const { line, column } = positionOf(context.state.doc, context.pos);
    const word = context.matchBefore(/[\w.\-]*/);
    if (!context.explicit && word && word.from === word.to) {
      // Typing a space after `key:` asks for the values; elsewhere wait for a letter.
      const before = context.state.sliceDoc(Math.max(0, context.pos - 2), context.pos);
      if (!/: $|\[$|, $/.test(before)) return null;
    }
    const found = JSON.parse(assist.complete(context.state.doc.toString(), line, column, options.prices));
    if (!found.items.length) return null;
    const lineStart = context.state.doc.line(line).from;
    return {
      from: lineStart + found.from_column - 1,
      options: found.items.map((item, rank) => ({
        label: item.label,
        detail: item.detail,
        info: item.docs ? () => markdown(item.docs) : undefined,
        type: ITEM_TYPE[item.kind] || 'text',
        apply: item.insert,
        boost: -rank / 1000,
      })),
      validFor: /^[\w.\-]*$/,
    };
  };

  const hover = hoverTooltip((view, pos) => {
    const { line, column } = positionOf(view.state.doc, pos);
    const text = assist.hover(view.state.doc.toString(), line, column);
    if (!text) return null;
    return { pos, above: true, create: () => ({ dom: markdown(text) }) };
  });

  // Go to where a reference is declared: F12, or Ctrl/Cmd+click.
  const goToDefinition = (view, pos = view.state.selection.main.head) => {
    const { line, column } = positionOf(view.state.doc, pos);
    const found = assist.definition(view.state.doc.toString(), line, column);
    if (!found) return false;
    const to = JSON.parse(found);
    const at = offsetOf(view.state.doc, to.line, to.column);
    view.dispatch({ selection: { anchor: at }, scrollIntoView: true });
    view.focus();
    return true;
  };

  const pageHistory = [
    { key: 'Mod-z', run: () => { options.undo(); return true; }, preventDefault: true },
    { key: 'Mod-y', run: () => { options.redo(); return true; }, preventDefault: true },
    { key: 'Mod-Shift-z', run: () => { options.redo(); return true; }, preventDefault: true },
    { key: 'F12', run: (view) => goToDefinition(view) },
  ];

  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: options.doc,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        highlightSpecialChars(),
        foldGutter(),
        lintGutter(),
        drawSelection(),
        EditorState.allowMultipleSelections.of(true),
        indentOnInput(),
        syntaxHighlighting(highlight),
        bracketMatching(),
        closeBrackets(),
        autocompletion({ override: [completionSource], icons: true }),
        rectangularSelection(),
        crosshairCursor(),
        highlightActiveLine(),
        highlightSelectionMatches(),
        search({ top: true }),
        hover,
        language.of(languageOf(options.doc)),
        EditorState.tabSize.of(2),
        keymap.of([
          ...pageHistory,
          ...completionKeymap,
          { key: 'Enter', run: newlineInYaml },
          ...closeBracketsKeymap,
          ...defaultKeymap,
          ...searchKeymap,
          ...foldKeymap,
          ...lintKeymap,
          indentWithTab,
        ]),
        EditorView.contentAttributes.of({ 'aria-label': options.label || 'Design', id: 'code' }),
        EditorView.domEventHandlers({
          mousedown(event, view) {
            if (!(event.ctrlKey || event.metaKey)) return false;
            const pos = view.posAtCoords({ x: event.clientX, y: event.clientY });
            return pos != null && goToDefinition(view, pos);
          },
        }),
        EditorView.updateListener.of((update) => {
          if (update.selectionSet && options.onCaret) {
            options.onCaret(positionOf(update.state.doc, update.state.selection.main.head).line);
          }
          if (!update.docChanged) return;
          if (update.transactions.some((t) => t.annotation(fromPage))) return;
          const text = update.state.doc.toString();
          // Typing merges into one undo step; a quick fix, a completion or a paste is its own.
          const typed = update.transactions.every((t) => !t.docChanged
            || t.isUserEvent('input.type') || t.isUserEvent('delete') || t.isUserEvent('input.indent'));
          options.onChange(text, typed);
          const json = isJson(text);
          if (json !== isJson(update.startState.doc.sliceString(0, 256))) {
            view.dispatch({ effects: language.reconfigure(languageOf(text)) });
          }
        }),
      ],
    }),
  });

  // For the keystroke benchmark (scripts/bench-keystroke.mjs CODE=1): the view, found
  // from its host.
  parent.codeView = view;

  return {
    /** The text the page holds now (undo, the form): only what differs is replaced, so
     *  the caret and the scroll stay where they were. */
    setDoc(text) {
      const old = view.state.doc.toString();
      if (old === text) return;
      let start = 0;
      const max = Math.min(old.length, text.length);
      while (start < max && old.charCodeAt(start) === text.charCodeAt(start)) start++;
      let end = 0;
      while (end < max - start
        && old.charCodeAt(old.length - 1 - end) === text.charCodeAt(text.length - 1 - end)) end++;
      view.dispatch({
        changes: { from: start, to: old.length - end, insert: text.slice(start, text.length - end) },
        annotations: fromPage.of(true),
        effects: language.reconfigure(languageOf(text)),
      });
    },
    /** The core's diagnostics and findings: `[{ line, column, severity, message, code,
     *  hint }]`; a hint that proposes what was meant becomes a quick fix. */
    setDiagnostics(list) {
      const doc = view.state.doc;
      const text = doc.toString();
      const marks = JSON.parse(list).map((d) => {
        const from = offsetOf(doc, d.line, d.column);
        const line = doc.lineAt(from);
        // To the end of the word the diagnostic points at, or the line's end.
        const rest = doc.sliceString(from, line.to);
        const word = rest.match(/^[^\s:,}\]]+/);
        const to = word ? from + word[0].length : line.to;
        return {
          from,
          to: Math.max(to, from),
          severity: d.severity,
          message: d.message,
          source: d.code,
          actions: (d.hint ? [assist.quickFix(text, d.line, d.column, d.hint)] : [])
            .filter(Boolean).map((j) => JSON.parse(j)).map((f) => ({
            name: f.title,
            apply(v) {
              const a = offsetOf(v.state.doc, f.line, f.from);
              const b = offsetOf(v.state.doc, f.line, f.to);
              v.dispatch({ changes: { from: a, to: b, insert: f.text }, userEvent: 'input.quickfix' });
            },
          })),
        };
      });
      view.dispatch(setDiagnostics(view.state, marks));
    },
    /** Puts the caret on a line (a finding's, a diagram node's) and shows it. */
    goto(line, column = 1) {
      const at = offsetOf(view.state.doc, line, column);
      view.dispatch({ selection: { anchor: at }, effects: EditorView.scrollIntoView(at, { y: 'center' }) });
      view.focus();
    },
    /** The line the caret is on. */
    caretLine() {
      return positionOf(view.state.doc, view.state.selection.main.head).line;
    },
    focus() { view.focus(); },
    destroy() { view.destroy(); },
  };
}
