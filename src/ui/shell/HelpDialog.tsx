/**
 * The `?` overlay: a modal dialog listing every shortcut (from shortcuts.ts). Native <dialog>
 * with showModal(): the page behind is inert, Esc closes, focus stays inside (Tab wraps) and
 * returns to where it was.
 */
import { useEffect, useRef } from 'react';
import type { KeyboardEvent } from 'react';
import { SHORTCUTS } from './shortcuts';

const GROUPS = ['Run', 'Exercises and panes', 'Room'] as const;

export function HelpDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      const before = document.activeElement as HTMLElement | null;
      d.showModal();
      d.querySelector<HTMLElement>('button')?.focus();
      return () => before?.focus?.();
    }
    if (!open && d.open) d.close();
  }, [open]);

  const trap = (e: KeyboardEvent<HTMLDialogElement>) => {
    if (e.key !== 'Tab') return;
    const items = [...e.currentTarget.querySelectorAll<HTMLElement>('button, [tabindex="0"]')];
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) return;
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };

  return (
    <dialog
      ref={ref}
      className="help-dialog"
      aria-labelledby="help-title"
      onClose={onClose}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onKeyDown={trap}
    >
      <div className="panel-bar">
        <h2 id="help-title">Keyboard shortcuts</h2>
        <button type="button" className="button button-secondary button-small" onClick={onClose}>
          Close
        </button>
      </div>
      <p className="muted">
        Shortcuts do nothing while you type in the editor or a field: press <kbd>Esc</kbd> then{' '}
        <kbd>Tab</kbd> to leave the editor.
      </p>
      <div className="help-groups" tabIndex={0}>
        {GROUPS.map((g) => (
          <section key={g} aria-labelledby={`help-${g.replace(/\W+/g, '-')}`}>
            <h3 id={`help-${g.replace(/\W+/g, '-')}`}>{g}</h3>
            <dl className="help-list">
              {SHORTCUTS.filter((s) => s.group === g).map((s) => (
                <div key={s.id}>
                  <dt>
                    <kbd>{s.label}</kbd>
                  </dt>
                  <dd>{s.description}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
        <p className="muted">
          <kbd>Esc</kbd> closes this list.
        </p>
      </div>
    </dialog>
  );
}
