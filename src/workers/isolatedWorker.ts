/**
 * Workers that run learner code, created inside a sandboxed, opaque-origin iframe: the second
 * wall behind SES (src/sandbox/hardened.ts). Should learner code ever escape its compartment, it
 * reaches a worker whose origin is opaque (`null`: no IndexedDB, Cache Storage, localStorage or
 * cookies of the app, and no channel the app listens on) and whose Content Security Policy is
 * `connect-src 'none'` (no fetch, XHR, WebSocket or EventSource).
 *
 * Contract: `createIsolatedWorker(url)` returns a Worker-like object at once (messages posted
 * before the worker exists are queued). The page fetches the bundled classic worker script at
 * `url` (from its own origin and service worker, so it works offline), hands its text to one
 * hidden `<iframe sandbox="allow-scripts" srcdoc=...>` over a private MessageChannel, and the
 * iframe's relay starts it from a blob URL and forwards messages both ways. In the dev server
 * (unbundled module workers) it is a plain module worker of the app's origin, SES still applying.
 * Where the sandbox cannot start (its relay silent for RELAY_READY_MS), the worker reports an
 * error, never falls back: the page shows it, and the next worker tries a fresh iframe.
 */

export interface WorkerLike {
  postMessage(message: unknown): void;
  onmessage: ((event: MessageEvent) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  terminate(): void;
}

/** The iframe's policy: scripts inline (its relay) and from blobs (the workers), nothing else. */
const RELAY_CSP =
  "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval' blob:; worker-src blob:; connect-src 'none'";

/** The relay, run inside the sandboxed iframe: one MessagePort from the page, workers by id. */
const RELAY = `<!doctype html><meta http-equiv="Content-Security-Policy" content="${RELAY_CSP}"><script>
onmessage = (first) => {
  const port = first.ports[0];
  if (!port || first.data !== 'rmw-relay') return;
  onmessage = null;
  const workers = new Map();
  const urls = new Map();
  port.onmessage = ({ data }) => {
    if (data.op === 'script') {
      // Bundled from ES modules, the script is strict code: SES requires it to run as such.
      const strict = ['"use strict";\\n', data.text];
      urls.set(data.key, URL.createObjectURL(new Blob(strict, { type: 'text/javascript' })));
    } else if (data.op === 'create') {
      let w;
      try {
        w = new Worker(urls.get(data.key));
      } catch (e) {
        port.postMessage({ id: data.id, failed: String(e && e.message || e) });
        return;
      }
      workers.set(data.id, w);
      w.onmessage = (e) => port.postMessage({ id: data.id, data: e.data });
      w.onerror = (e) => port.postMessage({ id: data.id, error: e.message || 'the worker failed' });
    } else if (data.op === 'post') {
      workers.get(data.id)?.postMessage(data.data);
    } else if (data.op === 'terminate') {
      workers.get(data.id)?.terminate();
      workers.delete(data.id);
    }
  };
  port.postMessage({ ready: true });
};
</script>`;

interface Relay {
  port: MessagePort;
  listeners: Map<number, (data: RelayMessage) => void>;
  scripts: Map<string, Promise<void>>;
}

interface RelayMessage {
  id?: number;
  data?: unknown;
  error?: string;
  failed?: string;
  ready?: boolean;
}

let relay: Promise<Relay> | null = null;
let nextId = 1;

/** How long the sandbox's relay may take to answer before its workers fail. */
const RELAY_READY_MS = 10_000;

function startRelay(): Promise<Relay> {
  return new Promise((resolve, reject) => {
    const frame = document.createElement('iframe');
    frame.setAttribute('sandbox', 'allow-scripts');
    frame.setAttribute('aria-hidden', 'true');
    frame.tabIndex = -1;
    frame.title = 'Sandbox for your code';
    frame.style.display = 'none';
    frame.srcdoc = RELAY;
    const gaveUp = setTimeout(() => {
      frame.remove();
      reject(new Error('the sandbox for your code did not start'));
    }, RELAY_READY_MS);
    const channel = new MessageChannel();
    const state: Relay = { port: channel.port1, listeners: new Map(), scripts: new Map() };
    channel.port1.onmessage = ({ data }: MessageEvent<RelayMessage>) => {
      if (data.ready) {
        clearTimeout(gaveUp);
        return resolve(state);
      }
      if (data.id !== undefined) state.listeners.get(data.id)?.(data);
    };
    frame.addEventListener('load', () =>
      // The iframe's origin is opaque: '*' is the only target that reaches it; the port is private.
      frame.contentWindow?.postMessage('rmw-relay', '*', [channel.port2]),
    );
    document.body.appendChild(frame);
  });
}

/** The worker script's text, handed to the relay once per URL. */
function ensureScript(r: Relay, url: string): Promise<void> {
  let loaded = r.scripts.get(url);
  if (!loaded) {
    loaded = fetch(url)
      .then((res) => {
        if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
        return res.text();
      })
      .then((text) => r.port.postMessage({ op: 'script', key: url, text }));
    loaded.catch(() => r.scripts.delete(url));
    r.scripts.set(url, loaded);
  }
  return loaded;
}

/** Whether workers can be isolated here: a built app (classic worker scripts) in a DOM. */
function canIsolate(): boolean {
  return !import.meta.env.DEV && typeof document !== 'undefined';
}

export function createIsolatedWorker(url: string): WorkerLike {
  if (!canIsolate()) return new Worker(url, { type: 'module' });
  const id = nextId++;
  const queue: unknown[] = [];
  let port: MessagePort | null = null;
  let terminated = false;
  const worker: WorkerLike = {
    onmessage: null,
    onerror: null,
    postMessage(message) {
      if (terminated) return;
      if (port) port.postMessage({ op: 'post', id, data: message });
      else queue.push(message);
    },
    terminate() {
      terminated = true;
      port?.postMessage({ op: 'terminate', id });
      void relay?.then((r) => r.listeners.delete(id));
    },
  };
  const fail = (message: string) =>
    worker.onerror?.(
      new ErrorEvent('error', { message: `The sandboxed worker failed: ${message}` }),
    );
  relay ??= startRelay().catch((e: unknown) => {
    relay = null; // the next worker tries a fresh iframe
    throw e;
  });
  relay
    .then(async (r) => {
      await ensureScript(r, url);
      if (terminated) return;
      r.listeners.set(id, (m) => {
        if (m.failed !== undefined || m.error !== undefined) {
          // The next worker of this URL fetches its script again (a retry after a bad load).
          r.scripts.delete(url);
          fail(m.failed ?? m.error ?? '');
        } else worker.onmessage?.(new MessageEvent('message', { data: m.data }));
      });
      r.port.postMessage({ op: 'create', id, key: url });
      port = r.port;
      for (const message of queue.splice(0)) port.postMessage({ op: 'post', id, data: message });
    })
    .catch((e: unknown) => fail(e instanceof Error ? e.message : String(e)));
  return worker;
}
