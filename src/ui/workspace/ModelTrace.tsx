/**
 * A model-checking counterexample (exercise 18), two ways: the state table (changed values
 * marked, each step's code on demand) or the TLA+ trace, as TLC prints an error trace, so the
 * lesson's run reads like its TLA+ original and can be set beside a real TLC run.
 */
import { useState } from 'react';
import { StateTable } from './StateTable';
import { Tabs } from './Tabs';
import { tlaTrace, tlaTraceText } from './tlaTrace';

interface Props {
  labels: readonly string[];
  /** states[0] is the initial state; states[i] the state after labels[i - 1]. */
  states: readonly unknown[];
  /** The learner's model, to show each step's code. */
  code: string;
}

export function ModelTrace({ labels, states, code }: Props) {
  const [view, setView] = useState<'table' | 'tla'>('table');
  return (
    <div className="model-trace" data-testid="counterexample">
      <Tabs<'table' | 'tla'>
        label="Counterexample view"
        selected={view}
        onSelect={setView}
        tabs={[
          {
            key: 'table',
            label: 'State table',
            render: () => <StateTable labels={labels} states={states} code={code} />,
          },
          {
            key: 'tla',
            label: 'TLA+ trace',
            render: () => <TlaTraceView labels={labels} states={states} />,
          },
        ]}
      />
    </div>
  );
}

function TlaTraceView({ labels, states }: Omit<Props, 'code'>) {
  const trace = tlaTrace(labels, states);
  const [copied, setCopied] = useState('');
  const copy = () =>
    navigator.clipboard.writeText(tlaTraceText(trace)).then(
      () => setCopied('Copied.'),
      () => setCopied('Select the text and copy it.'),
    );
  return (
    <div className="tla-trace" data-testid="tla-trace">
      <p className="muted">
        The same run as TLC prints an error trace: each state, the step that led to it, and every
        variable (changed ones marked).{' '}
        <button type="button" className="button button-secondary button-small" onClick={copy}>
          Copy the trace
        </button>{' '}
        <span role="status">{copied}</span>
      </p>
      <div className="tla-trace-states" tabIndex={0} aria-label="TLA+ trace">
        {trace.map((state, i) => (
          <pre key={i} className={i === trace.length - 1 ? 'tla-state is-last' : 'tla-state'}>
            <strong>{state.heading}</strong>
            {state.conjuncts.map((c) => (
              <span key={c.variable} className={c.changed ? 'tla-changed' : undefined}>
                {'\n'}/\ {c.variable} = {c.value}
                {c.changed && <span className="visually-hidden"> (changed)</span>}
              </span>
            ))}
          </pre>
        ))}
      </div>
    </div>
  );
}
