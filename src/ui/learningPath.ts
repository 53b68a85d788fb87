/**
 * The learning path: exercises in folder order, grouped by block in order of first appearance.
 * A broken folder stays in the list (marked) next to where its number puts it.
 */
import { isModelChecking } from '../workshop/bundle';
import type { LoadedExercise } from '../workshop/bundle';

export type PathItemKind = 'simulation' | 'modelChecking' | 'broken';

export interface PathItem {
  folder: string;
  /** The folder's number as written, e.g. "04". */
  number: string;
  title: string;
  summary: string;
  kind: PathItemKind;
}

export interface PathBlock {
  block: string;
  items: PathItem[];
}

/** "model-checking" -> "Model checking"; other names are shown as written. */
export function blockLabel(block: string): string {
  if (!/^[a-z]+(-[a-z]+)*$/.test(block)) return block;
  const words = block.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function titleFromFolder(folder: string): string {
  return blockLabel(folder.replace(/^\d+-/, ''));
}

export function toPathItem(e: LoadedExercise): PathItem {
  const number = /^(\d+)-/.exec(e.folder)?.[1] ?? '';
  if (!e.ok) {
    return {
      folder: e.folder,
      number,
      title: titleFromFolder(e.folder),
      summary: 'This exercise could not be loaded.',
      kind: 'broken',
    };
  }
  const m = e.manifest as { title?: unknown; summary?: unknown };
  return {
    folder: e.folder,
    number,
    title: typeof m.title === 'string' && m.title ? m.title : titleFromFolder(e.folder),
    summary: typeof m.summary === 'string' ? m.summary : '',
    kind: isModelChecking(e) ? 'modelChecking' : 'simulation',
  };
}

export function toLearningPath(exercises: readonly LoadedExercise[]): PathBlock[] {
  const blocks: PathBlock[] = [];
  let current: PathBlock | undefined;
  for (const e of exercises) {
    const raw = e.ok ? (e.manifest as { block?: unknown }).block : undefined;
    const name = typeof raw === 'string' && raw ? blockLabel(raw) : (current?.block ?? 'Exercises');
    let block = blocks.find((b) => b.block === name);
    if (!block) {
      block = { block: name, items: [] };
      blocks.push(block);
    }
    block.items.push(toPathItem(e));
    current = block;
  }
  return blocks;
}
