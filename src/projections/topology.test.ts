import { describe, expect, it } from 'vitest';
import { createEngine } from '../sim/engine';
import { kitchenSinkProgram, l7Program } from '../sim/testing/scenarios';
import { firstNormal } from '../sim/testing/drive';
import { toTopology } from './topology';
import type { EndpointData, QueueData, StoreData, Topology, TopologyData } from './topology';
import { crashRun, leaseRun } from './testing/runs';

const data = <T extends TopologyData>(t: Topology, id: string): T =>
  t.nodes.find((n) => n.id === id)!.data as T;
const edgeIds = (t: Topology, basis?: string) =>
  t.edges.filter((e) => !basis || e.data.basis === basis).map((e) => e.id);

describe('toTopology', () => {
  it('has a node per actor, placed left to right, with React Flow fields', () => {
    const program = kitchenSinkProgram({ total: 0, perKind: {} });
    const world = createEngine(program).initialWorld();
    const t = toTopology(program.manifest, world);
    expect(t.nodes.map((n) => `${n.type}:${n.id}`)).toEqual([
      'tab:tab:alice',
      'endpoint:ep:Frontend',
      'queue:queue:Orders',
      'queue:queue:Billing',
      'endpoint:ep:Orders',
      'endpoint:ep:Billing',
      'store:store:db',
      'api:api:PierogiPay',
    ]);
    const x = (id: string) => t.nodes.find((n) => n.id === id)!.position.x;
    expect(x('tab:alice')).toBeLessThan(x('ep:Frontend'));
    expect(x('ep:Frontend')).toBeLessThan(x('queue:Orders'));
    expect(x('queue:Orders')).toBeLessThan(x('ep:Orders'));
    expect(x('ep:Orders')).toBeLessThan(x('store:db'));
    expect(new Set(t.nodes.map((n) => `${n.position.x},${n.position.y}`)).size).toBe(
      t.nodes.length,
    );
    expect(data(t, 'tab:alice')).toMatchObject({ state: 'ready', actionsDone: 0, actionsTotal: 2 });
    expect(data(t, 'ep:Orders')).toMatchObject({
      state: 'idle',
      protocol: 'messages',
      concurrency: 1,
    });
    expect(data(t, 'api:PierogiPay')).toMatchObject({ state: 'ready', records: [] });
    expect(data<StoreData>(t, 'store:db').items).toEqual([
      { key: 'carts/cart-1', version: 1, writtenBy: 'initial' },
      { key: 'carts/cart-2', version: 1, writtenBy: 'initial' },
    ]);
  });

  it('draws the manifest’s edges, and stores nobody used yet as inferred', () => {
    const program = kitchenSinkProgram({ total: 0, perKind: {} });
    const t = toTopology(program.manifest, createEngine(program).initialWorld());
    expect(edgeIds(t, 'manifest')).toEqual([
      'tab:alice->ep:Frontend',
      'queue:Orders->ep:Orders',
      'queue:Billing->ep:Billing',
    ]);
    expect(t.edges.find((e) => e.id === 'tab:alice->ep:Frontend')?.label).toBe('submit');
    expect(edgeIds(t, 'inferred')).toContain('ep:Frontend->store:db');
    expect(edgeIds(t, 'observed')).toEqual([]);
  });

  it('shows a finished run: documents with versions, API records, who talked to whom', () => {
    const { manifest, world } = crashRun();
    const t = toTopology(manifest, world);
    const items = data<StoreData>(t, 'store:db').items.map((i) => `${i.key} v${i.version}`);
    expect(items).toEqual([
      'carts/cart-1 v2',
      'carts/cart-2 v2',
      'orders/cart-1 v1',
      'orders/cart-2 v1',
    ]);
    expect(data(t, 'api:PierogiPay')).toMatchObject({
      records: [
        { id: 'pierogipay-1', idempotencyKey: 'cart-1' },
        { id: 'pierogipay-2', idempotencyKey: 'cart-2' },
      ],
    });
    expect(edgeIds(t, 'observed').sort()).toEqual([
      'ep:Frontend->queue:Orders',
      'ep:Frontend->store:db',
      'ep:Orders->api:PierogiPay',
      'ep:Orders->queue:Billing',
      'ep:Orders->store:db',
    ]);
    expect(t.edges.find((e) => e.id === 'ep:Orders->queue:Billing')?.label).toBe('OrderPlaced');
    expect(data<QueueData>(t, 'queue:Orders')).toMatchObject({ depth: 0, errorQueue: 0 });
    expect(data(t, 'tab:alice')).toMatchObject({ state: 'done', requests: [] });
  });

  it('shows in-flight handlers with what they wait on, and queue depths by state', () => {
    const program = l7Program();
    const engine = createEngine(program);
    const world = engine.initialWorld();
    let t = toTopology(program.manifest, world);
    expect(data<QueueData>(t, 'queue:Orders')).toMatchObject({ depth: 1, ready: 1, leased: 0 });
    engine.stepInPlace(world, firstNormal(engine.enabledSteps(world)), null); // deliver
    t = toTopology(program.manifest, world);
    expect(data<QueueData>(t, 'queue:Orders')).toMatchObject({
      depth: 1,
      ready: 0,
      leased: 1,
      copies: [
        { copyId: 'm1>Orders', messageId: 'm1', type: 'AddItem', state: 'leased', deliveries: 1 },
      ],
    });
    const orders = data<EndpointData>(t, 'ep:Orders');
    expect(orders.state).toBe('busy');
    expect(orders.inFlight).toEqual([
      {
        attemptId: 'm1@Orders',
        input: 'm1',
        route: 'AddItem',
        waitingOn: 'load orders/order-1',
        leaseLost: false,
      },
    ]);
  });

  it('counts the error queue and follows a lease lost mid-run', () => {
    const { manifest, world } = leaseRun();
    const t = toTopology(manifest, world);
    expect(data<QueueData>(t, 'queue:Orders').depth).toBe(0);
    expect(data<StoreData>(t, 'store:db').items).toEqual([
      { key: 'orders/order-1', version: 3, writtenBy: 'm1@Orders#2' },
    ]);
    const parked = { ...world, errorQueue: [fakeCopy] };
    expect(data<QueueData>(toTopology(manifest, parked), 'queue:Orders').errorQueue).toBe(1);
  });
});

const fakeCopy = {
  copyId: 'm9>Orders',
  messageId: 'm9',
  type: 'AddItem',
  payload: null,
  headers: {},
  destination: 'Orders',
  producedBy: { endpoint: 'workload', incomingId: 'start', attemptId: 'start' },
  machine: 0,
  deliveries: 3,
  dueTick: 0,
  leasedBy: null,
};
