/**
 * The official authing-js-sdk (4.23.55, from npm) against authing-local: the roles, groups and
 * batch-ACL methods of its newest build, with the bodies and argument orders it really sends.
 */
import { ManagementClient } from 'authing-js-sdk';
import { startLocalAuthing, type LocalAuthing } from 'authing-local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let server: LocalAuthing;
let management: ManagementClient;
const suffix = Date.now().toString(36);

beforeAll(async () => {
  server = await startLocalAuthing({ port: 0, db: ':memory:', log: () => undefined });
  management = new ManagementClient({ userPoolId: server.userPoolId, secret: server.secret, host: server.url });
});
afterAll(async () => {
  await server?.close();
});

describe('official authing-js-sdk 4.23.55: roles, groups and batch grants', () => {
  it('creates roles in a namespace, finds them and their users, grants and revokes in batches', async () => {
    const ns = `compat_${suffix}`;
    await management.acl.createNamespace(ns, 'Compat');
    const alice = await management.users.create({ username: `compat_alice_${suffix}`, nickname: 'Alice' });
    const bob = await management.users.create({ username: `compat_bob_${suffix}`, nickname: 'Bob' });

    // 4.23.55's create(code, description, namespace).
    const role = await management.roles.create(`ops_${suffix}`, 'Operators', ns);
    expect(role).toMatchObject({ code: `ops_${suffix}`, namespace: ns, description: 'Operators' });
    expect(await management.roles.findByCode(`ops_${suffix}`, ns)).toMatchObject({ id: role.id, namespace: ns });
    await management.roles.addUsers(`ops_${suffix}`, [alice.id, bob.id], ns);
    const found = await management.roles.findUsers(`ops_${suffix}`, { namespace: ns, search: 'alice' });
    expect(found).toMatchObject({ totalCount: 1, list: [{ id: alice.id, nickname: 'Alice' }] });
    // listPolicies sends no namespace: the role is looked up in `default`.
    await management.roles.create(`auditors_${suffix}`, 'Auditors');
    expect(await management.roles.listPolicies(`auditors_${suffix}`)).toEqual({ totalCount: 0, list: [] });
    expect(await management.roles.listPolicies(`ops_${suffix}`).catch((e: unknown) => e)).toMatchObject({ code: 3202 });

    const group = `compat_group_${suffix}`;
    await management.groups.create(group, 'Compat group');
    await management.groups.addUsers(group, [bob.id]);
    const org = await management.org.create(`compat_org_${suffix}`, 'Compat org');

    await expect(
      management.acl.authorizeResources({
        namespace: ns,
        opts: [
          { targetType: 'USER' as never, targetIdentifiers: [alice.id], resources: [{ code: 'ec2:1', actions: ['ec2:Start'], resourceType: 'DATA' as never }] },
          { targetType: 'GROUP' as never, targetIdentifiers: [group], resources: [{ code: 'ec2:1', actions: ['ec2:Stop'], resourceType: 'DATA' as never }] },
          { targetType: 'ROLE' as never, targetIdentifiers: [`ops_${suffix}`], resources: [{ code: 'ec2:*', actions: ['ec2:Restart'], resourceType: 'DATA' as never }] },
          { targetType: 'ORG' as never, targetIdentifiers: [org.rootNode.id], resources: [{ code: 'ec2:1', actions: ['ec2:View'], resourceType: 'DATA' as never }] },
        ],
      }),
    ).resolves.toBe(true);
    expect(await management.acl.isAllowed(alice.id, 'ec2:1', 'ec2:Start', { namespace: ns })).toBe(true);
    expect(await management.acl.isAllowed(bob.id, 'ec2:1', 'ec2:Stop', { namespace: ns })).toBe(true);
    expect(await management.acl.isAllowed(bob.id, 'ec2:7', 'ec2:Restart', { namespace: ns })).toBe(true);

    const { list } = await management.acl.listAuthorizedResourcesBatch({
      namespace: ns,
      targets: [
        { targetType: 'GROUP' as never, targetIdentifier: group },
        { targetType: 'ROLE' as never, targetIdentifier: `ops_${suffix}` },
        { targetType: 'ORG' as never, targetIdentifier: org.rootNode.id },
      ],
    });
    expect(list.map((page) => page.list.map((r) => [r.code, r.actions]))).toEqual([
      [['ec2:1', ['ec2:Stop']]],
      [['ec2:*', ['ec2:Restart']]],
      [['ec2:1', ['ec2:View']]],
    ]);

    await management.acl.revokeResources({
      namespace: ns,
      opts: [
        { targetType: 'USER' as never, targetIdentifiers: [alice.id], resources: [{ code: 'ec2:1', actions: ['ec2:Start'], resourceType: 'DATA' as never }] },
        { targetType: 'ROLE' as never, targetIdentifiers: [`ops_${suffix}`], resources: [{ code: 'ec2:*', actions: ['ec2:Restart'], resourceType: 'DATA' as never }] },
      ],
    });
    expect(await management.acl.isAllowed(alice.id, 'ec2:1', 'ec2:Start', { namespace: ns })).toBe(false);
    expect(await management.acl.isAllowed(bob.id, 'ec2:7', 'ec2:Restart', { namespace: ns })).toBe(false);
    expect(await management.acl.isAllowed(bob.id, 'ec2:1', 'ec2:Stop', { namespace: ns })).toBe(true);
  });

  it('refuses to delete groups and roles when one code is unknown, deleting none', async () => {
    const group = `keep_${suffix}`;
    await management.groups.create(group, 'Keep');
    const refused = await management.groups.deleteMany([group, `ghost_${suffix}`]).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 3302, message: `分组 ghost_${suffix} 不存在` });
    expect(await management.groups.detail(group)).toMatchObject({ code: group });

    await management.roles.create(`keep_${suffix}`);
    const roleRefused = await management.roles.deleteMany([`keep_${suffix}`, `ghost_${suffix}`]).catch((e: unknown) => e);
    expect(roleRefused).toMatchObject({ code: 3202 });
    expect(await management.roles.detail(`keep_${suffix}`)).toMatchObject({ code: `keep_${suffix}` });
    await expect(management.groups.delete(group)).resolves.toMatchObject({ code: 200 });
  });

  it('refuses empty codes and names server-side (the official SDK checks nothing)', async () => {
    expect(await management.groups.create(`empty_${suffix}`, '').catch((e: unknown) => e)).toMatchObject({ code: 400 });
    expect(await management.groups.detail(`empty_${suffix}`)).toBeNull();
    expect(await management.roles.create('  ', 'blank').catch((e: unknown) => e)).toMatchObject({ code: 400 });
  });
});
