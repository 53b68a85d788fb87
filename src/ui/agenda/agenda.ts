/**
 * The workshop agenda (exercises/agenda.json, edited by instructors): days of timed blocks, each
 * with talks and exercise folders. `parseAgenda` validates it and every error names the field
 * (`days[1].blocks[0].start: expected "HH:MM"`), so a typo is found at once. Pure.
 */
export interface AgendaBlock {
  id: string;
  title: string;
  /** "HH:MM", local time of the room. */
  start: string;
  durationMinutes: number;
  talks: string[];
  exercises: string[];
}

export interface AgendaDay {
  title: string;
  date: string;
  blocks: AgendaBlock[];
}

export interface Agenda {
  version: 1;
  title: string;
  days: AgendaDay[];
}

export type ParsedAgenda = { ok: true; agenda: Agenda } | { ok: false; errors: string[] };

const FILE = 'exercises/agenda.json';
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

const isObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/** Validates the agenda; `folders` are the exercise folders that exist. */
export function parseAgenda(raw: string, folders: readonly string[]): ParsedAgenda {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch (e) {
    return { ok: false, errors: [`${FILE}: not valid JSON (${(e as Error).message})`] };
  }
  const errors: string[] = [];
  const err = (at: string, why: string) => errors.push(`${FILE}: ${at}: ${why}`);
  if (!isObject(data)) return { ok: false, errors: [`${FILE}: expected an object`] };
  if (data.version !== 1) err('version', `expected 1, found ${JSON.stringify(data.version)}`);
  if (typeof data.title !== 'string' || !data.title) err('title', 'expected a non-empty string');
  const str = (v: unknown, at: string) => {
    if (typeof v !== 'string' || v.trim() === '') err(at, 'expected a non-empty string');
  };
  const ids = new Set<string>();
  if (!Array.isArray(data.days) || data.days.length === 0) err('days', 'expected a list of days');
  else
    data.days.forEach((day: unknown, d) => {
      const at = `days[${d}]`;
      if (!isObject(day)) return err(at, 'expected an object');
      str(day.title, `${at}.title`);
      str(day.date, `${at}.date`);
      if (!Array.isArray(day.blocks)) return err(`${at}.blocks`, 'expected a list of blocks');
      let previousEnd = -1;
      day.blocks.forEach((block: unknown, b) => {
        const bat = `${at}.blocks[${b}]`;
        if (!isObject(block)) return err(bat, 'expected an object');
        str(block.id, `${bat}.id`);
        if (typeof block.id === 'string') {
          if (ids.has(block.id)) err(`${bat}.id`, `"${block.id}" is used twice`);
          ids.add(block.id);
        }
        str(block.title, `${bat}.title`);
        if (typeof block.start !== 'string' || !TIME.test(block.start)) {
          err(`${bat}.start`, `expected "HH:MM", found ${JSON.stringify(block.start)}`);
        }
        const minutes = block.durationMinutes;
        if (typeof minutes !== 'number' || !Number.isInteger(minutes) || minutes <= 0) {
          err(`${bat}.durationMinutes`, 'expected a whole number of minutes above 0');
        }
        if (typeof block.start === 'string' && TIME.test(block.start)) {
          const startMin = toMinutes(block.start);
          if (startMin < previousEnd) err(`${bat}.start`, 'starts before the previous block ends');
          if (typeof minutes === 'number') previousEnd = startMin + minutes;
        }
        if (!Array.isArray(block.talks) || !block.talks.every((t) => typeof t === 'string')) {
          err(`${bat}.talks`, 'expected a list of talk titles');
        }
        if (!Array.isArray(block.exercises)) err(`${bat}.exercises`, 'expected a list of folders');
        else
          block.exercises.forEach((f: unknown, i) => {
            if (typeof f !== 'string' || !folders.includes(f)) {
              err(`${bat}.exercises[${i}]`, `no exercise folder ${JSON.stringify(f)}`);
            }
          });
      });
    });
  return errors.length ? { ok: false, errors } : { ok: true, agenda: data as unknown as Agenda };
}

export function toMinutes(hhmm: string): number {
  const [h = 0, m = 0] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

export function endOf(block: AgendaBlock): string {
  const end = toMinutes(block.start) + block.durationMinutes;
  return `${String(Math.floor(end / 60) % 24).padStart(2, '0')}:${String(end % 60).padStart(2, '0')}`;
}
