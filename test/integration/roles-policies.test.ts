/**
 * Policy assignments of users and roles (`listPolicies`, `addPolicies`, `removePolicies`), with the
 * policies made through `management.policies.create`; the cascade tests count rows in the
 * server's database file to prove nothing is left behind.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalAuthing, type LocalAuthing } from 'authing-local';
import { ManagementClient } from 'authing-ts';
import Libsql from 'libsql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure, uid } from './harness.js';

const dir = mkdtempSync(join(tmpdir(), 'authing-local-policies-'));
const file = join(dir, 'policies.db');
let server: LocalAuthing;
let management: ManagementClient;
const sent: Array<{ url: string; body: string }> = [];

beforeAll(async () => {
  server = await startLocalAuthing({ port: 0, db: file, log: () => undefined });
  const recording: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    sent.push({ url: request.url, body: await request.clone().text() });
    return fetch(request);
  };
  management = new ManagementClient({ userPoolId: server.userPoolId, secret: server.secret, host: server.url, fetch: recording });
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Creates a policy of a namespace through the policies API. */
async function seedPolicy(code: string, namespace = 'default'): Promise<void> {
  await management.policies.create({ code, namespace, statements: [{ resource: 'books:*', actions: ['books:read'], effect: 'ALLOW' }] });
}

const lastGraphql = () => JSON.parse(sent.at(-1)?.body ?? '{}') as { query: string; variables: Record<string, unknown> };

describe('policy assignments of a pool without policies', () => {
  it('lists none, from storage, for users and roles', async () => {
    const user = await management.users.create({ username: uid('u') });
    const role = uid('role');
    await management.roles.create(role);
    await expect(management.users.listPolicies(user.id)).resolves.toEqual({ totalCount: 0, list: [] });
    expect(lastGraphql().variables).toEqual({ targetType: 'USER', targetIdentifier: user.id, page: 1, limit: 10 });
    await expect(management.roles.listPolicies(role, 2, 5)).resolves.toEqual({ totalCount: 0, list: [] });
    expect(lastGraphql().query).toContain('policyAssignments(');
    expect(lastGraphql().variables).toEqual({ targetType: 'ROLE', targetIdentifier: role, page: 2, limit: 5 });
  });

  it('refuses to assign or remove a policy that does not exist (3601), in the chosen language', async () => {
    const user = await management.users.create({ username: uid('u') });
    const role = uid('role');
    await management.roles.create(role);
    const missing = uid('nopolicy');
    expect(await failure(management.users.addPolicies(user.id, [missing]))).toMatchObject({ code: 3601, message: `策略 ${missing} 不存在` });
    const en = await failure(management.roles.addPolicies(role, [missing], { headers: { 'x-authing-lang': 'en-US' } }));
    expect(en).toMatchObject({ code: 3601, message: `Policy "${missing}" does not exist` });
    expect((await failure(management.roles.removePolicies(role, [missing]))).code).toBe(3601);
    expect((await failure(management.users.removePolicies(user.id, [missing]))).code).toBe(3601);
    await expect(management.users.listPolicies(user.id)).resolves.toEqual({ totalCount: 0, list: [] });
  });

  it('refuses unknown targets with their own codes', async () => {
    expect((await failure(management.users.listPolicies(uid('ghost')))).code).toBe(2004);
    expect((await failure(management.users.addPolicies(uid('ghost'), ['p']))).code).toBe(2004);
    expect((await failure(management.roles.listPolicies(uid('ghost')))).code).toBe(3202);
    expect((await failure(management.roles.addPolicies(uid('ghost'), ['p']))).code).toBe(3202);
  });
});

describe('policy assignments once a policy exists in storage', () => {
  it('assigns, lists and removes policies of a role and a user; all or nothing', async () => {
    const [read, write] = [uid('read'), uid('write')];
    await seedPolicy(read);
    await seedPolicy(write);
    const role = uid('role');
    await management.roles.create(role);
    const user = await management.users.create({ username: uid('u') });

    await expect(management.roles.addPolicies(role, [read, write])).resolves.toMatchObject({ code: 200 });
    expect(lastGraphql().variables).toEqual({ policies: [read, write], targetType: 'ROLE', targetIdentifiers: [role] });
    await management.roles.addPolicies(role, [read]);
    const listed = await management.roles.listPolicies(role);
    expect(listed).toEqual({
      totalCount: 2,
      list: [
        { code: read, targetType: 'ROLE', targetIdentifier: role },
        { code: write, targetType: 'ROLE', targetIdentifier: role },
      ],
    });
    expect(await management.roles.listPolicies(role, 2, 1)).toEqual({ totalCount: 2, list: [{ code: write, targetType: 'ROLE', targetIdentifier: role }] });

    // One unknown policy among known ones: nothing is written.
    expect((await failure(management.users.addPolicies(user.id, [read, uid('missing')]))).code).toBe(3601);
    await expect(management.users.listPolicies(user.id)).resolves.toEqual({ totalCount: 0, list: [] });
    await management.users.addPolicies(user.id, [write]);
    await expect(management.users.listPolicies(user.id)).resolves.toEqual({
      totalCount: 1,
      list: [{ code: write, targetType: 'USER', targetIdentifier: user.id }],
    });

    // Assignments follow the role, not its code.
    const renamed = uid('renamed');
    await management.roles.update(role, { newCode: renamed });
    expect((await management.roles.listPolicies(renamed)).list.map((a) => a.targetIdentifier)).toEqual([renamed, renamed]);

    await expect(management.roles.removePolicies(renamed, [read])).resolves.toMatchObject({ code: 200 });
    expect((await management.roles.listPolicies(renamed)).list).toEqual([{ code: write, targetType: 'ROLE', targetIdentifier: renamed }]);
    await management.users.removePolicies(user.id, [write, read]);
    await expect(management.users.listPolicies(user.id)).resolves.toEqual({ totalCount: 0, list: [] });
  });
});

/** Rows of a table in the server's database file. */
function count(table: 'policies' | 'policy_assignments'): number {
  const db = new Libsql(file, { readonly: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('policy assignments when their target or namespace goes', () => {
  it('deleting a user or a role removes its assignments; deleting a namespace removes its policies', async () => {
    const before = count('policy_assignments');
    const policy = uid('pol');
    await seedPolicy(policy);
    const user = await management.users.create({ username: uid('u') });
    const role = uid('role');
    await management.roles.create(role);
    await management.users.addPolicies(user.id, [policy]);
    await management.roles.addPolicies(role, [policy]);
    expect(count('policy_assignments')).toBe(before + 2);
    await management.users.delete(user.id);
    expect(count('policy_assignments')).toBe(before + 1);
    await management.roles.delete(role);
    expect(count('policy_assignments')).toBe(before);

    const ns = uid('ns');
    await management.acl.createNamespace(ns, 'NS');
    const nsPolicy = uid('pol');
    await seedPolicy(nsPolicy, ns);
    const nsRole = uid('role');
    await management.roles.create(nsRole, undefined, ns);
    const policies = count('policies');
    await management.acl.deleteNamespace(ns);
    expect(count('policies')).toBe(policies - 1);
    expect(count('policy_assignments')).toBe(before);
  });
});
