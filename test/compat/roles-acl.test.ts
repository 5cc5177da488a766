/**
 * The official authing-js-sdk (4.23.55, from npm) against authing-local: the roles, groups and
 * batch-ACL methods of its newest build, with the bodies and argument orders it really sends.
 */
import { ManagementClient as OurManagementClient } from 'authing-ts';
import { describe, expect, it } from 'vitest';
import { useOfficialSdk } from './harness.js';

const h = useOfficialSdk();

describe('official authing-js-sdk 4.23.55: roles, groups and batch grants', () => {
  it('creates roles in a namespace, finds them and their users, grants and revokes in batches', async () => {
    const ns = `compat_${h.suffix}`;
    await h.management.acl.createNamespace(ns, 'Compat');
    const alice = await h.management.users.create({ username: `compat_alice_${h.suffix}`, nickname: 'Alice' });
    const bob = await h.management.users.create({ username: `compat_bob_${h.suffix}`, nickname: 'Bob' });

    // 4.23.55's create(code, description, namespace).
    const role = await h.management.roles.create(`ops_${h.suffix}`, 'Operators', ns);
    expect(role).toMatchObject({ code: `ops_${h.suffix}`, namespace: ns, description: 'Operators' });
    expect(await h.management.roles.findByCode(`ops_${h.suffix}`, ns)).toMatchObject({ id: role.id, namespace: ns });
    await h.management.roles.addUsers(`ops_${h.suffix}`, [alice.id, bob.id], ns);
    const found = await h.management.roles.findUsers(`ops_${h.suffix}`, { namespace: ns, search: 'alice' });
    expect(found).toMatchObject({ totalCount: 1, list: [{ id: alice.id, nickname: 'Alice' }] });
    // listPolicies sends no namespace: the role is looked up in `default`.
    await h.management.roles.create(`auditors_${h.suffix}`, 'Auditors');
    expect(await h.management.roles.listPolicies(`auditors_${h.suffix}`)).toEqual({ totalCount: 0, list: [] });
    expect(await h.management.roles.listPolicies(`ops_${h.suffix}`).catch((e: unknown) => e)).toMatchObject({ code: 3202 });

    const group = `compat_group_${h.suffix}`;
    await h.management.groups.create(group, 'Compat group');
    await h.management.groups.addUsers(group, [bob.id]);
    const org = await h.management.org.create(`compat_org_${h.suffix}`, 'Compat org');

    await expect(
      h.management.acl.authorizeResources({
        namespace: ns,
        opts: [
          { targetType: 'USER' as never, targetIdentifiers: [alice.id], resources: [{ code: 'ec2:1', actions: ['ec2:Start'], resourceType: 'DATA' as never }] },
          { targetType: 'GROUP' as never, targetIdentifiers: [group], resources: [{ code: 'ec2:1', actions: ['ec2:Stop'], resourceType: 'DATA' as never }] },
          { targetType: 'ROLE' as never, targetIdentifiers: [`ops_${h.suffix}`], resources: [{ code: 'ec2:*', actions: ['ec2:Restart'], resourceType: 'DATA' as never }] },
          { targetType: 'ORG' as never, targetIdentifiers: [org.rootNode.id], resources: [{ code: 'ec2:1', actions: ['ec2:View'], resourceType: 'DATA' as never }] },
        ],
      }),
    ).resolves.toBe(true);
    expect(await h.management.acl.isAllowed(alice.id, 'ec2:1', 'ec2:Start', { namespace: ns })).toBe(true);
    expect(await h.management.acl.isAllowed(bob.id, 'ec2:1', 'ec2:Stop', { namespace: ns })).toBe(true);
    expect(await h.management.acl.isAllowed(bob.id, 'ec2:7', 'ec2:Restart', { namespace: ns })).toBe(true);

    const { list } = await h.management.acl.listAuthorizedResourcesBatch({
      namespace: ns,
      targets: [
        { targetType: 'GROUP' as never, targetIdentifier: group },
        { targetType: 'ROLE' as never, targetIdentifier: `ops_${h.suffix}` },
        { targetType: 'ORG' as never, targetIdentifier: org.rootNode.id },
      ],
    });
    expect(list.map((page) => page.list.map((r) => [r.code, r.actions]))).toEqual([
      [['ec2:1', ['ec2:Stop']]],
      [['ec2:*', ['ec2:Restart']]],
      [['ec2:1', ['ec2:View']]],
    ]);

    await h.management.acl.revokeResources({
      namespace: ns,
      opts: [
        { targetType: 'USER' as never, targetIdentifiers: [alice.id], resources: [{ code: 'ec2:1', actions: ['ec2:Start'], resourceType: 'DATA' as never }] },
        { targetType: 'ROLE' as never, targetIdentifiers: [`ops_${h.suffix}`], resources: [{ code: 'ec2:*', actions: ['ec2:Restart'], resourceType: 'DATA' as never }] },
      ],
    });
    expect(await h.management.acl.isAllowed(alice.id, 'ec2:1', 'ec2:Start', { namespace: ns })).toBe(false);
    expect(await h.management.acl.isAllowed(bob.id, 'ec2:7', 'ec2:Restart', { namespace: ns })).toBe(false);
    expect(await h.management.acl.isAllowed(bob.id, 'ec2:1', 'ec2:Stop', { namespace: ns })).toBe(true);
  });

  it('refuses to delete groups and roles when one code is unknown, deleting none', async () => {
    const group = `keep_${h.suffix}`;
    await h.management.groups.create(group, 'Keep');
    const refused = await h.management.groups.deleteMany([group, `ghost_${h.suffix}`]).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 3302, message: `分组 ghost_${h.suffix} 不存在` });
    expect(await h.management.groups.detail(group)).toMatchObject({ code: group });

    await h.management.roles.create(`keep_${h.suffix}`);
    const roleRefused = await h.management.roles.deleteMany([`keep_${h.suffix}`, `ghost_${h.suffix}`]).catch((e: unknown) => e);
    expect(roleRefused).toMatchObject({ code: 3202 });
    expect(await h.management.roles.detail(`keep_${h.suffix}`)).toMatchObject({ code: `keep_${h.suffix}` });
    await expect(h.management.groups.delete(group)).resolves.toMatchObject({ code: 200 });
  });

  it('lists role and group members with their custom data (the …WithCustomData twins) as authing-ts does', async () => {
    const ours = new OurManagementClient({ userPoolId: h.server.userPoolId, secret: h.server.secret, host: h.server.url });
    await h.management.udf.set('USER' as never, 'level', 'NUMBER' as never, '等级');
    await h.management.udf.set('USER' as never, 'joined', 'DATETIME' as never, '加入时间');
    const ns = `members_${h.suffix}`;
    await h.management.acl.createNamespace(ns, 'Members');
    const user = await h.management.users.create({ username: `members_${h.suffix}` });
    const joined = new Date('2022-02-03T04:05:06.007Z');
    await h.management.users.setUdfValue(user.id, { level: 7, joined });
    const code = `members_${h.suffix}`;
    await h.management.roles.create(code, 'Members', ns);
    await h.management.roles.addUsers(code, [user.id], ns);
    await h.management.groups.create(code, 'Members');
    await h.management.groups.addUsers(code, [user.id]);

    const officialRole = await h.management.roles.listUsers(code, { namespace: ns, withCustomData: true });
    expect((officialRole.list ?? []).map((u) => u?.customData)).toEqual([{ level: 7, joined }]);
    const oursRole = await ours.roles.listUsers(code, { namespace: ns, withCustomData: true });
    expect(oursRole.list.map((u) => u.customData)).toEqual((officialRole.list ?? []).map((u) => u?.customData));
    const officialGroup = await h.management.groups.listUsers(code, { withCustomData: true });
    expect((officialGroup.list ?? []).map((u) => u?.customData)).toEqual([{ level: 7, joined }]);
    const oursGroup = await ours.groups.listUsers(code, { withCustomData: true });
    expect(oursGroup.list.map((u) => u.customData)).toEqual((officialGroup.list ?? []).map((u) => u?.customData));
  });

  it('refuses empty codes and names server-side (the official SDK checks nothing)', async () => {
    expect(await h.management.groups.create(`empty_${h.suffix}`, '').catch((e: unknown) => e)).toMatchObject({ code: 400 });
    expect(await h.management.groups.detail(`empty_${h.suffix}`)).toBeNull();
    expect(await h.management.roles.create('  ', 'blank').catch((e: unknown) => e)).toMatchObject({ code: 400 });
  });
});
