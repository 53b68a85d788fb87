/**
 * The exercise page's resizable layout: instructions | editor | run view over the checker and
 * fault panels. Splitters are focusable separators (arrow keys resize).
 */
import { Group, Panel, Separator } from 'react-resizable-panels';
import type { ReactNode } from 'react';

interface Props {
  instructions: ReactNode;
  editor: ReactNode;
  run: ReactNode;
  side: ReactNode;
}

export function WorkspaceLayout({ instructions, editor, run, side }: Props) {
  return (
    <Group orientation="horizontal" className="workspace" id="workspace">
      <Panel id="instructions" defaultSize="18" minSize="10" className="workspace-pane">
        {instructions}
      </Panel>
      <Separator className="splitter" aria-label="Resize the instructions and the editor" />
      <Panel id="editor" defaultSize="33" minSize="15" className="workspace-pane">
        {editor}
      </Panel>
      <Separator className="splitter" aria-label="Resize the editor and the run" />
      <Panel id="right" defaultSize="49" minSize="20">
        <Group orientation="vertical" id="workspace-right">
          <Panel id="run" defaultSize="70" minSize="15" className="workspace-pane">
            {run}
          </Panel>
          <Separator
            className="splitter splitter-horizontal"
            aria-label="Resize the run and the checker"
          />
          <Panel id="side" defaultSize="30" minSize="10" className="workspace-pane">
            {side}
          </Panel>
        </Group>
      </Panel>
    </Group>
  );
}
