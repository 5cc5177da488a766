import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// graphql ships CommonJS (`main`) and ESM (`module`): Vite would give the server's sources the ESM
// copy while graphql-yoga, loaded by Node, gets the CommonJS one, and a schema or error from one
// fails the other's `instanceof` checks. Node resolves `main` for both, so the tests do too.
const graphqlEntry = createRequire(import.meta.url).resolve('graphql');

/** What runs a second time on PostgreSQL: everything that starts a server or a store. */
const POSTGRES_SUITES = [
  'server/test/services/**/*.test.ts',
  'server/test/storage/**/*.test.ts',
  'server/test/http/**/*.test.ts',
  'server/test/security/**/*.test.ts',
  'server/test/postgres/**/*.test.ts',
  'test/integration/**/*.test.ts',
  'test/compat/**/*.test.ts',
  'test/security/**/*.test.ts',
  'test/hostile/**/*.test.ts',
];
/** Tests of SQLite itself (its files, pragmas, the raw bulk read) and of the CLI's file default. */
const SQLITE_ONLY = ['server/test/storage/durability.test.ts', 'server/test/storage/load-facts.test.ts', 'server/test/http/cli.test.ts'];

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
    testTimeout: 30_000,
    hookTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'sqlite',
          include: ['test/**/*.test.ts', 'server/test/**/*.test.ts'],
          // Tests of PostgreSQL itself (several processes, the change feed): the postgres project's only.
          exclude: ['server/test/postgres/**'],
          // Only the package test asks for it here: the installed authing-local run on PostgreSQL.
          globalSetup: ['server/test/support/postgres-setup.ts'],
          typecheck: {
            enabled: true,
            include: ['test/types/**/*.test-d.ts'],
            tsconfig: './tsconfig.json',
          },
        },
      },
      {
        // The same server tests, and the SDK and official-SDK suites, with every server on PostgreSQL.
        extends: true,
        test: {
          name: 'postgres',
          include: POSTGRES_SUITES,
          exclude: SQLITE_ONLY,
          env: { AUTHING_TEST_DB: 'postgres' },
          globalSetup: ['server/test/support/postgres-setup.ts'],
        },
      },
    ],
  },
});
