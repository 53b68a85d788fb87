/** Helpers for the room server's tests. */

/**
 * Resolves with the first value `subscribe` reports that `ok` accepts (the subscription is
 * ended then), or fails after `ms`: waiting on a condition, never a fixed sleep.
 */
export function until<T>(
  subscribe: (listener: (value: T) => void) => () => void,
  ok: (value: T) => boolean,
  ms = 10_000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    let stop = () => {};
    const timer = setTimeout(() => {
      stop();
      reject(new Error('timed out'));
    }, ms);
    stop = subscribe((value) => {
      if (!ok(value)) return;
      clearTimeout(timer);
      queueMicrotask(() => stop());
      resolve(value);
    });
  });
}
