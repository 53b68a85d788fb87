/**
 * The exercise page's resizable layout, diagram first: the run view (over the checker and fault
 * panels) takes most of the width, the instructions over the editor share the left column. Splitters are focusable separators (arrow keys resize). Keys 1-4 (see
 * shell/shortcuts.ts) call `togglePane`: the first press shows and focuses a pane, the next one
 * collapses it (or expands it again).
 */
import { Group, Panel, Separator, usePanelRef } from 'react-resizable-panels';
import type { PanelImperativeHandle } from 'react-resizable-panels';
import { useEffect } from 'react';
import { usePrefsStore } from '../shell/usePrefsStore';
import type { ReactNode, RefObject } from 'react';

export type PaneId = 'instructions' | 'editor' | 'run' | 'side';
export const PANE_ORDER: readonly PaneId[] = ['instructions', 'editor', 'run', 'side'];

export interface PaneControls {
  togglePane(pane: PaneId): void;
}

interface Props {
  instructions: ReactNode;
  editor: ReactNode;
  run: ReactNode;
  side: ReactNode;
  controls?: RefObject<PaneControls | null>;
}

/** The pane's heading (focus target), else the pane. */
function focusTarget(pane: PaneId): HTMLElement | null {
  const el = document.getElementById(pane);
  const heading = el?.querySelector<HTMLElement>('h2');
  if (heading && !heading.hasAttribute('tabindex')) heading.tabIndex = -1;
  return heading ?? el;
}

export function WorkspaceLayout({ instructions, editor, run, side, controls }: Props) {
  const refs: Record<PaneId, RefObject<PanelImperativeHandle | null>> = {
    instructions: usePanelRef(),
    editor: usePanelRef(),
    run: usePanelRef(),
    side: usePanelRef(),
  };
  useEffect(() => {
    if (!controls) return;
    controls.current = {
      togglePane(pane) {
        const panel = refs[pane].current;
        const el = document.getElementById(pane);
        if (!panel || !el) return;
        if (panel.isCollapsed()) {
          panel.expand();
          requestAnimationFrame(() => focusTarget(pane)?.focus());
        } else if (el.contains(document.activeElement)) {
          panel.collapse();
          (document.querySelector<HTMLElement>('.exercise-header h1') ?? document.body).focus();
        } else {
          focusTarget(pane)?.focus();
        }
      },
    };
  });
  const pane = (id: PaneId) => ({
    id,
    panelRef: refs[id],
    collapsible: true,
    className: `workspace-pane workspace-pane-${id}`,
  });
  // Diagram first: the run takes most of the width; instructions and code share the left column
  // (each collapses with its key, the splitters resize). On a projector, with its large type, the
  // run takes even more, so a whole counterexample stays readable from the back of the room; the
  // layout starts afresh when projector mode is switched.
  const projector = usePrefsStore((s) => s.projector);
  const left = projector ? '20' : '36';
  return (
    <Group
      key={projector ? 'projector' : 'desk'}
      orientation="horizontal"
      className="workspace"
      id="workspace"
    >
      <Panel id="left" defaultSize={left} minSize="14">
        <Group orientation="vertical" id="workspace-left">
          <Panel {...pane('instructions')} defaultSize="32" minSize="10">
            {instructions}
          </Panel>
          <Separator
            className="splitter splitter-horizontal"
            aria-label="Resize the instructions and the editor"
          />
          <Panel {...pane('editor')} defaultSize="68" minSize="15">
            {editor}
          </Panel>
        </Group>
      </Panel>
      <Separator className="splitter" aria-label="Resize the code and the run" />
      <Panel id="right" defaultSize={String(100 - Number(left))} minSize="30">
        <Group orientation="vertical" id="workspace-right">
          <Panel {...pane('run')} defaultSize="72" minSize="15">
            {run}
          </Panel>
          <Separator
            className="splitter splitter-horizontal"
            aria-label="Resize the run and the checker"
          />
          <Panel {...pane('side')} defaultSize="28" minSize="10">
            {side}
          </Panel>
        </Group>
      </Panel>
    </Group>
  );
}
