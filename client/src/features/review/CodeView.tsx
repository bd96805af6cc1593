import { useEffect, useRef } from 'react';
import { EditorState, RangeSetBuilder, type Extension } from '@codemirror/state';
import { Decoration, EditorView, lineNumbers } from '@codemirror/view';
import { javascript } from '@codemirror/lang-javascript';
import { syntaxHighlighting, defaultHighlightStyle } from '@codemirror/language';
import { MergeView } from '@codemirror/merge';

// Read-only but focusable: keyboard users can scroll the code (and axe requires it of scrollable regions).
const readOnly: Extension[] = [EditorState.readOnly.of(true), EditorView.editable.of(false), EditorView.contentAttributes.of({ tabindex: '0' }), lineNumbers(), javascript({ typescript: true }), syntaxHighlighting(defaultHighlightStyle), EditorView.lineWrapping];

const shared = Decoration.line({ class: 'cm-shared-line' });

/** Marks lines `[start, end]` (1-based) as shared with the other side of a similarity match. */
function sharedLines(ranges: [number, number][]): Extension {
  return EditorView.decorations.of((view) => {
    const builder = new RangeSetBuilder<Decoration>();
    const lines = new Set<number>();
    for (const [a, b] of ranges) for (let l = a; l <= Math.min(b, view.state.doc.lines); l++) lines.add(l);
    for (const l of [...lines].sort((x, y) => x - y)) builder.add(view.state.doc.line(l).from, view.state.doc.line(l).from, shared);
    return builder.finish();
  });
}

/** One file, read-only, with some lines highlighted; scrolls to the first highlighted line. */
export function CodeView({ doc, highlight = [], label }: { doc: string; highlight?: [number, number][]; label: string }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!host.current) return;
    const view = new EditorView({ parent: host.current, state: EditorState.create({ doc, extensions: [...readOnly, sharedLines(highlight), EditorView.contentAttributes.of({ 'aria-label': label })] }) });
    const first = highlight[0];
    if (first && first[0] <= view.state.doc.lines) view.dispatch({ effects: EditorView.scrollIntoView(view.state.doc.line(first[0]).from, { y: 'start', yMargin: 24 }) });
    return () => view.destroy();
  }, [doc, JSON.stringify(highlight), label]);
  return <div className="code" ref={host} />;
}

/** The submitted file against the starter's, side by side (@codemirror/merge), both read-only. */
export function DiffView({ starter, submitted, label }: { starter: string; submitted: string; label: string }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!host.current) return;
    const view = new MergeView({
      parent: host.current,
      a: { doc: starter, extensions: [...readOnly, EditorView.contentAttributes.of({ 'aria-label': `${label}: starter` })] },
      b: { doc: submitted, extensions: [...readOnly, EditorView.contentAttributes.of({ 'aria-label': `${label}: submitted` })] },
      gutter: true,
      collapseUnchanged: { margin: 3, minSize: 8 },
    });
    return () => view.destroy();
  }, [starter, submitted, label]);
  return <div className="code diff" ref={host} />;
}
