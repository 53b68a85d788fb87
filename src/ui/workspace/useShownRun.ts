/**
 * The run the page shows, as a share link, an exported file and the presenter window take it:
 * its code and settings (the run's own, else the editor's), its steps, cursor and seed. The
 * presenter window follows it (src/ui/presenter).
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
): ShownRun {
  const view = session.view;
  const shown: ShownRun = {
    code: session.spec?.source ?? editor.code,
    settings: session.spec?.settings ?? editor.settings,
    labels: view?.choices.map((c) => c.label) ?? [],
    cursor: view?.cursor ?? 0,
    seed: view?.seed ?? null,
  };
  useLeader(
    view && session.spec ? { kind: 'run', folder, file, editorCode: editor.code, ...shown } : null,
  );
  return shown;
}
