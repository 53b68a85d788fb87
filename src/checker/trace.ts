/**
 * Rebuilding traces. The explorer keeps, per distinct state, only its parent's index and the
 * index of the choice that led to it (for an initial state: parent -1 and its position in
 * `initialStates()`). A trace is rebuilt by walking those pointers back to an initial state and
 * re-stepping the model forwards, which also yields the states along the path.
 */
import type { IntVector } from './fingerprintTable';
import type { Model, Trace } from './types';

/** Initial-state position and choice indices of the BFS-tree path to `index`. */
export function pathTo(
  parents: IntVector,
  choices: IntVector,
  index: number,
): { initial: number; choiceIndices: number[] } {
  const choiceIndices: number[] = [];
  let i = index;
  while (parents.get(i) !== -1) {
    choiceIndices.push(choices.get(i));
    i = parents.get(i);
  }
  choiceIndices.reverse();
  return { initial: choices.get(i), choiceIndices };
}

/** Replays `choiceIndices` from initial state `initial`, collecting choices, labels and states. */
export function replay<S, C>(
  model: Model<S, C>,
  initial: number,
  choiceIndices: number[],
): Trace<S, C> {
  const initialStates = model.initialStates();
  if (initial >= initialStates.length) throw new Error(`no initial state #${initial}`);
  let s: S = initialStates[initial] as S;
  const states: S[] = [s];
  const choices: C[] = [];
  const labels: string[] = [];
  for (const ci of choiceIndices) {
    const enabled = model.enabled(s);
    if (ci >= enabled.length)
      throw new Error(`choice #${ci} is not enabled while replaying a trace`);
    const c = enabled[ci] as C;
    choices.push(c);
    labels.push(describeChoice(model, c));
    s = model.step(s, c);
    states.push(s);
  }
  return {
    initial,
    choices,
    choiceIndices: [...choiceIndices],
    labels,
    states,
    depth: choices.length,
  };
}

export function describeChoice<S, C>(model: Model<S, C>, c: C): string {
  return model.describeChoice ? model.describeChoice(c) : (JSON.stringify(c) ?? String(c));
}
