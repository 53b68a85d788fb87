/**
 * Export the run (or counterexample) shown as SVG, PNG or JSON, and import a JSON run back
 * (file picker or drop on the bar), from one quiet "Export / import" menu. A bad file is
 * explained and changes nothing.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { DragEvent } from 'react';
import type { ExerciseManifest, TraceEvent } from '../../sim';
import {
  diagramSvg,
  download,
  EXPORT_MAX_EVENTS,
  EXPORT_MAX_PNG_EVENTS,
  exportWindow,
  svgToPng,
} from './exportDiagram';
import { parseRunFile } from './runFile';
import type { RunFile } from './runFile';
import { fmt } from '../format';
import { stepNumber } from '../../projections';

interface Props {
  folder: string;
  manifest: ExerciseManifest;
  run: { events: TraceEvent[]; cursor: number } | null;
  /** The counterexample shown, if any: the picture names its invariant and highlights its step. */
  counterexample?: { invariant: string; steps: number } | null;
  makeJson(): string;
  onImport(run: RunFile): void;
}

export function ExportBar({ folder, manifest, run, counterexample, makeJson, onImport }: Props) {
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const menuId = useId();
  const bar = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState(false);
  // A click anywhere else closes the menu.
  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (!bar.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);
  const base = `${folder}-run`;

  // A long run exports a window of events around the cursor, so the file stays small and the
  // page stays responsive; the status line says which.
  const svg = (maxEvents = EXPORT_MAX_EVENTS) => {
    if (!run) return null;
    const w = exportWindow(run.events, run.cursor - 1, maxEvents);
    if (w.events.length < w.total)
      setStatus(
        `Exported events ${fmt(w.first + 1)}–${fmt(w.last + 1)} of ${fmt(w.total)}, around the cursor.`,
      );
    const caption = {
      title: `${manifest.title} (exercise ${folder})`,
      detail: counterexample
        ? `Violated: ${counterexample.invariant}, at step ${stepNumber(counterexample.steps - 1)} of the shortest run that breaks it`
        : `A run of ${fmt(run.cursor)} steps`,
    };
    return diagramSvg(w.events, manifest, run.cursor - 1, {
      caption,
      ...(counterexample ? { highlightStep: counterexample.steps - 1 } : {}),
    });
  };
  const exportPng = async () => {
    const s = svg(EXPORT_MAX_PNG_EVENTS);
    if (!s) return;
    try {
      download(`${base}.png`, await svgToPng(s), 'image/png');
    } catch (e) {
      setError(`The PNG could not be made: ${(e as Error).message}.`);
    }
  };
  const importText = (text: string) => {
    const parsed = parseRunFile(text);
    if (!parsed.ok) {
      setError(parsed.message);
      setStatus('');
      return;
    }
    setError(null);
    setStatus(`Imported a run of ${parsed.run.exercise} (${parsed.run.labels.length} steps).`);
    onImport(parsed.run);
  };
  const importFile = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > 2_000_000) return setError('This file is too large to be a run.');
    importText(await file.text());
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    void importFile(e.dataTransfer.files[0]);
  };

  const exportAs = (kind: 'svg' | 'png' | 'json') => {
    setOpen(false);
    if (kind === 'png') return void exportPng();
    if (kind === 'json') return download(`${base}.json`, makeJson(), 'application/json');
    const s = svg();
    if (s) download(`${base}.svg`, s, 'image/svg+xml');
  };

  return (
    <div
      className="export-bar secondary-chrome"
      ref={bar}
      onDragOver={(e) => e.preventDefault()}
      onDrop={onDrop}
    >
      <button
        type="button"
        className="quiet-button"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => setOpen(!open)}
      >
        Export / import ▾
      </button>
      {open && (
        <div
          id={menuId}
          className="menu-popover"
          role="group"
          aria-label="Export or import the run"
          onKeyDown={(e) => {
            if (e.key !== 'Escape') return;
            e.preventDefault();
            setOpen(false);
            bar.current?.querySelector<HTMLElement>('[aria-controls]')?.focus();
          }}
        >
          {(
            [
              ['svg', 'SVG', 'a picture'],
              ['png', 'PNG', 'a picture for slides'],
              ['json', 'JSON', 'the run, to import again'],
            ] as const
          ).map(([kind, label, what]) => (
            <button
              key={kind}
              type="button"
              className="menu-item"
              disabled={!run}
              onClick={() => exportAs(kind)}
            >
              <span className="visually-hidden">Export </span>
              {label} <span className="muted">{what}</span>
            </button>
          ))}
          <button type="button" className="menu-item" onClick={() => input.current?.click()}>
            Import<span className="visually-hidden"> JSON</span>…{' '}
            <span className="muted">a run file</span>
          </button>
          <p className="muted drop-hint">Or drop a run file on this menu.</p>
        </div>
      )}
      <input
        ref={input}
        id={inputId}
        type="file"
        accept="application/json,.json"
        className="visually-hidden"
        tabIndex={-1}
        aria-label="Import a run file (JSON)"
        onChange={(e) => {
          setOpen(false);
          void importFile(e.target.files?.[0]);
          e.target.value = '';
        }}
      />
      <span role="status" className="muted">
        {status}
      </span>
      {error && (
        <p className="callout callout-error export-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
