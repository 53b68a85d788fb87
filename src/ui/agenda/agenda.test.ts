import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { endOf, parseAgenda } from './agenda';

const folders = readdirSync('exercises', { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

const good = {
  version: 1,
  title: 'T',
  days: [
    {
      title: 'Day 1',
      date: 'Monday',
      blocks: [
        { id: 'a', title: 'A', start: '09:00', durationMinutes: 60, talks: [], exercises: [] },
      ],
    },
  ],
};

describe('parseAgenda', () => {
  it('accepts the workshop agenda, which lists every exercise over two days', () => {
    const r = parseAgenda(readFileSync('exercises/agenda.json', 'utf8'), folders);
    expect(r.ok ? [] : r.errors).toEqual([]);
    if (!r.ok) return;
    expect(r.agenda.days).toHaveLength(2);
    const listed = r.agenda.days.flatMap((d) => d.blocks.flatMap((b) => b.exercises));
    expect(new Set(listed)).toEqual(new Set(folders));
  });

  it('names the field of every error', () => {
    const bad = structuredClone(good) as Record<string, unknown> & typeof good;
    const block = bad.days[0]!.blocks[0]! as Record<string, unknown>;
    block.start = '9am';
    block.durationMinutes = 0;
    block.exercises = ['99-nope'];
    const r = parseAgenda(JSON.stringify(bad), folders);
    expect(r.ok ? [] : r.errors).toEqual([
      'exercises/agenda.json: days[0].blocks[0].start: expected "HH:MM", found "9am"',
      'exercises/agenda.json: days[0].blocks[0].durationMinutes: expected a whole number of minutes above 0',
      'exercises/agenda.json: days[0].blocks[0].exercises[0]: no exercise folder "99-nope"',
    ]);
  });

  it('reports broken JSON, overlaps and duplicate ids', () => {
    expect(parseAgenda('{', folders)).toMatchObject({ ok: false });
    const two = structuredClone(good);
    two.days[0]!.blocks.push({ ...two.days[0]!.blocks[0]!, start: '09:30' });
    const r = parseAgenda(JSON.stringify(two), folders);
    expect(r.ok ? [] : r.errors).toEqual([
      'exercises/agenda.json: days[0].blocks[1].id: "a" is used twice',
      'exercises/agenda.json: days[0].blocks[1].start: starts before the previous block ends',
    ]);
  });

  it('computes end times', () => {
    expect(endOf({ ...good.days[0]!.blocks[0]!, start: '23:30', durationMinutes: 45 })).toBe(
      '00:15',
    );
  });
});
