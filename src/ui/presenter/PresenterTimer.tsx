/**
 * The presenter window's footer line: the mob timer as the room sees it (driver, navigator, time
 * left; the same timer as the main window's, shared through storage events) and a preview of the
 * next exercise on the learning path.
 */
import { use, useEffect, useMemo, useState } from 'react';
import { getExercises } from '../exercises';
import { toLearningPath } from '../learningPath';
import { formatMs, roles, timeLeftMs } from '../shell/mobTimer';
import { mobNow, useMobStore } from '../shell/useMobStore';

export function PresenterTimer({ folder }: { folder: string }) {
  const t = useMobStore((s) => s.timer);
  const [, redraw] = useState(0);
  useEffect(() => {
    if (!t.running) return;
    const id = window.setInterval(() => redraw((n) => n + 1), 500);
    return () => window.clearInterval(id);
  }, [t.running]);
  const exercises = use(getExercises());
  // Redrawn twice a second while the timer runs: the path is worked out once per exercise.
  const next = useMemo(() => {
    const items = toLearningPath(exercises).flatMap((b) => b.items);
    return items[items.findIndex((i) => i.folder === folder) + 1];
  }, [exercises, folder]);
  const { driver, navigator } = roles(t);
  return (
    <p className="presenter-footer" data-testid="presenter-footer">
      <span data-testid="presenter-timer">
        {t.turnEnded ? 'Time is up: ' : ''}
        {driver} drives{navigator ? `, ${navigator} navigates` : ''} ·{' '}
        {formatMs(timeLeftMs(t, mobNow()))}
        {t.running ? '' : ' (paused)'}
      </span>
      {next && (
        <span data-testid="presenter-next">
          Next: {next.number}. {next.title}
        </span>
      )}
    </p>
  );
}
