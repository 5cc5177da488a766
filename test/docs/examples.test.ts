/**
 * Every public method has a TSDoc `@example`, and every example compiles against the built
 * declarations (`dist/*.d.ts`): documentation that drifts from the API fails the suite.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { exampleModule, readExamples, typeCheck } from './examples.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const members = readExamples(root);

describe('TSDoc examples', () => {
  it('exist for every public method of every client', () => {
    const methods = members.filter((m) => m.isMethod);
    expect(methods.length).toBeGreaterThan(80);
    expect(methods.filter((m) => m.examples.length === 0).map((m) => m.name)).toEqual([]);
  });

  it('compile against the published declaration files', () => {
    expect(existsSync(`${root}/dist/index.d.ts`), 'dist/ is missing: run npm run build').toBe(true);
    const modules = new Map<string, string>();
    // Overloads are members of one name: the member's position keeps each one's examples apart.
    members.forEach((member, m) => {
      member.examples.forEach((example, i) => modules.set(`/examples/${member.name.replace(/[^\w.]/g, '_')}.${m}.${i}.ts`, exampleModule(example)));
    });
    expect(modules.size).toBeGreaterThan(80);
    const failures = Object.fromEntries(typeCheck(root, modules));
    expect(failures).toEqual({});
  }, 60_000);
});
