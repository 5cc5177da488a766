import { AuthingValidationError } from 'authing-ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { failure, uid, useLocalAuthing } from './harness.js';

const h = useLocalAuthing();

let ns: string;
beforeAll(async () => {
  ns = uid('ns');
  await h.management.acl.createNamespace(ns, 'Batch');
  await h.management.acl.createResource({ namespace: ns, code: 'ec2', type: 'DATA', actions: [{ name: 'ec2:Start' }, { name: 'ec2:Stop' }] });
});

/** A user, a group, a role of the namespace and an org root node, none related to the others. */
async function targets() {
  const user = (await h.management.users.create({ username: uid('u') })).id;
  const group = uid('group');
  await h.management.groups.create(group, 'G');
  const role = uid('role');
  await h.management.roles.create(role, '', ns);
  const node = (await h.management.org.create(uid('org'))).rootNode.id;
  return { user, group, role, node };
}

describe('acl.authorizeResources / listAuthorizedResourcesBatch', () => {
  it('grants several resources to several targets in one call, seen by the next isAllowed and listing', async () => {
    const t = await targets();
    const result = await h.management.acl.authorizeResources({
      namespace: ns,
      opts: [
        { targetType: 'USER', targetIdentifiers: [t.user], resources: [{ code: 'ec2:1', actions: ['ec2:Start'], resourceType: 'DATA' }] },
        { targetType: 'GROUP', targetIdentifiers: [t.group], resources: [{ code: 'ec2:1', actions: ['ec2:Stop'], resourceType: 'DATA' }] },
        { targetType: 'ROLE', targetIdentifiers: [t.role], resources: [{ code: 'ec2:*', actions: ['ec2:Start', 'ec2:Stop'] }, { code: 'menu', resourceType: 'MENU' }] },
        { targetType: 'ORG', targetIdentifiers: [t.node], resources: [{ code: 'ec2:2', actions: ['ec2:Start'] }] },
      ],
    });
    expect(result).toBe(true);
    const request = h.requests.at(-1);
    expect(request?.url).toMatch(/\/api\/v2\/acl\/authorize-resources$/);
    expect(JSON.parse(request?.body ?? '{}')).toMatchObject({ namespace: ns, opts: [{ targetType: 'USER', targetIdentifiers: [t.user] }, {}, {}, {}] });

    await expect(h.management.acl.isAllowed(t.user, 'ec2:1', 'ec2:Start', { namespace: ns })).resolves.toBe(true);
    await expect(h.management.acl.isAllowed(t.user, 'ec2:1', 'ec2:Stop', { namespace: ns })).resolves.toBe(false);
    await h.management.groups.addUsers(t.group, [t.user]);
    await expect(h.management.acl.isAllowed(t.user, 'ec2:1', 'ec2:Stop', { namespace: ns })).resolves.toBe(true);

    const { list } = await h.management.acl.listAuthorizedResourcesBatch({
      namespace: ns,
      targets: [
        { targetType: 'ROLE', targetIdentifier: t.role },
        { targetType: 'GROUP', targetIdentifier: t.group },
        { targetType: 'ORG', targetIdentifier: t.node },
      ],
    });
    expect(h.requests.at(-1)?.url).toMatch(/\/api\/v2\/acl\/list-authorized-resources-batch$/);
    expect(list).toEqual([
      {
        totalCount: 2,
        list: [
          { code: 'ec2:*', type: 'DATA', actions: ['ec2:Start', 'ec2:Stop'], apiIdentifier: null },
          { code: 'menu', type: 'MENU', actions: null, apiIdentifier: null },
        ],
      },
      { totalCount: 1, list: [{ code: 'ec2:1', type: 'DATA', actions: ['ec2:Stop'], apiIdentifier: null }] },
      { totalCount: 1, list: [{ code: 'ec2:2', type: 'DATA', actions: ['ec2:Start'], apiIdentifier: null }] },
    ]);
    const menus = await h.management.acl.listAuthorizedResourcesBatch({ namespace: ns, resourceType: 'MENU', targets: [{ targetType: 'ROLE', targetIdentifier: t.role }] });
    expect(menus.list).toEqual([{ totalCount: 1, list: [{ code: 'menu', type: 'MENU', actions: null, apiIdentifier: null }] }]);
  });

  it('replaces a target’s earlier actions on a resource, and merges one call’s repeats', async () => {
    const { user } = await targets();
    await h.management.acl.authorizeResources({ namespace: ns, opts: [{ targetType: 'USER', targetIdentifiers: [user], resources: [{ code: 'ec2:5', actions: ['ec2:Start'] }] }] });
    await h.management.acl.authorizeResources({
      namespace: ns,
      opts: [
        { targetType: 'USER', targetIdentifiers: [user], resources: [{ code: 'ec2:5', actions: ['ec2:Stop'] }] },
        { targetType: 'USER', targetIdentifiers: [user], resources: [{ code: 'ec2:5', actions: ['ec2:Restart', 'ec2:Stop'] }] },
      ],
    });
    const { list } = await h.management.acl.listAuthorizedResources('USER', user, ns);
    expect(list).toEqual([{ code: 'ec2:5', type: 'DATA', actions: ['ec2:Stop', 'ec2:Restart'], apiIdentifier: null }]);
    await expect(h.management.acl.isAllowed(user, 'ec2:5', 'ec2:Start', { namespace: ns })).resolves.toBe(false);
  });

  it('writes nothing when one target is unknown, and answers its code in the chosen language', async () => {
    const { user } = await targets();
    const missing = uid('missing');
    const error = await failure(
      h.management.acl.authorizeResources(
        {
          namespace: ns,
          opts: [
            { targetType: 'USER', targetIdentifiers: [user], resources: [{ code: 'ec2:7', actions: ['ec2:Start'] }] },
            { targetType: 'ROLE', targetIdentifiers: [missing], resources: [{ code: 'ec2:7', actions: ['ec2:Start'] }] },
          ],
        },
        { headers: { 'x-authing-lang': 'en-US' } },
      ),
    );
    expect(error).toMatchObject({ code: 3202, message: `Role "${missing}" does not exist` });
    await expect(h.management.acl.isAllowed(user, 'ec2:7', 'ec2:Start', { namespace: ns })).resolves.toBe(false);
    expect((await h.management.acl.listAuthorizedResources('USER', user, ns)).totalCount).toBe(0);
    expect((await failure(h.management.acl.listAuthorizedResourcesBatch({ namespace: ns, targets: [{ targetType: 'GROUP', targetIdentifier: missing }] }))).code).toBe(3302);
    expect((await failure(h.management.acl.authorizeResources({ namespace: uid('nons'), opts: [{ targetType: 'USER', targetIdentifiers: [user], resources: [{ code: 'a:1' }] }] }))).code).toBe(3003);
  });

  it('checks its arguments before sending anything, and sends the tenant header when asked', async () => {
    const before = h.requests.length;
    const empty = await failure(h.management.acl.authorizeResources({ namespace: ns, opts: [] }));
    expect(empty).toBeInstanceOf(AuthingValidationError);
    expect(empty).toMatchObject({ argument: 'opts' });
    const noCode = await failure(h.management.acl.revokeResources({ namespace: ns, opts: [{ targetType: 'USER', targetIdentifiers: ['x'], resources: [{ code: '' }] }] }));
    expect(noCode).toMatchObject({ argument: 'opts[0].resources[0].code' });
    expect(h.requests.length).toBe(before);

    const { user } = await targets();
    await h.management.acl.authorizeResources({ namespace: ns, tenantId: 'tenant-1', opts: [{ targetType: 'USER', targetIdentifiers: [user], resources: [{ code: 'ec2:8', actions: ['ec2:Start'] }] }] });
    expect(h.requests.at(-1)?.headers.get('x-authing-app-tenant-id')).toBe('tenant-1');
  });
});

describe('acl.revokeResources', () => {
  it('removes listed actions, whole grants, and a kind with its instances, in one call', async () => {
    const t = await targets();
    await h.management.acl.authorizeResources({
      namespace: ns,
      opts: [
        { targetType: 'USER', targetIdentifiers: [t.user], resources: [{ code: 'ec2:1', actions: ['ec2:Start', 'ec2:Stop'] }, { code: 'ec2:2', actions: ['ec2:Start'] }] },
        { targetType: 'ROLE', targetIdentifiers: [t.role], resources: [{ code: 'ec2', actions: ['ec2:Start'] }, { code: 'ec2:3', actions: ['ec2:Stop'] }] },
        { targetType: 'GROUP', targetIdentifiers: [t.group], resources: [{ code: 'ec2:1', actions: ['ec2:Start'] }] },
      ],
    });
    await expect(
      h.management.acl.revokeResources({
        namespace: ns,
        opts: [
          { targetType: 'USER', targetIdentifiers: [t.user], resources: [{ code: 'ec2:1', actions: ['ec2:Start'] }, { code: 'ec2:2', actions: ['ec2:Start'] }] },
          { targetType: 'ROLE', targetIdentifiers: [t.role], resources: [{ code: 'ec2' }] },
          { targetType: 'GROUP', targetIdentifiers: [t.group], resources: [{ code: 'ec2:9', actions: ['ec2:Start'] }] },
        ],
      }),
    ).resolves.toBe(true);
    expect(h.requests.at(-1)?.url).toMatch(/\/api\/v2\/acl\/revoke-resources$/);
    await expect(h.management.acl.isAllowed(t.user, 'ec2:1', 'ec2:Start', { namespace: ns })).resolves.toBe(false);
    await expect(h.management.acl.isAllowed(t.user, 'ec2:1', 'ec2:Stop', { namespace: ns })).resolves.toBe(true);
    const { list } = await h.management.acl.listAuthorizedResourcesBatch({
      namespace: ns,
      targets: [
        { targetType: 'USER', targetIdentifier: t.user },
        { targetType: 'ROLE', targetIdentifier: t.role },
        { targetType: 'GROUP', targetIdentifier: t.group },
      ],
    });
    expect(list).toEqual([
      { totalCount: 1, list: [{ code: 'ec2:1', type: 'DATA', actions: ['ec2:Stop'], apiIdentifier: null }] },
      { totalCount: 0, list: [] },
      { totalCount: 1, list: [{ code: 'ec2:1', type: 'DATA', actions: ['ec2:Start'], apiIdentifier: null }] },
    ]);
  });

  it('revokes nothing when one target is unknown', async () => {
    const { user } = await targets();
    await h.management.acl.authorizeResources({ namespace: ns, opts: [{ targetType: 'USER', targetIdentifiers: [user], resources: [{ code: 'ec2:4', actions: ['ec2:Start'] }] }] });
    const error = await failure(
      h.management.acl.revokeResources({
        namespace: ns,
        opts: [
          { targetType: 'USER', targetIdentifiers: [user], resources: [{ code: 'ec2:4' }] },
          { targetType: 'USER', targetIdentifiers: [uid('ghost')], resources: [{ code: 'ec2:4' }] },
        ],
      }),
    );
    expect(error.code).toBe(2004);
    await expect(h.management.acl.isAllowed(user, 'ec2:4', 'ec2:Start', { namespace: ns })).resolves.toBe(true);
  });
});

describe('acl.getResources (the official alias of listResources)', () => {
  it('sends the same request as listResources, namespaceCode standing for namespace', async () => {
    const listed = await h.management.acl.listResources({ namespace: ns, type: 'DATA' });
    const listRequest = h.requests.at(-1)?.url;
    const got = await h.management.acl.getResources({ namespaceCode: ns, type: 'DATA' });
    expect(h.requests.at(-1)?.url).toBe(listRequest);
    expect(got).toEqual(listed);
    expect(got).toMatchObject({ totalCount: 1, list: [{ code: 'ec2', type: 'DATA' }] });
    expect((await h.management.acl.getResources({ namespace: ns, type: 'MENU' })).totalCount).toBe(0);
  });
});
