import { readFileSync } from 'node:fs';
import { AuthingApiError } from 'authing-ts';
import { describe, expect, it } from 'vitest';
import { readmeExample } from '../../examples/readme.js';
import { useLocalAuthing } from './harness.js';

const h = useLocalAuthing();
const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

describe('README', () => {
  it('shows the example exactly as examples/readme.ts has it', () => {
    const region = /\/\/ #region readme\n([\s\S]*?)\n\s*\/\/ #endregion readme/.exec(read('examples/readme.ts'))?.[1];
    expect(region).toBeDefined();
    const dedented = region!
      .split('\n')
      .map((line) => line.replace(/^ {2}/, ''))
      .join('\n');
    expect(read('README.md')).toContain(dedented);
  });

  it('begins with the two commands', () => {
    expect(read('README.md')).toMatch(/^# authing-ts\n\n```sh\nnpm install && npm run demo\nnpm test\n```/);
  });

  it('runs the example against authing-local with the outcome its comments state', async () => {
    const { user, allowed, failure } = await readmeExample({
      userPoolId: h.server.userPoolId,
      secret: h.server.secret,
      appId: h.server.appId,
      host: h.server.url,
    });
    expect(user.username).toBe('alice');
    expect(allowed).toBe(true);
    expect(failure).toBeInstanceOf(AuthingApiError);
    expect(failure).toMatchObject({ code: 2333, statusCode: 200 });
    expect(failure?.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
