/**
 * The learner's handler file in CodeMirror 6: TypeScript highlighting, `ctx.` completion and
 * hover docs (generated from the real `HandlerContext` type), and learner errors (compile, run,
 * check) as inline diagnostics at their line. Reset to the starter asks first; the diff view
 * compares with the starter.
 */
import { javascript, javascriptLanguage } from '@codemirror/lang-javascript';
import { lintGutter, setDiagnostics } from '@codemirror/lint';
import type { Diagnostic } from '@codemirror/lint';
import { EditorView } from '@codemirror/view';
import type { Text } from '@codemirror/state';
import CodeMirror from '@uiw/react-codemirror';
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import type { LearnerError } from '../../sandbox';
import type { LearnerWarning } from '../../core/learnerError';
import { ctxCompletionSource, ctxHover } from './ctxCompletions';
import { DiffView } from './DiffView';
import { runLineExtension, showRunLine } from './runLine';
import { darkEditorTheme, lightEditorTheme } from './editorTheme';
import { useShownTheme } from '../shell/usePrefsStore';

interface Props {
  file: string;
  code: string;
  starter: string;
  onChange(code: string): void;
  /** Learner errors to show inline (compile errors, errors of the last run or check). */
  errors: readonly LearnerError[];
  /** Slips that run but likely do something else than meant (a `ctx` call not awaited). */
  warnings?: readonly LearnerWarning[];
  /** The line the run's current step ran (code ↔ run), marked and scrolled into view. */
  runLine?: number | null;
  /** The line the caret is on, whenever it moves (by click or by keyboard). */
  onCaretLine?(line: number): void;
  /** The steps of the run that ran the caret's line (code → run), to go to one. */
  caretSteps?: { line: number; steps: readonly number[] } | null;
  onGoToStep?(step: number): void;
  /**
   * Someone else's code, shown read-only under this heading (a run shared in a room): no
   * editing, no reset; the diff with the starter stays.
   */
  readOnly?: { heading: string };
}

const NO_WARNINGS: readonly LearnerWarning[] = [];
/** Steps offered for the caret's line; the rest are counted. */
const MAX_STEP_BUTTONS = 12;

export function toDiagnostic(doc: Text, e: LearnerError | LearnerWarning): Diagnostic {
  const line = doc.line(Math.min(Math.max(e.line ?? 1, 1), doc.lines));
  const from = Math.min(line.from + Math.max((e.column ?? 1) - 1, 0), line.to);
  const warning = !('kind' in e);
  return {
    from,
    to: Math.max(line.to, from),
    severity: warning ? 'warning' : 'error',
    source: warning ? 'slip' : e.kind === 'syntax' ? 'compile' : e.kind,
    message: e.message,
  };
}

/** Any new option object makes CodeMirror reconfigure itself, which is slow: keep it constant. */
const BASIC_SETUP = { foldGutter: false, highlightActiveLine: true };

/**
 * Memoised: the run view re-renders on every step while a learner scrubs, the editor must not
 * (CodeMirror reconfigures on new props, and that cost a frame per step).
 */
export const CodeEditor = memo(function CodeEditor({
  file,
  code,
  starter,
  onChange,
  errors,
  warnings = NO_WARNINGS,
  runLine = null,
  onCaretLine,
  caretSteps = null,
  onGoToStep,
  readOnly,
}: Props) {
  const caretListener = useRef(onCaretLine);
  caretListener.current = onCaretLine;
  const viewRef = useRef<EditorView | null>(null);
  const [showDiff, setShowDiff] = useState(false);
  const [confirmReset, setConfirmReset] = useState(false);
  const dark = useShownTheme() === 'dark';

  const extensions = useMemo(
    () => [
      javascript({ typescript: true }),
      javascriptLanguage.data.of({ autocomplete: ctxCompletionSource }),
      ctxHover,
      lintGutter(),
      runLineExtension,
      EditorView.updateListener.of((update) => {
        if (!update.selectionSet && !update.docChanged) return;
        const head = update.state.selection.main.head;
        caretListener.current?.(update.state.doc.lineAt(head).number);
      }),
      EditorView.contentAttributes.of({ 'aria-label': `Code editor: ${file}`, tabindex: '0' }),
    ],
    [file],
  );

  useEffect(() => {
    const view = viewRef.current;
    if (!view) return;
    const withLine = [...errors, ...warnings].filter((e) => e.line !== undefined);
    view.dispatch(
      setDiagnostics(
        view.state,
        withLine.map((e) => toDiagnostic(view.state.doc, e)),
      ),
    );
  }, [errors, warnings, code]);

  useEffect(() => {
    const view = viewRef.current;
    if (view) showRunLine(view, runLine);
  }, [runLine, code, showDiff]);

  const changed = code !== starter;
  return (
    <section className="panel editor-panel" aria-labelledby="editor-title">
      <div className="panel-bar">
        <h2 id="editor-title">
          {readOnly ? readOnly.heading : 'Your code'} <code className="file-name">{file}</code>
          {readOnly && <span className="badge">read-only</span>}
        </h2>
        <div className="toolbar">
          <button
            type="button"
            className="button button-secondary button-small"
            aria-pressed={showDiff}
            onClick={() => setShowDiff((v) => !v)}
          >
            {showDiff ? (readOnly ? 'Code' : 'Edit') : 'Diff with starter'}
          </button>
          {!readOnly && (
            <button
              type="button"
              className="button button-secondary button-small"
              disabled={!changed}
              onClick={() => setConfirmReset(true)}
            >
              Reset to starter
            </button>
          )}
        </div>
      </div>
      {confirmReset && (
        <div className="callout confirm" role="alertdialog" aria-labelledby="reset-q">
          <p id="reset-q">Replace your code with the starter? Your changes will be lost.</p>
          <div className="toolbar">
            <button
              type="button"
              className="button button-danger button-small"
              onClick={() => {
                onChange(starter);
                setConfirmReset(false);
              }}
            >
              Replace with starter
            </button>
            <button
              type="button"
              className="button button-secondary button-small"
              autoFocus
              onClick={() => setConfirmReset(false)}
            >
              Keep my code
            </button>
          </div>
        </div>
      )}
      {errors.length > 0 && (
        <ul className="editor-errors" aria-label="Errors in your code">
          {errors.map((e, i) => (
            <li key={i}>
              <strong>
                {e.line !== undefined ? `Line ${e.line}${e.column ? `:${e.column}` : ''}` : file}
              </strong>{' '}
              {e.message}
            </li>
          ))}
        </ul>
      )}
      {warnings.length > 0 && (
        <ul className="editor-warnings" aria-label="Warnings about your code">
          {warnings.map((w, i) => (
            <li key={i}>
              <strong>{w.line !== undefined ? `Line ${w.line}` : file}</strong> {w.message}
            </li>
          ))}
        </ul>
      )}
      {caretSteps && caretSteps.steps.length > 0 && !showDiff && (
        <div className="caret-steps" data-testid="caret-steps" aria-live="polite">
          Line {caretSteps.line} ran in step{caretSteps.steps.length > 1 ? 's' : ''}{' '}
          {caretSteps.steps.slice(0, MAX_STEP_BUTTONS).map((step) => (
            <button
              key={step}
              type="button"
              className="button button-secondary button-small"
              onClick={() => onGoToStep?.(step)}
            >
              {step}
            </button>
          ))}
          {caretSteps.steps.length > MAX_STEP_BUTTONS &&
            ` and ${caretSteps.steps.length - MAX_STEP_BUTTONS} more`}
        </div>
      )}
      {showDiff ? (
        <DiffView before={starter} after={code} />
      ) : (
        <div
          className="editor-host"
          data-testid="code-editor"
          {...(runLine !== null ? { 'data-run-line': runLine } : {})}
        >
          <CodeMirror
            value={code}
            height="100%"
            theme={dark ? darkEditorTheme : lightEditorTheme}
            extensions={extensions}
            onChange={onChange}
            readOnly={readOnly !== undefined}
            onCreateEditor={(view) => {
              viewRef.current = view;
              showRunLine(view, runLine);
            }}
            basicSetup={BASIC_SETUP}
          />
        </div>
      )}
    </section>
  );
});
