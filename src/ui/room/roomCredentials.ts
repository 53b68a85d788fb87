/**
 * Where this browser keeps its room credentials (localStorage, validated when read back: a
 * damaged or foreign value is no room) and the last follow-me it obeyed.
 */
import * as v from 'valibot';

const CREDENTIALS_KEY = 'rmw.room';
const FOLLOWED_KEY = 'rmw.room.followed';

const StoredCredentials = v.union([
  v.object({
    role: v.literal('instructor'),
    server: v.string(),
    room: v.string(),
    key: v.string(),
  }),
  v.object({
    role: v.literal('person'),
    server: v.string(),
    room: v.string(),
    person: v.string(),
    token: v.string(),
    name: v.optional(v.string()),
    team: v.optional(v.string()),
    /** The team's id in the room (its mob timer's document). */
    teamId: v.optional(v.string()),
  }),
]);
export type Stored = v.InferOutput<typeof StoredCredentials>;

export function readCredentials(): Stored | null {
  try {
    const parsed = v.safeParse(
      StoredCredentials,
      JSON.parse(localStorage.getItem(CREDENTIALS_KEY) ?? 'null'),
    );
    return parsed.success ? parsed.output : null;
  } catch {
    return null;
  }
}

export function writeCredentials(c: Stored | null) {
  try {
    if (c) localStorage.setItem(CREDENTIALS_KEY, JSON.stringify(c));
    else localStorage.removeItem(CREDENTIALS_KEY);
  } catch {
    // Private mode: the room lasts as long as the page.
  }
}

export function lastFollowed(): number {
  try {
    return Number(localStorage.getItem(FOLLOWED_KEY) ?? '0') || 0;
  } catch {
    return 0;
  }
}

/** Remembers the follow-me obeyed last, so a reload does not obey it again. */
export function rememberFollowed(at: number): void {
  try {
    localStorage.setItem(FOLLOWED_KEY, String(at));
  } catch {
    // Private mode: a reload may follow the same move again, which is harmless.
  }
}
