/**
 * Mutation testing of an exercise: every mutant of its solution (scripts/mutants.ts) is checked
 * like a learner's file; a mutant is killed when the check does not pass (violated, a learner
 * error or a cycle). A mutant that passes must be listed in the manifest's `equivalentMutants`
 * with its reason; a listed mutant that is killed is a stale entry. Both are problems.
 */
import type { ExerciseBundle } from '../src/workshop/bundle';
import { checkVariant } from '../src/workshop/verify';
import { generateMutants } from './mutants';

export interface MutationReport {
  folder: string;
  total: number;
  killed: number;
  justified: number;
  /** Mutants that passed without a justification: id and verdict. */
  survivors: { id: string; verdict: string }[];
  /** Justified mutants the checker does catch (the justification is stale). */
  staleJustifications: string[];
  /** Justifications naming no generated mutant. */
  unknownJustifications: string[];
}

export function mutationTest(bundle: ExerciseBundle): MutationReport {
  const solutionFile = bundle.manifest.files.solution;
  const mutants = generateMutants(bundle.sources[solutionFile] ?? '', solutionFile);
  const equivalent = bundle.manifest.equivalentMutants ?? {};
  const report: MutationReport = {
    folder: bundle.folder,
    total: mutants.length,
    killed: 0,
    justified: 0,
    survivors: [],
    staleJustifications: [],
    unknownJustifications: Object.keys(equivalent).filter(
      (id) => !mutants.some((m) => m.id === id),
    ),
  };
  for (const m of mutants) {
    const r = checkVariant(
      bundle,
      { variant: m.id, file: solutionFile, expected: null },
      () => 0,
      m.source,
    );
    const killed =
      r.verdict === 'violated' || r.verdict === 'learner-error' || r.verdict === 'cycle';
    if (killed) {
      report.killed += 1;
      if (m.id in equivalent) report.staleJustifications.push(m.id);
    } else if (m.id in equivalent) report.justified += 1;
    else report.survivors.push({ id: m.id, verdict: r.verdict });
  }
  return report;
}

/** `mutation score <folder>: <killed>/<total> killed, <justified> justified`. */
export function scoreLine(r: MutationReport): string {
  return `mutation score ${r.folder}: ${r.killed}/${r.total} killed, ${r.justified} justified`;
}

export function mutationProblems(r: MutationReport): string[] {
  const at = `exercises/${r.folder}/manifest.ts`;
  return [
    ...r.survivors.map(
      (s) =>
        `${r.folder}: mutant "${s.id}" ${s.verdict === 'passed' ? 'passes the check' : `ends "${s.verdict}"`}: make the model catch it, or list it in ${at} equivalentMutants with a reason`,
    ),
    ...r.staleJustifications.map(
      (id) => `${at}: equivalentMutants lists "${id}", but the checker catches it: remove it`,
    ),
    ...r.unknownJustifications.map(
      (id) => `${at}: equivalentMutants lists "${id}", which is not a mutant of the solution`,
    ),
  ];
}
