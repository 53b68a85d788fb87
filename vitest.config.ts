import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'exercises/**/*.test.ts', 'scripts/**/*.test.ts', 'server/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    // Vitest's default is one worker less than the cores: one worker on CI's two. Many files
    // mostly wait (CLI processes, servers, worker threads), so two share two cores well.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
