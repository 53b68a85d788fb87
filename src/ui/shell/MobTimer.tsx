/**
 * The mob timer in the header: driver, navigator and the time left; start / pause / skip, and a
 * small settings form (turn length, names, sound). When a turn ends a banner says who drives
 * now until someone starts the turn or dismisses it (it survives a reload), a polite live
 * region announces it, and, if chosen, a short sound plays in the window in use.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { formatMs, roles, timeLeftMs } from './mobTimer';
import { mobNow, useMobStore } from './useMobStore';

export function MobTimer() {
  const t = useMobStore((s) => s.timer);
  const endedCount = useMobStore((s) => s.endedCount);
  const sound = useMobStore((s) => s.sound);
  const sharedWith = useMobStore((s) => s.sharedWith);
  const { toggle, skip, tick, acknowledge } = useMobStore.getState();
  const [, redraw] = useState(0);
  const [open, setOpen] = useState(false);
  const panelId = useId();

  useEffect(() => {
    if (!t.running) return;
    const id = window.setInterval(() => {
      tick();
      redraw((n) => n + 1);
    }, 250);
    return () => window.clearInterval(id);
  }, [t.running, tick]);

  useEffect(() => {
    if (endedCount > 0 && sound && document.hasFocus()) beep();
  }, [endedCount, sound]);

  const { driver, navigator } = roles(t);
  const left = timeLeftMs(t, mobNow());
  return (
    <div
      className={`mob${t.turnEnded ? ' mob-pulse' : ''}`}
      role="group"
      aria-label="Mob timer"
      data-testid="mob-timer"
    >
      {sharedWith !== null && (
        <span
          className="mob-team"
          data-testid="mob-team"
          title="This timer is shared with your team's laptops in the room"
        >
          Team {sharedWith}
        </span>
      )}
      <span className="mob-roles">
        <span className="mob-driver" data-testid="mob-driver">
          {driver}
        </span>
        {navigator && <span className="mob-navigator"> · next {navigator}</span>}
      </span>
      <span className="mob-time" data-testid="mob-time" aria-label="Time left in this turn">
        {formatMs(left)}
      </span>
      <button type="button" className="header-button" onClick={toggle} aria-keyshortcuts="m">
        {t.running ? 'Pause' : 'Start'}
        <span className="visually-hidden"> the mob timer</span>
      </button>
      <button type="button" className="header-button" onClick={skip}>
        Skip<span className="visually-hidden"> to the next driver</span>
      </button>
      <button
        type="button"
        className="header-button mob-gear"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen(!open)}
      >
        <span aria-hidden="true">⚙</span>
        <span className="visually-hidden">Mob timer settings</span>
      </button>
      {open && <MobSettings id={panelId} onDone={() => setOpen(false)} />}
      <p className="visually-hidden" aria-live="polite" data-testid="mob-announcement">
        {t.turnEnded
          ? `Time is up. ${driver} drives now${navigator ? `, ${navigator} navigates` : ''}. Press Start when ready.`
          : ''}
      </p>
      {t.turnEnded && (
        <div className="mob-banner" data-testid="mob-banner">
          <strong>Time is up.</strong> {driver} drives now
          {navigator ? `, ${navigator} navigates` : ''}.{' '}
          <button type="button" className="button button-small" onClick={toggle}>
            Start {t.names.length ? `${driver}'s turn` : 'the turn'}
          </button>{' '}
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={acknowledge}
          >
            Dismiss
          </button>
        </div>
      )}
    </div>
  );
}

/** A short, soft tone (WebAudio), if the browser lets the page play one. */
function beep() {
  try {
    const audio = new AudioContext();
    const tone = audio.createOscillator();
    const gain = audio.createGain();
    tone.frequency.value = 660;
    gain.gain.setValueAtTime(0.15, audio.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.6);
    tone.connect(gain).connect(audio.destination);
    tone.start();
    tone.stop(audio.currentTime + 0.6);
    tone.onended = () => void audio.close();
  } catch {
    // No audio here: the banner says it.
  }
}

function MobSettings({ id, onDone }: { id: string; onDone(): void }) {
  const t = useMobStore((s) => s.timer);
  const configure = useMobStore((s) => s.configure);
  const sound = useMobStore((s) => s.sound);
  const setSound = useMobStore((s) => s.setSound);
  const [minutes, setMinutes] = useState(String(t.turnMs / 60_000));
  const [names, setNames] = useState(t.names.join(', '));
  const [error, setError] = useState<string | null>(null);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const m = Number(minutes);
    if (!Number.isFinite(m) || m <= 0 || m > 60) {
      setError('Enter a turn length from 0.2 to 60 minutes.');
      return;
    }
    configure(names.split(','), m * 60_000);
    onDone();
  };
  return (
    <form id={id} className="mob-settings" onSubmit={submit} aria-label="Mob timer settings">
      <label>
        Turn (minutes)
        <input
          ref={first}
          name="minutes"
          inputMode="decimal"
          value={minutes}
          onChange={(e) => setMinutes(e.target.value)}
          aria-invalid={error !== null}
        />
      </label>
      <label>
        Names (comma separated, optional)
        <input name="names" value={names} onChange={(e) => setNames(e.target.value)} />
      </label>
      <label className="check-row">
        <input type="checkbox" checked={sound} onChange={(e) => setSound(e.target.checked)} />A
        sound when a turn ends
      </label>
      {error && <p className="field-error">{error}</p>}
      <div className="toolbar">
        <button type="submit" className="button button-small">
          Save
        </button>
        <button type="button" className="button button-secondary button-small" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
