/**
 * The exercise page's run pane: the run view wired to the run and its playback
 * (useExerciseRun), the code ↔ run links, the counterexample shown (its breaking step
 * emphasised, its verdict in the full view) and the full view itself.
 */
import type { ExerciseManifest } from '../../sim';
import { CounterexampleBanner } from './CounterexampleCallout';
import { RunView } from './RunView';
import type { CodeRunLinks } from './useCodeRunLinks';
import type { ExerciseRun } from './useExerciseRun';
import type { FullView } from './useFullView';

interface Props {
  run: ExerciseRun;
  manifest: ExerciseManifest;
  file: string;
  seed: number;
  codeChanged: boolean;
  links: CodeRunLinks;
  fullView: FullView;
}

export function RunPane({ run, manifest, file, seed, codeChanged, links, fullView }: Props) {
  const { session, playback } = run;
  const cex = playback.counterexample;
  return (
    <RunView
      session={session}
      cursor={run.cursorNow}
      manifest={manifest}
      {...(cex ? { highlightStep: cex.labels.length - 1 } : {})}
      file={file}
      seed={seed}
      playing={playback.playing}
      speed={playback.speed}
      codeChanged={codeChanged}
      onSpeed={playback.setSpeed}
      onPlay={(s) => void run.playSeed(s)}
      onPause={playback.pause}
      onReset={() => void run.openFresh()}
      onRetry={() => void run.playFromStart(seed)}
      onStep={run.step}
      onSeek={playback.seekTo}
      onBranch={run.branch}
      onHoverStep={links.onHoverStep}
      fullView={fullView}
      fullViewBanner={
        cex && <CounterexampleBanner counterexample={cex} lastLine={links.cexLastLine} />
      }
    />
  );
}
