/**
 * The code ↔ run link in the editor: the line of the learner's file that the step at the run's
 * cursor ran is marked (a line decoration, `cm-run-line`) and scrolled into view.
 *
 * `runLineExtension` is added once; `showRunLine(view, line)` moves the mark (null: none). A line
 * past the end of the document (the code changed since the run) marks nothing.
 */
import { StateEffect, StateField } from '@codemirror/state';
import type { Extension } from '@codemirror/state';
import { Decoration, EditorView } from '@codemirror/view';
import type { DecorationSet } from '@codemirror/view';

const setRunLine = StateEffect.define<number | null>();

const mark = Decoration.line({ class: 'cm-run-line', attributes: { 'data-run-line': 'true' } });

const runLineField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(marks, tr) {
    let next = marks.map(tr.changes);
    for (const e of tr.effects) {
      if (!e.is(setRunLine)) continue;
      const line = e.value;
      next =
        line !== null && line >= 1 && line <= tr.state.doc.lines
          ? Decoration.set([mark.range(tr.state.doc.line(line).from)])
          : Decoration.none;
    }
    return next;
  },
  provide: (field) => EditorView.decorations.from(field),
});

export const runLineExtension: Extension = runLineField;

export function showRunLine(view: EditorView, line: number | null): void {
  const valid = line !== null && line >= 1 && line <= view.state.doc.lines;
  view.dispatch({
    effects: [
      setRunLine.of(valid ? line : null),
      ...(valid
        ? [EditorView.scrollIntoView(view.state.doc.line(line).from, { y: 'nearest' })]
        : []),
    ],
  });
}
