import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  resolve: {
    // Tests exercise the sources; the demo and examples use the built packages.
    alias: {
      'authing-ts': here('./src/index.ts'),
      'authing-local': here('./server/src/index.ts'),
    },
  },
  test: {
    include: ['test/**/*.test.ts', 'server/test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    typecheck: {
      enabled: true,
      include: ['test/types/**/*.test-d.ts'],
      tsconfig: './tsconfig.json',
    },
  },
});
