/**
 * A new exercise joins the workshop agenda (exercises/agenda.json, which must list every folder):
 * it goes into a "New exercises" block after the last day's last block, created on first use,
 * for the instructor to move where it belongs.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { format, resolveConfig } from 'prettier';

interface Block {
  id: string;
  title: string;
  start: string;
  durationMinutes: number;
  talks: string[];
  exercises: string[];
}

interface Agenda {
  days: { blocks: Block[] }[];
}

export const NEW_EXERCISES_BLOCK = 'new-exercises';

export async function addToAgenda(agendaPath: string, folder: string): Promise<void> {
  const agenda = JSON.parse(readFileSync(agendaPath, 'utf8')) as Agenda;
  const blocks = agenda.days.flatMap((d) => d.blocks);
  let block = blocks.find((b) => b.id === NEW_EXERCISES_BLOCK);
  if (!block) {
    const lastDay = agenda.days.at(-1);
    if (!lastDay) throw new Error(`${agendaPath} has no day to add "${folder}" to`);
    const last = lastDay.blocks.at(-1);
    const start = last ? endOf(last) : '09:00';
    block = {
      id: NEW_EXERCISES_BLOCK,
      title: 'New exercises',
      start,
      durationMinutes: 30,
      talks: [],
      exercises: [],
    };
    lastDay.blocks.push(block);
  }
  if (!block.exercises.includes(folder)) block.exercises.push(folder);
  // Formatted as the repository formats it (its Prettier configuration).
  const options = (await resolveConfig(agendaPath)) ?? {};
  const text = await format(JSON.stringify(agenda), { ...options, filepath: agendaPath });
  writeFileSync(agendaPath, text);
}

function endOf(block: Block): string {
  const [h, m] = block.start.split(':').map(Number) as [number, number];
  const end = Math.min(h * 60 + m + block.durationMinutes, 23 * 60 + 30);
  return `${String(Math.floor(end / 60)).padStart(2, '0')}:${String(end % 60).padStart(2, '0')}`;
}
