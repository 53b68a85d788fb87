/**
 * "History": the exercise's saved versions (history/versions.ts), newest first. Choosing one
 * shows what the current code changed against it; "Restore" puts it back in the editor (the
 * current code becomes a version first, so a restore loses nothing either). A native modal
 * <dialog>: Esc closes, focus returns to the History button.
 */
import { useEffect, useRef, useState } from 'react';
import { DiffView } from '../workspace/DiffView';
import { listVersions, REASON_LABELS } from './versions';
import type { Version } from './versions';

interface Props {
  folder: string;
  currentCode: string;
  onRestore(version: Version): void;
}

const lines = (code: string) => code.split('\n').length;

export function HistoryButton({ folder, currentCode, onRestore }: Props) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="quiet-button" onClick={() => setOpen(true)}>
        History
      </button>
      {open && (
        <HistoryDialog
          folder={folder}
          currentCode={currentCode}
          onRestore={(v) => {
            setOpen(false);
            onRestore(v);
          }}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}

function HistoryDialog({ folder, currentCode, onRestore, onClose }: Props & { onClose(): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [versions, setVersions] = useState<Version[] | null>(null);
  const [chosen, setChosen] = useState(0);
  useEffect(() => {
    let live = true;
    void listVersions(folder).then((v) => live && setVersions(v));
    return () => {
      live = false;
    };
  }, [folder]);
  useEffect(() => {
    const d = ref.current;
    if (!d || d.open) return;
    const before = document.activeElement as HTMLElement | null;
    d.showModal();
    return () => before?.focus?.();
  }, []);
  const version = versions?.[chosen];
  return (
    <dialog
      ref={ref}
      className="help-dialog history-dialog"
      aria-labelledby="history-title"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <div className="panel-bar">
        <h2 id="history-title">Versions of your code</h2>
        <button type="button" className="button button-secondary button-small" onClick={onClose}>
          Close
        </button>
      </div>
      {versions === null ? (
        <p role="status">Loading…</p>
      ) : versions.length === 0 ? (
        <p role="status">
          No versions yet: one is kept at every Run and Check, and before a share link or an import
          replaces your code.
        </p>
      ) : (
        <div className="history-body">
          <ol className="history-list" aria-label="Versions, newest first">
            {versions.map((v, i) => (
              <li key={`${v.at}-${i}`}>
                <button
                  type="button"
                  className={`history-item${i === chosen ? ' is-chosen' : ''}`}
                  aria-pressed={i === chosen}
                  onClick={() => setChosen(i)}
                >
                  <strong>{REASON_LABELS[v.reason]}</strong>{' '}
                  <span className="muted">
                    {new Date(v.at).toLocaleString()} · {lines(v.code)} lines
                  </span>
                </button>
              </li>
            ))}
          </ol>
          {version && (
            <div className="history-detail" data-testid="history-detail">
              <button
                type="button"
                className="button button-small"
                onClick={() => onRestore(version)}
              >
                Restore this version
              </button>
              <DiffView before={version.code} after={currentCode} against="this version" />
            </div>
          )}
        </div>
      )}
      <p className="muted">The last 50 versions of each exercise are kept in this browser.</p>
    </dialog>
  );
}
