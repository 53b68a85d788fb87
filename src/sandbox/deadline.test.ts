import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runWithDeadline } from './deadline';

/** A fake Worker: records what it was sent and whether it was terminated. */
class FakeWorker {
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onerror: ((event: { message: string }) => void) | null = null;
  posted: unknown[] = [];
  terminated = 0;
  constructor(private readonly respond?: (req: unknown, self: FakeWorker) => void) {}
  postMessage(message: unknown) {
    this.posted.push(message);
    this.respond?.(message, this);
  }
  terminate() {
    this.terminated += 1;
  }
  asWorker(): Worker {
    return this as unknown as Worker;
  }
}

describe('runWithDeadline', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('posts the request and resolves with the first message', async () => {
    const fake = new FakeWorker((req, self) => {
      setTimeout(() => {
        self.onmessage?.({ data: { echo: req } });
        self.onmessage?.({ data: 'second' });
      }, 10);
    });
    const result = runWithDeadline<{ n: number }, { echo: unknown }>(
      () => fake.asWorker(),
      { n: 1 },
      1000,
    );
    await vi.advanceTimersByTimeAsync(10);
    await expect(result).resolves.toEqual({ echo: { n: 1 } });
    expect(fake.posted).toEqual([{ n: 1 }]);
    expect(fake.terminated).toBe(1);
  });

  it('terminates a worker that does not answer by the deadline', async () => {
    const fake = new FakeWorker();
    const result = runWithDeadline(() => fake.asWorker(), 'go', 500);
    await vi.advanceTimersByTimeAsync(499);
    expect(fake.terminated).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    await expect(result).resolves.toEqual({ timedOut: true });
    expect(fake.terminated).toBe(1);
    fake.onmessage?.({ data: 'late' }); // ignored: handlers were detached
    expect(fake.terminated).toBe(1);
  });

  it('rejects when the worker reports an error', async () => {
    const fake = new FakeWorker((_req, self) => self.onerror?.({ message: 'boom' }));
    await expect(runWithDeadline(() => fake.asWorker(), 'go', 500)).rejects.toThrow(/boom/);
    expect(fake.terminated).toBe(1);
  });
});
