/** Accessible tabs (WAI-ARIA tablist; ←/→ move between tabs). Panels stay mounted only when shown. */
import { useId, useRef } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';

export interface TabSpec<K extends string> {
  key: K;
  label: string;
  render(): ReactNode;
}

interface Props<K extends string> {
  label: string;
  tabs: TabSpec<K>[];
  selected: K;
  onSelect(key: K): void;
  /** An extra class on the wrapper (e.g. to let the panel fill the remaining height). */
  className?: string;
  /** Shown at the end of the tab row, outside the tablist (e.g. a step counter). */
  extra?: ReactNode;
}

export function Tabs<K extends string>({
  label,
  tabs,
  selected,
  onSelect,
  className,
  extra,
}: Props<K>) {
  const id = useId();
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const onKeyDown = (e: KeyboardEvent, i: number) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    e.preventDefault();
    e.stopPropagation();
    const next = (i + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length;
    onSelect(tabs[next]!.key);
    refs.current[next]?.focus();
  };
  const current = tabs.find((t) => t.key === selected) ?? tabs[0]!;
  return (
    <div className={className ? `tabs ${className}` : 'tabs'}>
      <div className="tabs-bar">
        <div role="tablist" aria-label={label} className="tablist">
          {tabs.map((t, i) => (
            <button
              key={t.key}
              ref={(el) => {
                refs.current[i] = el;
              }}
              type="button"
              role="tab"
              id={`${id}-${t.key}-tab`}
              aria-selected={t.key === current.key}
              aria-controls={`${id}-${t.key}-panel`}
              tabIndex={t.key === current.key ? 0 : -1}
              className="tab"
              onClick={() => onSelect(t.key)}
              onKeyDown={(e) => onKeyDown(e, i)}
            >
              {t.label}
            </button>
          ))}
        </div>
        {extra}
      </div>
      <div
        role="tabpanel"
        id={`${id}-${current.key}-panel`}
        aria-labelledby={`${id}-${current.key}-tab`}
        className="tabpanel"
      >
        {current.render()}
      </div>
    </div>
  );
}
