import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// e2e specs run under Playwright, never here.
export default defineConfig({
  plugins: [react()],
  test: {
    testTimeout: 20_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'], environment: 'node' },
      },
      {
        extends: true,
        test: {
          name: 'component',
          include: ['test/component/**/*.test.tsx'],
          environment: 'jsdom',
          setupFiles: ['test/component/setup.ts'],
        },
      },
    ],
  },
});
