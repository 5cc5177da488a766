import { fileURLToPath } from 'node:url';
import { defineConfig } from 'tsup';

const graphqlShim = fileURLToPath(new URL('./src/core/graphql-shim.ts', import.meta.url));

/**
 * The published entry points. Each is its own bundle entry so that an app importing one area
 * (`authing-ts/authentication`) does not load or bundle the others; shared code lands in chunks
 * that both formats reference, so `AuthingError` is one class whichever entry an app imports.
 */
export const entries = {
  index: 'src/index.ts',
  management: 'src/management.ts',
  authentication: 'src/authentication.ts',
  errors: 'src/errors.ts',
  // The two defaults behind the package's `#default-fetch` import (package.json `imports`).
  'fetch/default': 'src/core/fetch/default.ts',
  'fetch/node': 'src/core/fetch/node.ts',
};

export default defineConfig({
  entry: entries,
  format: ['esm', 'cjs'],
  // One declaration bundle per entry and format (.d.ts for import, .d.cts for require).
  dts: { compilerOptions: { stripInternal: true } },
  clean: true,
  sourcemap: true,
  splitting: true,
  target: 'es2022',
  platform: 'neutral',
  treeshake: true,
  // jose is ESM-only: bundling the two small modules used (JWT payload decoding) keeps the
  // CommonJS build loadable with require() on every Node 20, and nothing else of jose is loaded.
  // graphql-request is bundled with `graphql` replaced by src/core/graphql-shim.ts: it imports
  // graphql's parser and printer only for AST documents, which authing-ts never sends, so apps
  // neither install nor bundle graphql. Its chunk still loads on the first GraphQL call only.
  noExternal: [/^jose(\/|$)/, 'graphql-request'],
  // Resolved by whoever loads the package (Node or a bundler), by its conditions.
  external: ['#default-fetch'],
  esbuildPlugins: [
    {
      name: 'graphql-shim',
      setup(build) {
        build.onResolve({ filter: /^graphql$/ }, () => ({ path: graphqlShim }));
      },
    },
  ],
});
