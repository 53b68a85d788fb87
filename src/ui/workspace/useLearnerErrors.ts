/**
 * The learner errors the editor shows: the compiler's (as the learner types, debounced, in the
 * worker) and the last run's or check's (until the code it came from changes); and the slips the
 * compiler found (warnings: code that runs but likely does something else than meant).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { LearnerError } from '../../sandbox';
import type { LearnerWarning } from '../../core/learnerError';
import type { Session } from './useSession';

const COMPILE_DEBOUNCE_MS = 400;

export interface LearnerErrors {
  errors: LearnerError[];
  /** Slips in the code as typed (a `ctx` call not awaited). */
  warnings: LearnerWarning[];
  /** An error of running `code` (a run or a check); shown while the editor holds that code. */
  report(code: string, error: LearnerError): void;
}

export function useLearnerErrors(
  session: Session,
  folder: string,
  file: string,
  code: string,
): LearnerErrors {
  const [compileError, setCompileError] = useState<LearnerError | null>(null);
  const [warnings, setWarnings] = useState<LearnerWarning[]>([]);
  const [runError, setRunError] = useState<{ code: string; error: LearnerError } | null>(null);
  const codeRef = useRef(code);
  codeRef.current = code;

  useEffect(() => {
    const timer = setTimeout(() => {
      void session.compile(folder, file, code).then((compiled) => {
        if (compiled === undefined || codeRef.current !== code) return;
        setCompileError(compiled.error);
        setWarnings(compiled.warnings);
      });
    }, COMPILE_DEBOUNCE_MS);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [code, folder, file]);

  // A learner error from a run lands in the editor.
  const runProblem = session.problem?.type === 'learnerError' ? session.problem.error : null;
  const stepError = session.view?.stepError ?? runProblem;
  useEffect(() => {
    if (stepError && session.spec) setRunError({ code: session.spec.source, error: stepError });
  }, [stepError, session.spec]);

  const errors = useMemo(() => {
    const list: LearnerError[] = [];
    if (compileError) list.push(compileError);
    if (
      runError &&
      runError.code === code &&
      !list.some((e) => e.message === runError.error.message)
    )
      list.push(runError.error);
    return list;
  }, [compileError, runError, code]);

  const report = useCallback(
    (source: string, error: LearnerError) => setRunError({ code: source, error }),
    [],
  );
  return { errors, warnings, report };
}
