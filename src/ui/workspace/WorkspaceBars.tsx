/**
 * The exercise page's one quiet toolbar: share link, version history and the export / import
 * menu, with the "changed in another tab" notice and the instructor's bar beside it.
 */
import type { ExerciseManifest } from '../../sim';
import type { TraceEvent } from '../../sim';
import { ExportBar } from '../export/ExportBar';
import type { RunFile } from '../export/runFile';
import { HistoryButton } from '../history/HistoryDialog';
import type { Version } from '../history/versions';
import { InstructorBar } from '../presenter/InstructorBar';
import { useProgressStore } from '../useProgressStore';
import { ShareBar } from './ShareBar';
import { RoomShareButton } from '../room/RoomShareButton';

interface Props {
  folder: string;
  manifest: ExerciseManifest;
  code: string;
  shared: boolean;
  run: { events: TraceEvent[]; cursor: number } | null;
  counterexample: { invariant: string; steps: number } | null;
  makeShareUrl(): string;
  /** The run as an exported file (JSON text). */
  makeRunFile(): string;
  onImport(run: RunFile): void;
  onRestore(version: Version): void;
}

export function WorkspaceBars(props: Props) {
  const { folder } = props;
  const changedElsewhere = useProgressStore((s) => s.changedElsewhere.includes(folder));
  const dismissChangedElsewhere = useProgressStore((s) => s.dismissChangedElsewhere);
  return (
    <div className="workspace-bars" role="group" aria-label="This exercise">
      <ShareBar folder={folder} makeUrl={props.makeShareUrl} shared={props.shared} />
      <HistoryButton folder={folder} currentCode={props.code} onRestore={props.onRestore} />
      <RoomShareButton folder={folder} makeShareUrl={props.makeShareUrl} />
      {changedElsewhere && (
        <p className="callout callout-info" role="status" data-testid="changed-elsewhere">
          This exercise was changed in another tab. This tab keeps your code; the other tab&apos;s
          is kept in History.{' '}
          <button
            type="button"
            className="link-button"
            onClick={() => dismissChangedElsewhere(folder)}
          >
            Dismiss
          </button>
        </p>
      )}
      <InstructorBar folder={folder} />
      <ExportBar
        folder={folder}
        manifest={props.manifest}
        run={props.run}
        counterexample={props.counterexample}
        makeJson={props.makeRunFile}
        onImport={props.onImport}
      />
    </div>
  );
}
