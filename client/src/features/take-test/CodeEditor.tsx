import { useEffect, useRef } from 'react';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { bracketMatching, HighlightStyle, indentOnInput, LanguageSupport, syntaxHighlighting, syntaxTree } from '@codemirror/language';
import { highlightSelectionMatches, search, searchKeymap } from '@codemirror/search';
import { linter, lintGutter, type Diagnostic } from '@codemirror/lint';
import { EditorState } from '@codemirror/state';
import { drawSelection, EditorView, highlightActiveLine, highlightActiveLineGutter, highlightSpecialChars, keymap, lineNumbers } from '@codemirror/view';
import { tags as t } from '@lezer/highlight';
import { javascriptLanguage, typescriptLanguage } from './js-language';

export interface CodeEditorProps {
  /** File path: decides TypeScript vs JavaScript. */
  path: string;
  /**
   * The text the editor starts with. The editor owns its text from then on
   * (feeding edits back in would race CodeMirror's own input handling); to
   * replace it from outside, remount with a new `key`.
   */
  value: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
  /** Characters pasted (the size only is reported). */
  onPaste?: (chars: number) => void;
  readOnly?: boolean;
}

/** Syntax errors straight from the parse tree's error nodes: no extra linter, no worker. */
const syntaxErrors = linter((view) => {
  const found: Diagnostic[] = [];
  syntaxTree(view.state).cursor().iterate((node) => {
    if (!node.type.isError) return;
    const from = node.from;
    const to = Math.min(Math.max(node.to, from + 1), view.state.doc.length);
    if (found.length < 50) found.push({ from: Math.min(from, to), to, severity: 'error', message: 'Syntax error' });
  });
  return found;
}, { delay: 400 });

/** Colours from CSS custom properties, so light and dark both meet contrast. */
const highlight = HighlightStyle.define([
  { tag: [t.keyword, t.controlKeyword, t.moduleKeyword, t.operatorKeyword], color: 'var(--code-keyword)' },
  { tag: [t.string, t.special(t.string), t.regexp], color: 'var(--code-string)' },
  { tag: [t.comment, t.lineComment, t.blockComment], color: 'var(--code-comment)', fontStyle: 'italic' },
  { tag: [t.number, t.bool, t.null, t.atom], color: 'var(--code-number)' },
  { tag: [t.function(t.variableName), t.function(t.propertyName)], color: 'var(--code-function)' },
  { tag: [t.typeName, t.className], color: 'var(--code-type)' },
  { tag: t.invalid, color: 'var(--danger-fg)' },
]);

const theme = EditorView.theme({
  '&': { height: '100%', backgroundColor: 'var(--surface)', color: 'var(--text)' },
  '.cm-scroller': { fontFamily: 'var(--mono)', fontSize: '13.5px', lineHeight: '1.55' },
  '.cm-gutters': { backgroundColor: 'var(--surface-2)', color: 'var(--muted)', borderRight: '1px solid var(--border)' },
  '.cm-activeLine': { backgroundColor: 'var(--code-active-line)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--code-active-line)' },
  '&.cm-focused .cm-cursor': { borderLeftColor: 'var(--text)' },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection': { backgroundColor: 'var(--code-selection) !important' },
  '.cm-panels': { backgroundColor: 'var(--surface-2)', color: 'var(--text)' },
  '.cm-tooltip': { backgroundColor: 'var(--surface)', color: 'var(--text)', border: '1px solid var(--border)' },
});

/**
 * CodeMirror 6, labelled "Code editor": JS/TS highlighting, syntax-error
 * lint, bracket matching, search (Ctrl-F). Tab indents; Escape then Tab
 * leaves the editor (CodeMirror's tab-focus escape).
 */
export function CodeEditor({ path, value, onChange, onBlur, onPaste, readOnly }: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const handlers = useRef({ onChange, onBlur, onPaste });
  handlers.current = { onChange, onBlur, onPaste };

  useEffect(() => {
    const v = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: value,
        extensions: [
          // What an exam editor needs, without autocompletion or folding (bundle budget).
          lineNumbers(),
          highlightActiveLineGutter(),
          highlightSpecialChars(),
          history(),
          drawSelection(),
          indentOnInput(),
          bracketMatching(),
          highlightActiveLine(),
          highlightSelectionMatches(),
          search({ top: true }),
          keymap.of([...defaultKeymap, ...historyKeymap, ...searchKeymap, indentWithTab]),
          new LanguageSupport(/\.(c|m)?tsx?$/.test(path) ? typescriptLanguage : javascriptLanguage),
          syntaxHighlighting(highlight),
          syntaxErrors,
          lintGutter(),
          theme,
          EditorState.readOnly.of(!!readOnly),
          EditorView.contentAttributes.of({ 'aria-label': 'Code editor', 'aria-describedby': 'editor-help', tabindex: '0' }),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) handlers.current.onChange(u.state.doc.toString());
          }),
          EditorView.domEventHandlers({
            blur: () => void handlers.current.onBlur?.(),
            paste: (e) => {
              const text = e.clipboardData?.getData('text/plain') ?? '';
              if (text.length) handlers.current.onPaste?.(text.length);
            },
          }),
        ],
      }),
    });
    view.current = v;
    return () => {
      v.destroy();
      view.current = null;
    };
    // One view per file: the parent remounts with a key when the file changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [path, readOnly]);

  return <div className="code-editor" ref={host} />;
}
