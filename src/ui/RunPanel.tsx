/**
 * The seeded run of the exercise's starter code: seed form, summary line and timeline table.
 * The run happens in the simulation worker; the URL carries the seed, so a link reproduces it.
 */
import { useMachine } from '@xstate/react';
import { useEffect, useId, useState } from 'react';
import type { FormEvent } from 'react';
import { parseSeed } from '../core/random';
import { createRunMachine } from '../machines/runMachine';
import { requestSimulation } from '../workers/simulationClient';
import { DEFAULT_MAX_STEPS } from '../workers/simulationProtocol';
import { RunResult } from './RunResult';
import { exerciseHash } from './routing';

const runMachine = createRunMachine((request) => requestSimulation(request));

interface Props {
  folder: string;
  file: string;
  seed: number;
}

export function RunPanel({ folder, file, seed }: Props) {
  const [state, send] = useMachine(runMachine);
  const [seedText, setSeedText] = useState(String(seed));
  const [seedError, setSeedError] = useState<string | null>(null);
  const inputId = useId();
  const errorId = useId();

  const run = () =>
    send({
      type: 'RUN',
      request: { type: 'play', folder, file, seed, maxSteps: DEFAULT_MAX_STEPS },
    });

  useEffect(() => {
    setSeedText(String(seed));
    setSeedError(null);
    send({
      type: 'RUN',
      request: { type: 'play', folder, file, seed, maxSteps: DEFAULT_MAX_STEPS },
    });
  }, [folder, file, seed, send]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const next = parseSeed(seedText);
    if (next === undefined) {
      setSeedError('Enter a whole number from 0 to 4294967295.');
      return;
    }
    setSeedError(null);
    if (next === seed) run();
    else window.location.hash = exerciseHash(folder, next);
  };

  const running = state.matches('running');
  return (
    <section className="panel run" aria-labelledby="run-title" aria-busy={running}>
      <h2 id="run-title">Seeded run</h2>
      <p className="muted">
        Plays <code>{file}</code> with a random schedule drawn from the seed, with occasional faults
        within the exercise's budget. The same seed gives the same run.
      </p>
      <form className="seed-form" onSubmit={onSubmit} noValidate>
        <label htmlFor={inputId}>Seed</label>
        <input
          id={inputId}
          name="seed"
          inputMode="numeric"
          autoComplete="off"
          value={seedText}
          onChange={(e) => setSeedText(e.target.value)}
          aria-invalid={seedError !== null}
          aria-describedby={seedError ? errorId : undefined}
        />
        <button type="submit" className="button">
          Run
        </button>
        {seedError && (
          <p id={errorId} className="field-error">
            {seedError}
          </p>
        )}
      </form>
      <p role="status" className="run-status">
        {running ? `Running seed ${state.context.request?.seed ?? seed}…` : ''}
      </p>
      {state.matches('failed') && (
        <div className="callout callout-error" role="alert">
          <p>
            <strong>The simulation could not run:</strong> {state.context.failure}
          </p>
          <button type="button" className="button button-secondary" onClick={run}>
            Try again
          </button>
        </div>
      )}
      {state.context.outcome && (
        <div className={running ? 'stale' : undefined}>
          <RunResult outcome={state.context.outcome} />
        </div>
      )}
    </section>
  );
}
