/**
 * The exercise page: title, then the workspace (instructions, editor, run, checker, faults). A
 * broken folder shows its error; the model-checking lesson gets its own checker workspace.
 */
import { use } from 'react';
import { isMessaging, isModelChecking } from '../workshop/bundle';
import type { LoadedExercise } from '../workshop/bundle';
import { CopyableReport } from './CopyableReport';
import { getExercises } from './exercises';
import { blockLabel, toPathItem } from './learningPath';
import { DEFAULT_SEED, PATH_HASH } from './routing';
import type { SharedRun } from './shareLink';
import { useFocusOnNavigate } from './useFocusOnNavigate';
import { ModelCheckingWorkspace } from './workspace/ModelCheckingWorkspace';
import { SharedRunGate, SharedRunWorkspace } from './workspace/SharedRunWorkspace';
import { Workspace } from './workspace/Workspace';

interface Props {
  folder: string;
  /** The URL's seed (absent: the exercise's opening run). */
  seed?: number;
  share?: SharedRun;
  /** Show `share` read-only (a run someone shared), leaving the viewer's own work alone. */
  readOnly?: boolean;
  /** Ask before running the shared code (the page was not opened by the viewer). */
  ask?: boolean;
}

export function ExerciseView({ folder, seed, share, readOnly = false, ask = false }: Props) {
  const exercise = use(getExercises()).find((e) => e.folder === folder);
  if (!exercise) {
    return (
      <Page folder={folder} title="No such exercise" subtitle={null}>
        <p className="notice">
          There is no exercise <code>{folder}</code> in this workshop.{' '}
          <a href={PATH_HASH}>See the learning path</a>.
        </p>
      </Page>
    );
  }
  const item = toPathItem(exercise);
  const subtitle = `Exercise ${item.number}${exercise.ok ? ` · ${blockOf(exercise)}` : ''}`;
  if (!exercise.ok) {
    return (
      <Page folder={folder} title={item.title} subtitle={subtitle}>
        <section className="panel panel-error" aria-labelledby="broken-title">
          <h2 id="broken-title">This exercise could not be loaded</h2>
          <p>The other exercises are not affected. The instructor can fix the folder:</p>
          <CopyableReport label="What is wrong" text={exercise.error} />
        </section>
      </Page>
    );
  }
  if (!isMessaging(exercise)) {
    return (
      <Page folder={folder} title={item.title} subtitle={subtitle} summary={item.summary}>
        {isModelChecking(exercise) && <ModelCheckingWorkspace exercise={exercise} />}
      </Page>
    );
  }
  // The URL's seed (a share link's is in it), else the shared run's, else the opening run's.
  const shownSeed = seed ?? share?.seed ?? exercise.manifest.opening?.seed ?? DEFAULT_SEED;
  if (readOnly && share)
    return (
      <Page folder={folder} title={item.title} subtitle={`A shared run · ${subtitle}`}>
        <SharedRunGate ask={ask}>
          <SharedRunWorkspace exercise={exercise} share={share} seed={shownSeed} />
        </SharedRunGate>
      </Page>
    );
  return (
    <Page folder={folder} title={item.title} subtitle={subtitle} summary={item.summary}>
      <Workspace exercise={exercise} seed={shownSeed} share={share} />
    </Page>
  );
}

function blockOf(exercise: LoadedExercise & { ok: true }): string {
  const block = (exercise.manifest as { block?: unknown }).block;
  return typeof block === 'string' ? blockLabel(block) : '';
}

interface PageProps {
  folder: string;
  title: string;
  subtitle: string | null;
  summary?: string;
  children: React.ReactNode;
}

function Page({ folder, title, subtitle, summary, children }: PageProps) {
  const heading = useFocusOnNavigate<HTMLHeadingElement>(folder);
  return (
    <article className="exercise">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <a href={PATH_HASH}>← Learning path</a>
      </nav>
      <header className="exercise-header">
        {subtitle && <p className="eyebrow">{subtitle}</p>}
        <h1 ref={heading} tabIndex={-1}>
          {title}
        </h1>
        {summary && <p className="lede">{summary}</p>}
      </header>
      {children}
    </article>
  );
}
