/**
 * The learner's code in the editor, saved on every change. The change handler is stable, so the
 * memoised editor does not re-render (and reconfigure CodeMirror) when the rest of the page does.
 */
import { useCallback, useState } from 'react';
import { useProgressStore } from '../useProgressStore';

export function useSavedCode(folder: string, initial: () => string) {
  const saveCode = useProgressStore((s) => s.saveCode);
  const [code, setCode] = useState(initial);
  const onCodeChange = useCallback(
    (next: string) => {
      setCode(next);
      saveCode(folder, next);
    },
    [folder, saveCode],
  );
  return { code, setCode, onCodeChange };
}
