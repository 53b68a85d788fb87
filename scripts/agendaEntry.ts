/**
 * A new exercise joins the workshop agenda (exercises/agenda.json, which must list every folder):
 * it goes into a "New exercises" block after the last day's last block, created on first use,
 * for the instructor to move where it belongs.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { format, resolveConfig } from 'prettier';
import { endOf } from '../src/ui/agenda/agenda';
import type { Agenda, AgendaBlock } from '../src/ui/agenda/agenda';

export const NEW_EXERCISES_BLOCK = 'new-exercises';

export async function addToAgenda(agendaPath: string, folder: string): Promise<void> {
  const agenda = JSON.parse(readFileSync(agendaPath, 'utf8')) as Agenda;
  const blocks = agenda.days.flatMap((d) => d.blocks);
  let block: AgendaBlock | undefined = blocks.find((b) => b.id === NEW_EXERCISES_BLOCK);
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
