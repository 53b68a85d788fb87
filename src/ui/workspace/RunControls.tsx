/**
 * The run's controls: a seed and Play (or Pause), Back, Forward, Reset, the speed of Play and the
 * way into the full view. A seed that is not a whole number from 0 to 2^32-1 is explained next
 * to the field.
 */
import { useEffect, useId, useState } from 'react';
import type { FormEvent } from 'react';
import { parseSeed } from '../../core/random';
import type { Speed } from '../../machines/playbackMachine';

interface Props {
  seed: number;
  playing: boolean;
  speed: Speed;
  canBack: boolean;
  canForward: boolean;
  onPlay(seed: number): void;
  onPause(): void;
  onBack(): void;
  onForward(): void;
  onReset(): void;
  onSpeed(speed: Speed): void;
  /** The run's full view on (useFullView.ts); without it, no "Full view" button. */
  onFullView?(): void;
}

export function RunControls(props: Props) {
  const { seed, playing, speed, canBack, canForward } = props;
  const { onPause, onBack, onForward, onReset, onSpeed } = props;
  const [seedText, setSeedText] = useState(String(seed));
  const [seedError, setSeedError] = useState<string | null>(null);
  const seedId = useId();
  const seedErrorId = useId();
  const speedId = useId();
  useEffect(() => setSeedText(String(seed)), [seed]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const next = parseSeed(seedText);
    if (next === undefined) {
      setSeedError('Enter a whole number from 0 to 4294967295.');
      return;
    }
    setSeedError(null);
    props.onPlay(next);
  };

  return (
    <form className="seed-form run-controls" onSubmit={onSubmit} noValidate>
      <label htmlFor={seedId}>Seed</label>
      <input
        id={seedId}
        name="seed"
        inputMode="numeric"
        autoComplete="off"
        value={seedText}
        onChange={(e) => setSeedText(e.target.value)}
        aria-invalid={seedError !== null}
        aria-describedby={seedError ? seedErrorId : undefined}
        title="0 plays the happy path (no faults); any other seed, a day with occasional failures"
      />
      {playing ? (
        <button type="button" className="button button-small" onClick={onPause}>
          Pause
        </button>
      ) : (
        <button type="submit" className="button button-small">
          Play
        </button>
      )}
      <BackForward
        canBack={canBack}
        canForward={canForward}
        onBack={onBack}
        onForward={onForward}
      />
      <button type="button" className="button button-secondary button-small" onClick={onReset}>
        Reset
      </button>
      <label htmlFor={speedId} className="speed-label visually-hidden">
        Speed
      </label>
      <select id={speedId} value={speed} onChange={(e) => onSpeed(e.target.value as Speed)}>
        <option value="slow">Slow</option>
        <option value="normal">Normal</option>
        <option value="fast">Fast</option>
      </select>
      {props.onFullView && (
        <button
          type="button"
          className="button button-secondary button-small"
          aria-pressed="false"
          aria-keyshortcuts="f"
          title="Show the run on the whole screen (F)"
          onClick={props.onFullView}
        >
          Full view
        </button>
      )}
      {seedError && (
        <p id={seedErrorId} className="field-error">
          {seedError}
        </p>
      )}
    </form>
  );
}

/** Back and Forward one step (← and → do the same): in the run controls and the full view. */
export function BackForward(p: Pick<Props, 'canBack' | 'canForward' | 'onBack' | 'onForward'>) {
  return (
    <>
      <button
        type="button"
        className="button button-secondary button-small"
        disabled={!p.canBack}
        onClick={p.onBack}
        aria-keyshortcuts="ArrowLeft"
      >
        ← Back
      </button>
      <button
        type="button"
        className="button button-secondary button-small"
        disabled={!p.canForward}
        onClick={p.onForward}
        aria-keyshortcuts="ArrowRight"
      >
        Forward →
      </button>
    </>
  );
}
