import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startLocalAuthing, type LocalAuthing } from '../../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'authing-local-logout-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function gql(s: LocalAuthing, query: string, headers: Record<string, string>) {
  const res = await fetch(`${s.url}/graphql/v2`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-authing-app-id': s.appId, ...headers },
    body: JSON.stringify({ query }),
  });
  return (await res.json()) as { data: Record<string, { id?: string; token?: string } | null>; errors?: Array<{ message: { code: number } }> };
}

describe('logout', () => {
  it('ends the token for good, across a restart on the same database', async () => {
    const db = join(dir, 'data.db');
    let s = await startLocalAuthing({ port: 0, db, log: () => undefined });
    const registered = await gql(s, 'mutation { registerByUsername(input: {username: "leaver", password: "pw-123456"}) { id token } }', {});
    const token = registered.data.registerByUsername?.token ?? '';
    const bearer = { authorization: `Bearer ${token}` };
    expect((await gql(s, '{ user { id } }', bearer)).data.user?.id).toBe(registered.data.registerByUsername?.id);

    const out = await fetch(`${s.url}/api/v2/logout?app_id=${s.appId}`, { headers: bearer });
    expect(await out.json()).toMatchObject({ code: 200 });
    expect((await gql(s, '{ user { id } }', bearer)).errors?.[0]?.message.code).toBe(2020);
    await s.close();

    s = await startLocalAuthing({ port: 0, db, log: () => undefined });
    expect((await gql(s, '{ user { id } }', bearer)).errors?.[0]?.message.code).toBe(2020);
    const again = await fetch(`${s.url}/api/v2/logout?app_id=${s.appId}`, { headers: bearer });
    expect(await again.json()).toMatchObject({ code: 2020 });
    await s.close();
  });
});
