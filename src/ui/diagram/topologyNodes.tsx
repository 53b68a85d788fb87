/**
 * The topology's custom React Flow nodes, one per kind of actor. Each shows the actor's XState
 * state name and its live contents (queue depths, in-flight handlers, documents, API records).
 * Read-only: the node data is derived from the world by `toTopology`.
 */
import { Handle, Position } from '@xyflow/react';
import type { Node, NodeProps, NodeTypes } from '@xyflow/react';
import type { ReactNode } from 'react';
import type {
  ApiData,
  EndpointData,
  QueueData,
  StoreData,
  TabData,
  TopologyData,
} from '../../projections';

/** React Flow wants data as a plain record: the projection's data sits under `model`. */
export type TopologyFlowNode = Node<{ model: TopologyData }>;

function Shell(props: {
  kind: string;
  className: string;
  label: string;
  state?: string;
  children: ReactNode;
}) {
  return (
    <div className={`topo-node ${props.className}`}>
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <h3>{props.label}</h3>
      <p className="topo-kind">
        {props.kind}
        {props.state !== undefined && (
          <>
            {' '}
            <span className={`topo-state is-${props.state}`} title="XState state">
              {props.state}
            </span>
          </>
        )}
      </p>
      {props.children}
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
}

function List<T>(props: {
  items: readonly T[];
  more?: number;
  empty: string;
  render(item: T): ReactNode;
  keyOf(item: T): string;
}) {
  if (props.items.length === 0) return <p className="topo-empty">{props.empty}</p>;
  return (
    <ul>
      {props.items.map((item) => (
        <li key={props.keyOf(item)}>{props.render(item)}</li>
      ))}
      {props.more ? <li>…and {props.more} more</li> : null}
    </ul>
  );
}

function TabNode({ data }: NodeProps<TopologyFlowNode>) {
  const d = data.model as TabData;
  return (
    <Shell kind="browser tab" className="topo-tab" label={d.label} state={d.state}>
      <p className="topo-counts">
        clicks {d.actionsDone} / {d.actionsTotal}
      </p>
      <List
        items={d.requests}
        empty="no request open"
        keyOf={(r) => r.requestId}
        render={(r) => (
          <>
            <code>{r.requestId}</code> {r.route}: {r.state}
            {r.attempts > 1 ? ` (try ${r.attempts})` : ''}
          </>
        )}
      />
    </Shell>
  );
}

function EndpointNode({ data }: NodeProps<TopologyFlowNode>) {
  const d = data.model as EndpointData;
  const kind =
    d.protocol === 'http' ? 'HTTP endpoint' : `message endpoint, ${d.concurrency ?? 1} at a time`;
  return (
    <Shell kind={kind} className="topo-endpoint" label={d.label} state={d.state}>
      <p className="topo-counts">{d.handles.join(', ')}</p>
      <List
        items={d.inFlight}
        empty="no handler running"
        keyOf={(i) => i.attemptId}
        render={(i) => (
          <>
            <code>{i.attemptId}</code> on {i.input} waits on {i.waitingOn}
            {i.leaseLost && <span className="topo-warn"> (lease lost)</span>}
          </>
        )}
      />
    </Shell>
  );
}

function QueueNode({ data }: NodeProps<TopologyFlowNode>) {
  const d = data.model as QueueData;
  return (
    <Shell kind="broker queue" className="topo-queue" label={d.label}>
      <p className="topo-counts">
        <span>depth {d.depth}</span>
        <span>ready {d.ready}</span>
        <span>leased {d.leased}</span>
        <span>delayed {d.delayed}</span>
        <span className={d.errorQueue > 0 ? 'topo-warn' : undefined}>
          error queue {d.errorQueue}
        </span>
      </p>
      <List
        items={d.copies}
        more={d.more}
        empty="empty"
        keyOf={(c) => c.copyId}
        render={(c) => (
          <>
            {c.type} <code>{c.messageId}</code> ({c.copyId}): {c.state}
            {c.deliveries > 0 ? `, delivery ${c.deliveries}` : ''}
          </>
        )}
      />
    </Shell>
  );
}

function StoreNode({ data }: NodeProps<TopologyFlowNode>) {
  const d = data.model as StoreData;
  const kind =
    d.storeKind === 'events'
      ? 'event store'
      : d.storeKind === 'kv'
        ? 'key-value store'
        : 'database';
  return (
    <Shell kind={kind} className="topo-store" label={d.label}>
      <List
        items={d.items}
        more={d.more}
        empty="no documents"
        keyOf={(i) => i.key}
        render={(i) => (
          <>
            <code>{i.key}</code> v{i.version}
            {i.writtenBy !== 'initial' && i.writtenBy !== '' ? ` by ${i.writtenBy}` : ''}
          </>
        )}
      />
    </Shell>
  );
}

function ApiNode({ data }: NodeProps<TopologyFlowNode>) {
  const d = data.model as ApiData;
  return (
    <Shell kind="external API" className="topo-api" label={d.label} state={d.state}>
      <p className="topo-counts">
        <span>{d.honoursIdempotencyKeys ? 'honours idempotency keys' : 'no idempotency keys'}</span>
        {d.down && <span className="topo-warn">down</span>}
      </p>
      <List
        items={d.records}
        more={d.more}
        empty="no records"
        keyOf={(r) => r.id}
        render={(r) => (
          <>
            <code>{r.id}</code> by {r.createdBy}
            {r.idempotencyKey !== null ? ` (key ${r.idempotencyKey})` : ''}
          </>
        )}
      />
    </Shell>
  );
}

/** At module scope, so React Flow does not see new node types on every render. */
export const nodeTypes: NodeTypes = {
  tab: TabNode,
  endpoint: EndpointNode,
  queue: QueueNode,
  store: StoreNode,
  api: ApiNode,
};
