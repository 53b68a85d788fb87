/**
 * The header's tools (rendered into the static header of index.html): agenda link, mob timer,
 * presenter window, theme, projector mode, settings (instructor mode, reset progress) and the
 * `?` shortcuts list. Also the app-wide keys: P, T, M, ?, [ and ].
 */
import { useEffect, useId, useState } from 'react';
import { getExercises } from '../exercises';
import { toLearningPath } from '../learningPath';
import { exerciseHash } from '../routing';
import { useHashRoute } from '../useHashRoute';
import { useProgressStore } from '../useProgressStore';
import { RoomButton } from '../room/RoomButton';
import { HelpDialog } from './HelpDialog';
import { MobTimer } from './MobTimer';
import { shortcutFor } from './shortcuts';
import { useMobStore } from './useMobStore';
import { useTeamTimer } from './useTeamTimer';
import { usePrefsStore, useShownTheme } from './usePrefsStore';

export const PRESENT_HASH = '#/present';

export function openPresenter() {
  const url = `${window.location.origin}${window.location.pathname}${PRESENT_HASH}`;
  window.open(url, 'rmw-presenter', 'popup,width=1280,height=720');
}

async function goToNeighbour(folder: string, delta: 1 | -1) {
  const items = toLearningPath(await getExercises()).flatMap((b) => b.items);
  const at = items.findIndex((i) => i.folder === folder);
  const next = items[at + delta];
  if (at >= 0 && next) window.location.hash = exerciseHash(next.folder);
}

export function HeaderTools() {
  const route = useHashRoute();
  useTeamTimer();
  const projector = usePrefsStore((s) => s.projector);
  const toggleProjector = usePrefsStore((s) => s.toggleProjector);
  const toggleTheme = usePrefsStore((s) => s.toggleTheme);
  const theme = useShownTheme();
  const [help, setHelp] = useState(false);
  const folder = route.name === 'exercise' ? route.folder : null;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const id = shortcutFor(e, [
        'projector',
        'theme',
        'mobTimer',
        'help',
        'nextExercise',
        'previousExercise',
      ]);
      if (!id) return;
      e.preventDefault();
      if (id === 'projector') toggleProjector();
      else if (id === 'theme') toggleTheme();
      else if (id === 'mobTimer') useMobStore.getState().toggle();
      else if (id === 'help') setHelp(true);
      else if (folder) void goToNeighbour(folder, id === 'nextExercise' ? 1 : -1);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [folder, toggleProjector, toggleTheme]);

  if (route.name === 'present') return null;
  return (
    <div className="header-tools">
      <a className="header-link secondary-chrome" href="#/agenda">
        Agenda
      </a>
      <MobTimer />
      <button type="button" className="header-button secondary-chrome" onClick={openPresenter}>
        Present
      </button>
      <button
        type="button"
        className="header-button"
        aria-pressed={theme === 'dark'}
        aria-keyshortcuts="t"
        onClick={toggleTheme}
      >
        Dark theme
      </button>
      <button
        type="button"
        className="header-button"
        aria-pressed={projector}
        aria-keyshortcuts="p"
        onClick={toggleProjector}
      >
        Projector
      </button>
      <RoomButton />
      <SettingsMenu />
      <button
        type="button"
        className="header-button"
        aria-keyshortcuts="?"
        onClick={() => setHelp(true)}
        aria-label="Keyboard shortcuts"
      >
        ?
      </button>
      <HelpDialog open={help} onClose={() => setHelp(false)} />
    </div>
  );
}

function SettingsMenu() {
  const [open, setOpen] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const instructor = usePrefsStore((s) => s.instructor);
  const setInstructor = usePrefsStore((s) => s.setInstructor);
  const resetAll = useProgressStore((s) => s.resetAll);
  const id = useId();
  return (
    <div className="settings-menu">
      <button
        type="button"
        className="header-button"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen(!open)}
      >
        Settings
      </button>
      {open && (
        <div
          id={id}
          className="settings-popover"
          role="group"
          aria-label="Settings"
          onKeyDown={(e) => {
            if (e.key === 'Escape') setOpen(false);
          }}
        >
          <label className="check-row">
            <input
              type="checkbox"
              checked={instructor}
              onChange={(e) => setInstructor(e.target.checked)}
            />
            Instructor mode
          </label>
          <p className="muted">
            Shows the instructor's controls: reveal hints and solutions in the presenter window,
            move the presenter window to an exercise, mark where the room is on the agenda.
          </p>
          {instructor &&
            (confirming ? (
              <div className="callout callout-warn" role="alert">
                <p>Forget the code and status of every exercise in this browser?</p>
                <div className="toolbar">
                  <button
                    type="button"
                    className="button button-danger button-small"
                    onClick={() => {
                      resetAll();
                      setConfirming(false);
                    }}
                  >
                    Reset all progress
                  </button>
                  <button
                    type="button"
                    className="button button-secondary button-small"
                    onClick={() => setConfirming(false)}
                  >
                    Keep it
                  </button>
                </div>
              </div>
            ) : (
              <button
                type="button"
                className="button button-secondary button-small"
                onClick={() => setConfirming(true)}
              >
                Reset progress…
              </button>
            ))}
        </div>
      )}
    </div>
  );
}
