/** A person's last check, in words for the instructor's view and the CSV export. */
import type { PersonView } from '../../room/client';

export function verdictWords(p: PersonView, label: (f: string) => string): string {
  const v = p.status.verdict;
  if (!v) return '—';
  const what =
    v.verdict === 'passed'
      ? 'passed'
      : v.verdict === 'violated'
        ? `violated ${v.invariant ?? ''}`.trim()
        : v.verdict === 'learner-error'
          ? 'code failed'
          : v.verdict === 'cycle'
            ? 'cycle'
            : 'limit reached';
  return `${what} (${label(v.folder)})`;
}
