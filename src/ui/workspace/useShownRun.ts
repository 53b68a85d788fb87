/**
 * The run the page shows, as a share link, an exported file and the presenter window take it:
 * its code and settings (the run's own, else the editor's), its steps, cursor and seed. The
 * cursor is the one the page shows (`cursor`): where the learner moved it, even before the
 * simulation worker has shown that step. The presenter window follows it (src/ui/presenter).
 */
import { useLeader } from '../presenter/useLeader';
import type { Session } from './useSession';

export interface ShownRun {
  code: string;
  settings: Record<string, string>;
  labels: string[];
  cursor: number;
  seed: number | null;
}

export function useShownRun(
  folder: string,
  file: string,
  editor: { code: string; settings: Record<string, string> },
  session: Session,
  cursor: number,
): ShownRun {
  const view = session.view;
  const labels = view?.choices.map((c) => c.label) ?? [];
  const shown: ShownRun = {
    code: session.spec?.source ?? editor.code,
    settings: session.spec?.settings ?? editor.settings,
    labels,
    cursor: Math.min(cursor, labels.length),
    seed: view?.seed ?? null,
  };
  useLeader(
    view && session.spec ? { kind: 'run', folder, file, editorCode: editor.code, ...shown } : null,
  );
  return shown;
}
