/**
 * The instructor's live view of their room (`#/room`): everyone with their exercise, how long
 * they have been on it, their last verdict and a raised hand; how many are on each exercise and
 * how many passed it (the heat map); follow-me (move the room to an exercise); the progress as
 * CSV. Everything shown comes from the attendees: it is rendered as text only.
 */
import { use, useEffect, useState } from 'react';
import type { PersonView } from '../../room/client';
import { getExercises } from '../exercises';
import { toLearningPath, toPathItem } from '../learningPath';
import { sharedRunHash } from '../routing';
import { BlockGate, RoomControls } from './RoomControls';
import { RoomLinkStatus, RoomPanel } from './RoomPanel';
import { verdictWords } from './verdictWords';
import { useRoomStore } from './useRoomStore';

export function InstructorView() {
  const credentials = useRoomStore((s) => s.credentials);
  const people = useRoomStore((s) => s.people);
  const follow = useRoomStore((s) => s.follow);
  const exercises = use(getExercises());
  const titles = new Map(exercises.map((e) => [e.folder, toPathItem(e)]));
  const now = useNow();
  if (credentials?.role !== 'instructor') {
    return (
      <section className="panel" aria-labelledby="room-title">
        <h1 id="room-title">Room</h1>
        <p>This browser runs no room yet.</p>
        <RoomPanel />
      </section>
    );
  }
  const label = (folder: string | null | undefined) => {
    if (!folder) return '—';
    const item = titles.get(folder);
    return item ? `${item.number}. ${item.title}` : folder;
  };
  return (
    <section className="room-view" aria-labelledby="room-title">
      <h1 id="room-title">
        Room <code>{credentials.room}</code>
      </h1>
      <RoomLinkStatus />
      <RoomControls folders={exercises.map((e) => e.folder)} label={label} people={people} />
      <BlockGate blocks={toLearningPath(exercises).map((b) => b.block)} />
      <Heatmap people={people} label={label} />
      <table className="room-people" data-testid="room-people">
        <caption>
          {people.length === 1 ? '1 person' : `${people.length} people`} in the room, live.
        </caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Team</th>
            <th scope="col">Exercise</th>
            <th scope="col">On it for</th>
            <th scope="col">Last check</th>
            <th scope="col">Hand</th>
            <th scope="col">Shared</th>
          </tr>
        </thead>
        <tbody>
          {people.map((p) => (
            <tr key={p.id} data-person={p.name} className={p.status.hand ? 'has-hand' : undefined}>
              <th scope="row">{p.name}</th>
              <td>{p.team}</td>
              <td>{label(p.status.exercise)}</td>
              <td>{p.status.since && p.status.exercise ? minutes(now - p.status.since) : '—'}</td>
              <td data-testid="person-verdict">{verdictWords(p, label)}</td>
              <td>{p.status.hand ? <span aria-label="hand raised">✋ raised</span> : ''}</td>
              <td>
                {p.status.shared && (
                  <a
                    href={sharedRunHash(p.status.shared.folder, p.status.shared.share)}
                    target="_blank"
                    rel="noopener noreferrer"
                  >
                    Open their run, read-only ({label(p.status.shared.folder)})
                  </a>
                )}
                {p.status.shared && (
                  <button
                    type="button"
                    className="button button-secondary button-small"
                    onClick={() => follow(p.status.shared!.folder, p.status.shared!.share)}
                  >
                    Show it to the room
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function minutes(ms: number): string {
  const m = Math.max(0, Math.floor(ms / 60_000));
  return m < 1 ? 'under a minute' : `${m} min`;
}

/** The wall clock, every 20 s (for "on it for"; display only). */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 20_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

function Heatmap({ people, label }: { people: PersonView[]; label: (f: string) => string }) {
  const by = new Map<string, { here: number; passed: number }>();
  for (const p of people) {
    const f = p.status.exercise;
    if (f) {
      const e = by.get(f) ?? { here: 0, passed: 0 };
      e.here++;
      by.set(f, e);
    }
    const v = p.status.verdict;
    if (v?.verdict === 'passed') {
      const e = by.get(v.folder) ?? { here: 0, passed: 0 };
      e.passed++;
      by.set(v.folder, e);
    }
  }
  const rows = [...by.entries()].sort(([a], [b]) => a.localeCompare(b));
  const most = Math.max(1, ...rows.map(([, e]) => e.here));
  return (
    <ul className="room-heatmap" aria-label="Where the room is" data-testid="room-heatmap">
      {rows.map(([folder, e]) => (
        <li key={folder} style={{ ['--heat' as string]: String(e.here / most) }}>
          <span>{label(folder)}</span> <strong>{e.here} here</strong>, {e.passed} passed
        </li>
      ))}
    </ul>
  );
}
