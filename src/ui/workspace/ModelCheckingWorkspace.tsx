/**
 * The model-checking lesson (exercise 18): instructions, the model file in the editor (any lesson
 * step can be loaded into it), the parameters N and MaxFailures, and the checker. A
 * counterexample is listed step by step with the state after each step. The page keys C and 1-4
 * work as on the other exercises, and the presenter window follows (model and counterexample).
 */
import { useCallback, useId, useRef, useState } from 'react';
import type { WireResult } from '../../checker/protocol';
import type { CheckJob } from '../../machines/checkMachine';
import type { ModelCheckingBundle } from '../../workshop/bundle';
import { parameterValues } from '../../workshop/modelCheckingManifest';
import { ErrorBoundary } from '../ErrorBoundary';
import { Instructions } from '../Instructions';
import { useSavedCode } from './useSavedCode';
import { HistoryButton } from '../history/HistoryDialog';
import { recordVersion } from '../history/versions';
import { useProgressStore } from '../useProgressStore';
import { useLeader } from '../presenter/useLeader';
import { CheckPanel } from './CheckPanel';
import type { CheckControls } from './CheckPanel';
import { CodeEditor } from './CodeEditor';
import { ModelTrace } from './ModelTrace';
import { PANE_ORDER, WorkspaceLayout } from './Layout';
import type { PaneControls } from './Layout';
import { useKeyboardShortcuts } from './useKeyboardShortcuts';

const EMPTY: Record<string, string> = {};
const MAX_TIME_MS = 60_000;

const NO_ERRORS: [] = [];
const NOTHING = () => {};

export function ModelCheckingWorkspace({ exercise }: { exercise: ModelCheckingBundle }) {
  const { folder, manifest } = exercise;
  const file = manifest.variants[0]!.file;
  const starter = exercise.sources[file] ?? '';
  const record = useProgressStore((s) => s.progress.exercises[folder]);
  const saveSettings = useProgressStore((s) => s.saveSettings);
  const markPassed = useProgressStore((s) => s.markPassed);
  const settings = record?.settings ?? EMPTY;
  const { code, onCodeChange: onChange } = useSavedCode(folder, () => record?.code ?? starter);
  const [trace, setTrace] = useState<{ labels: string[]; states: unknown[] } | null>(null);
  const id = useId();
  const checkControls = useRef<CheckControls | null>(null);
  const paneControls = useRef<PaneControls | null>(null);
  // The page keys that mean something here: C checks, 1-4 go to the panes (no run to step).
  useKeyboardShortcuts({
    check: () => checkControls.current?.check(),
    pane: (n) => paneControls.current?.togglePane(PANE_ORDER[n - 1]!),
    step: NOTHING,
    back: NOTHING,
    forward: NOTHING,
    playPause: NOTHING,
    reset: NOTHING,
    fullView: NOTHING,
  });
  // The presenter window shows the model and its last counterexample (src/ui/presenter).
  useLeader({ kind: 'model', folder, editorCode: code, trace });

  const params = parameterValues(
    manifest,
    Object.fromEntries(manifest.parameters.map((p) => [p.id, settings[`param.${p.id}`]])),
  );

  const makeJob = useCallback(
    (): CheckJob => ({
      model: {
        kind: 'model-checking',
        folder,
        params: params as never,
        code: { source: code, file },
      },
      limits: { maxTimeMs: MAX_TIME_MS },
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [code, settings],
  );
  const onResult = useCallback(
    (result: WireResult, job: CheckJob) => {
      setTrace(null);
      // Checking the unchanged starter (lesson step 1) teaches the tool, it is not the exercise.
      if (
        result.verdict === 'passed' &&
        job.model.kind === 'model-checking' &&
        'source' in job.model.code &&
        job.model.code.source !== starter
      ) {
        markPassed(folder, job.model.code.source);
      }
      if (result.verdict === 'violated' || result.verdict === 'cycle') {
        setTrace({ labels: result.counterexample.choices, states: result.counterexample.states });
      }
    },
    [folder, markPassed, starter],
  );

  return (
    <>
      <div className="workspace-bars">
        <HistoryButton folder={folder} currentCode={code} onRestore={(v) => onChange(v.code)} />
      </div>
      <WorkspaceLayout
        controls={paneControls}
        instructions={
          <ErrorBoundary area="the instructions">
            <Instructions readme={exercise.readme} />
          </ErrorBoundary>
        }
        editor={
          <ErrorBoundary area="the editor">
            <CodeEditor
              file={file}
              code={code}
              starter={starter}
              onChange={onChange}
              errors={NO_ERRORS}
            />
          </ErrorBoundary>
        }
        run={
          <section className="panel" aria-labelledby={`${id}-params`}>
            <h2 id={`${id}-params`}>Model parameters</h2>
            {manifest.parameters.map((p) => (
              <div className="settings-row" key={p.id}>
                <label htmlFor={`${id}-${p.id}`}>{p.label}</label>
                <input
                  id={`${id}-${p.id}`}
                  type="number"
                  min={p.min}
                  max={p.max}
                  value={params[p.id]}
                  onChange={(e) =>
                    saveSettings(folder, { ...settings, [`param.${p.id}`]: e.target.value }, code)
                  }
                />
              </div>
            ))}
            <div className="settings-row">
              <label htmlFor={`${id}-variant`}>Load a lesson step into the editor</label>
              <select
                id={`${id}-variant`}
                value=""
                onChange={(e) => {
                  const v = manifest.variants.find((x) => x.id === e.target.value);
                  const text = v && exercise.sources[v.file];
                  if (text === undefined || text === code) return;
                  // The learner's edits are kept as a version first (History brings them back).
                  if (code !== starter)
                    void recordVersion(folder, { code, settings, reason: 'before-lesson-step' });
                  onChange(text);
                }}
              >
                <option value="">Choose…</option>
                {manifest.variants.map((v) => (
                  <option key={v.id} value={v.id}>
                    {v.title}
                  </option>
                ))}
              </select>
            </div>
            {trace && <ModelTrace labels={trace.labels} states={trace.states} code={code} />}
          </section>
        }
        side={
          <ErrorBoundary area="the checker">
            <CheckPanel makeJob={makeJob} onResult={onResult} controls={checkControls} />
          </ErrorBoundary>
        }
      />
    </>
  );
}
