import { resolve } from 'node:path';

import { defineConfig } from 'vitest/config';

import { conceptCatalog } from './electron.vite.config.js';

const alias = {
  '@shared': resolve(import.meta.dirname, 'shared'),
  // A leak of 'electron' into services fails loudly instead of passing silently.
  electron: resolve(import.meta.dirname, 'tests/fixtures/electron-stub.ts'),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        plugins: [conceptCatalog()],
        test: { name: 'unit', include: ['tests/unit/**/*.test.{ts,tsx}'], environment: 'node' },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
