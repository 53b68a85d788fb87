import { useEffect, useRef } from 'react';
import { openChannel } from './channel';
import type { LiveState, PresenterMessage } from './channel';

/**
 * The main window's side: broadcasts the live state on load and on every change, and answers a
 * presenter window's hello.
 */
export function useLeader(state: LiveState | null) {
  const channel = useRef<BroadcastChannel | null>(null);
  const latest = useRef(state);
  latest.current = state;
  useEffect(() => {
    const ch = openChannel();
    channel.current = ch;
    if (!ch) return;
    ch.onmessage = (e: MessageEvent<PresenterMessage>) => {
      if (e.data?.type === 'hello' && latest.current)
        ch.postMessage({ type: 'state', state: latest.current } satisfies PresenterMessage);
    };
    return () => {
      ch.close();
      channel.current = null;
    };
  }, []);
  const key = state ? JSON.stringify(state) : null;
  useEffect(() => {
    if (state && channel.current)
      channel.current.postMessage({ type: 'state', state } satisfies PresenterMessage);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
}
