/**
 * The instructor's controls over the room: follow-me (move everyone to an exercise), reveal that
 * exercise's hints or solution to the room (or hide them), the progress as CSV, and which blocks
 * of the learning path are open.
 */
import { useId, useState } from 'react';
import type { PersonView } from '../../room/client';
import { useRoomStore } from './useRoomStore';
import { verdictWords } from './verdictWords';

export function RoomControls({
  folders,
  label,
  people,
}: {
  folders: string[];
  label: (f: string) => string;
  people: PersonView[];
}) {
  const id = useId();
  const [target, setTarget] = useState(folders[0] ?? '');
  const follow = useRoomStore((s) => s.follow);
  const reveal = useRoomStore((s) => s.reveal);
  const revealed = useRoomStore((s) => s.control.reveal ?? null);
  const [moved, setMoved] = useState('');
  return (
    <div className="toolbar room-controls">
      <label htmlFor={`${id}-follow`}>Move the room to</label>
      <select id={`${id}-follow`} value={target} onChange={(e) => setTarget(e.target.value)}>
        {folders.map((f) => (
          <option key={f} value={f}>
            {label(f)}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="button"
        onClick={() => {
          follow(target);
          setMoved(`Everyone was moved to ${label(target)}.`);
        }}
      >
        Follow me
      </button>
      {(['hints', 'solution'] as const).map((what) => (
        <button
          key={what}
          type="button"
          className="button button-secondary"
          onClick={() => {
            reveal(target, what);
            setMoved(
              `The ${what} of ${label(target)} ${what === 'hints' ? 'are' : 'is'} shown to the room.`,
            );
          }}
        >
          Reveal {what}
        </button>
      ))}
      {revealed && (
        <button
          type="button"
          className="button button-secondary"
          onClick={() => {
            reveal(revealed.folder, null);
            setMoved('Nothing is revealed now.');
          }}
        >
          Hide what is revealed
        </button>
      )}
      <button
        type="button"
        className="button button-secondary"
        onClick={() => downloadCsv(people, label)}
      >
        Export progress (CSV)
      </button>
      <span role="status">{moved}</span>
    </div>
  );
}

/** One row per person; every field quoted, formula-looking cells defused for spreadsheets. */
function downloadCsv(people: PersonView[], label: (f: string) => string) {
  const cell = (s: string) => `"${(/^[=+\-@]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"`;
  const lines = [
    ['name', 'team', 'exercise', 'last check', 'hand'].map(cell).join(','),
    ...people.map((p) =>
      [p.name, p.team, p.status.exercise ?? '', verdictWords(p, label), p.status.hand ? 'yes' : '']
        .map(cell)
        .join(','),
    ),
  ];
  const url = URL.createObjectURL(new Blob([lines.join('\n')], { type: 'text/csv' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = 'room-progress.csv';
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Opens the learning path's blocks to the room one after another (or all at once). */
export function BlockGate({ blocks }: { blocks: readonly string[] }) {
  const id = useId();
  const open = useRoomStore((s) => s.control.openBlocks ?? null);
  const openBlocks = useRoomStore((s) => s.openBlocks);
  const [choice, setChoice] = useState(String(open ?? 0));
  return (
    <div className="toolbar room-controls">
      <label htmlFor={`${id}-blocks`}>Open to the room</label>
      <select id={`${id}-blocks`} value={choice} onChange={(e) => setChoice(e.target.value)}>
        <option value="0">every block</option>
        {blocks.map((b, i) => (
          <option key={b} value={String(i + 1)}>
            blocks up to {i + 1}. {b}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="button button-secondary"
        onClick={() => openBlocks(choice === '0' ? null : Number(choice))}
      >
        Open
      </button>
      <span role="status" data-testid="open-blocks">
        {open === null ? 'Every block is open.' : `Blocks 1 to ${open} are open.`}
      </span>
    </div>
  );
}
