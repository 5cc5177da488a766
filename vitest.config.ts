import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// graphql ships CommonJS (`main`) and ESM (`module`): Vite would give the server's sources the ESM
// copy while graphql-yoga, loaded by Node, gets the CommonJS one, and a schema or error from one
// fails the other's `instanceof` checks. Node resolves `main` for both, so the tests do too.
const graphqlEntry = createRequire(import.meta.url).resolve('graphql');

export default defineConfig({
  resolve: {
    // Tests exercise the sources; the demo and examples use the built packages.
    alias: {
      'authing-ts': here('./src/index.ts'),
      'authing-local': here('./server/src/index.ts'),
      graphql: graphqlEntry,
      '#default-fetch': here('./src/core/fetch/node.ts'),
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
