import { AuthingValidationError } from 'authing-ts';
import { describe, expect, it } from 'vitest';
import { failure, useLocalAuthing } from './harness.js';

const h = useLocalAuthing();

describe('management.userpool env', () => {
  it('adds, overwrites, lists and removes variables with any JSON value', async () => {
    expect(await h.management.userpool.listEnv()).toEqual([]);
    expect(await h.management.userpool.addEnv('WEBHOOK_URL', 'https://example.com/hook')).toEqual([{ key: 'WEBHOOK_URL', value: 'https://example.com/hook' }]);
    await h.management.userpool.addEnv('limits', { max: 3, tags: ['a', 'b'], on: true });
    expect(await h.management.userpool.addEnv('WEBHOOK_URL', 42)).toEqual([
      { key: 'WEBHOOK_URL', value: 42 },
      { key: 'limits', value: { max: 3, tags: ['a', 'b'], on: true } },
    ]);
    expect(await h.management.userpool.listEnv()).toHaveLength(2);
    expect(await h.management.userpool.removeEnv('WEBHOOK_URL')).toEqual([{ key: 'limits', value: { max: 3, tags: ['a', 'b'], on: true } }]);
    expect(await h.management.userpool.removeEnv('absent')).toEqual([{ key: 'limits', value: { max: 3, tags: ['a', 'b'], on: true } }]);
    await h.management.userpool.addEnv('nothing', null);
    expect(await h.management.userpool.listEnv()).toContainEqual({ key: 'nothing', value: null });
  });

  it('keeps each pool to its own variables', async () => {
    const other = await h.server.createUserPool('env-other');
    const { ManagementClient } = await import('authing-ts');
    const management = new ManagementClient({ userPoolId: other.userPoolId, secret: other.secret, host: h.server.url });
    await management.userpool.addEnv('ONLY_HERE', 'x');
    expect(await management.userpool.listEnv()).toEqual([{ key: 'ONLY_HERE', value: 'x' }]);
    expect(await h.management.userpool.listEnv()).not.toContainEqual({ key: 'ONLY_HERE', value: 'x' });
  });

  it('refuses a bad key or an oversized value with 400; blank arguments before sending', async () => {
    expect((await failure(h.management.userpool.addEnv('has space', 1))).code).toBe(400);
    expect((await failure(h.management.userpool.addEnv('k'.repeat(65), 1))).code).toBe(400);
    expect((await failure(h.management.userpool.addEnv('BIG', 'x'.repeat(5000)))).code).toBe(400);
    expect((await h.management.userpool.listEnv()).map((v) => v.key)).not.toContain('BIG');
    await expect(h.management.userpool.addEnv('', 1)).rejects.toBeInstanceOf(AuthingValidationError);
    await expect(h.management.userpool.addEnv('K', undefined)).rejects.toBeInstanceOf(AuthingValidationError);
    await expect(h.management.userpool.removeEnv(' ')).rejects.toBeInstanceOf(AuthingValidationError);
  });

  it('sends the official paths', async () => {
    h.requests.length = 0;
    await h.management.userpool.addEnv('P', 'v');
    await h.management.userpool.listEnv();
    await h.management.userpool.removeEnv('P');
    const calls = h.requests.filter((r) => !r.url.endsWith('/graphql')).map((r) => `${r.method} ${new URL(r.url).pathname}`);
    expect(calls).toEqual(['POST /api/v2/env', 'GET /api/v2/env', 'DELETE /api/v2/env/P']);
    expect(JSON.parse(h.requests.find((r) => r.method === 'POST')!.body!)).toEqual({ key: 'P', value: 'v' });
  });
});
