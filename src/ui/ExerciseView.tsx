/**
 * The exercise page: title, instructions and a seeded run of the starter code. A broken folder
 * shows its error; a model-checking bundle shows its README (its interactive view comes later).
 */
import { use } from 'react';
import { isMessaging } from '../workshop/bundle';
import type { LoadedExercise } from '../workshop/bundle';
import { CopyableReport } from './CopyableReport';
import { ErrorBoundary } from './ErrorBoundary';
import { getExercises } from './exercises';
import { Instructions } from './Instructions';
import { blockLabel, toPathItem } from './learningPath';
import { PATH_HASH } from './routing';
import { RunPanel } from './RunPanel';
import { useFocusOnNavigate } from './useFocusOnNavigate';

interface Props {
  folder: string;
  seed: number;
}

export function ExerciseView({ folder, seed }: Props) {
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
        <div className="exercise-layout exercise-layout-single">
          <p className="callout" role="note">
            This lesson is checked, not simulated: the interactive model-checking view comes with
            the exercise page. Read the lesson below to prepare.
          </p>
          <Instructions readme={exercise.readme} />
        </div>
      </Page>
    );
  }
  return (
    <Page folder={folder} title={item.title} subtitle={subtitle} summary={item.summary}>
      <div className="exercise-layout">
        <ErrorBoundary area="the instructions">
          <Instructions readme={exercise.readme} />
        </ErrorBoundary>
        <ErrorBoundary area="the seeded run">
          <RunPanel folder={folder} file={exercise.manifest.files.starter} seed={seed} />
        </ErrorBoundary>
      </div>
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
