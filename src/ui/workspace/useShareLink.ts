/**
 * Share links on the exercise page. `useLatestShare` is the link the page shows: the one it was
 * opened with, or one opened later while the exercise is open (it arrives as a new prop).
 * `useApplyShare` applies each link once: its code and settings become the exercise's, the code
 * it replaces and its own are kept as versions (history/versions.ts), so a link never overwrites
 * anything, and the URL goes back to the plain exercise address. A later link also replaces the
 * code and run shown (`show`).
 */
import { useEffect, useRef, useState } from 'react';
import { recordVersion } from '../history/versions';
import { exerciseHash } from '../routing';
import type { SharedRun } from '../shareLink';
import type { ExerciseRecord } from '../storage';
import { useProgressStore } from '../useProgressStore';

export function useLatestShare(shareAtLoad: SharedRun | undefined): SharedRun | undefined {
  const [share, setShare] = useState(shareAtLoad);
  useEffect(() => {
    if (shareAtLoad && shareAtLoad !== share && !sameShare(shareAtLoad, share))
      setShare(shareAtLoad);
  }, [shareAtLoad, share]);
  return share;
}

export function useApplyShare(
  folder: string,
  share: SharedRun | undefined,
  options: {
    /** The learner's code and settings now (before a later link replaces them). */
    current(): { code: string; settings: Record<string, string> };
    /** Replaces the code and run shown by the link's (for a link opened after the page). */
    show(share: SharedRun): void;
  },
): void {
  const applyShare = useProgressStore((s) => s.applyShare);
  const record = useProgressStore((s) => s.progress.exercises[folder]);
  const ownAtLoad = useRef<ExerciseRecord | undefined>(record);
  const shareAtOpen = useRef(share);
  const applied = useRef<SharedRun | null>(null);
  const latest = useRef(options);
  latest.current = options;
  useEffect(() => {
    if (!share || applied.current === share) return;
    applied.current = share;
    const later = share !== shareAtOpen.current;
    const own = later ? latest.current.current() : ownAtLoad.current;
    if (own)
      void recordVersion(folder, {
        code: own.code,
        settings: own.settings,
        reason: 'before-share',
      });
    void recordVersion(folder, { code: share.code, settings: share.settings, reason: 'share' });
    applyShare(folder, share.code, share.settings);
    window.history.replaceState(null, '', exerciseHash(folder, share.seed ?? undefined));
    if (later) latest.current.show(share);
  }, [share, folder, applyShare]);
}

function sameShare(a: SharedRun, b: SharedRun | undefined): boolean {
  return (
    b !== undefined &&
    a.code === b.code &&
    a.cursor === b.cursor &&
    a.seed === b.seed &&
    a.labels.join('\n') === b.labels.join('\n') &&
    JSON.stringify(a.settings) === JSON.stringify(b.settings)
  );
}
