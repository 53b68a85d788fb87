/**
 * The page side of the service worker: registration after the page has loaded, and the "new
 * version" notice when a newer build takes over a page that still runs an older one.
 */
import { showUpdateNotice } from './updateNotice';

interface VersionAnswer {
  version: string;
  cache: string;
  urls: string[];
}

/** This module's own URL: in a build, the app's entry chunk, whose name carries its hash. */
const OWN_SCRIPT = new URL(import.meta.url).pathname;

export function registerServiceWorker(url: string): void {
  try {
    const container = typeof navigator === 'undefined' ? undefined : navigator.serviceWorker;
    if (!container) return; // unsupported, or not a secure context
    let controlled = container.controller !== null;
    container.addEventListener('controllerchange', () => {
      const wasControlled = controlled;
      controlled = true;
      if (wasControlled) void noticeIfOutdated(container);
    });
    const register = () => {
      container
        .register(url, { scope: new URL('./', new URL(url, location.href)).pathname })
        .catch((error: unknown) => warn(error));
    };
    if (document.readyState === 'complete') register();
    else window.addEventListener('load', register, { once: true });
  } catch (error) {
    warn(error);
  }
}

function warn(error: unknown): void {
  console.warn('The workshop will not work offline: the service worker did not register.', error);
}

/** A newer build took over: offer a reload unless this page already runs that build. */
async function noticeIfOutdated(container: ServiceWorkerContainer): Promise<void> {
  const answer = await askVersion(container.controller);
  if (answer && answer.urls.includes(OWN_SCRIPT)) return;
  showUpdateNotice();
}

function askVersion(worker: ServiceWorker | null): Promise<VersionAnswer | null> {
  if (!worker) return Promise.resolve(null);
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    const timer = setTimeout(() => resolve(null), 2000);
    channel.port1.onmessage = (e: MessageEvent<VersionAnswer>) => {
      clearTimeout(timer);
      resolve(e.data);
    };
    worker.postMessage({ type: 'version' }, [channel.port2]);
  });
}
