/**
 * Packaging is part of the product: both packages must pass publint (exports, types, files) as
 * they would be published. Runs against the built output that `npm install` (prepare) leaves.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { describe, expect, it } from 'vitest';

const packages = {
  'authing-ts': fileURLToPath(new URL('../..', import.meta.url)),
  'authing-local': fileURLToPath(new URL('../../server', import.meta.url)),
};

describe.each(Object.entries(packages))('%s package', (name, dir) => {
  it('is built (npm install runs the prepare script)', () => {
    expect(existsSync(`${dir}/dist/index.js`), `${name} has no dist/index.js; run npm run build`).toBe(true);
    expect(existsSync(`${dir}/dist/index.d.ts`)).toBe(true);
  });

  it('passes publint at the warning level', async () => {
    const { messages, pkg } = await publint({ pkgDir: dir, level: 'warning', strict: true, pack: 'npm' });
    expect(messages.map((m) => formatMessage(m, pkg) ?? m.code)).toEqual([]);
  });
});
