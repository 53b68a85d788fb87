/**
 * The mob timer in the header: driver, navigator and the time left; start / pause / skip, and a
 * small settings form (turn length, names). When a turn ends the timer pulses and a polite live
 * region announces the next driver; no sound.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { formatMs, roles, timeLeftMs } from './mobTimer';
import { mobNow, useMobStore } from './useMobStore';

export function MobTimer() {
  const t = useMobStore((s) => s.timer);
  const endedCount = useMobStore((s) => s.endedCount);
  const { toggle, skip, tick } = useMobStore.getState();
  const [, redraw] = useState(0);
  const [open, setOpen] = useState(false);
  const [pulse, setPulse] = useState(false);
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
    if (endedCount === 0) return;
    setPulse(true);
    const id = window.setTimeout(() => setPulse(false), 6000);
    return () => window.clearTimeout(id);
  }, [endedCount]);

  const { driver, navigator } = roles(t);
  const left = timeLeftMs(t, mobNow());
  return (
    <div
      className={`mob${pulse ? ' mob-pulse' : ''}`}
      role="group"
      aria-label="Mob timer"
      data-testid="mob-timer"
    >
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
        {endedCount > 0
          ? `Time is up. ${driver} drives now${navigator ? `, ${navigator} navigates` : ''}. Press Start when ready.`
          : ''}
      </p>
    </div>
  );
}

function MobSettings({ id, onDone }: { id: string; onDone(): void }) {
  const t = useMobStore((s) => s.timer);
  const configure = useMobStore((s) => s.configure);
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
