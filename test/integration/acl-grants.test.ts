import { AuthingValidationError } from 'authing-ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { failure, uid, useLocalAuthing } from './harness.js';

const h = useLocalAuthing();


let ns: string;
beforeAll(async () => {
  ns = uid('ns');
  await h.management.acl.createNamespace(ns, 'Grants');
});
const newUserId = async () => (await h.management.users.create({ username: uid('u') })).id;

describe('allow / isAllowed', () => {
  it('grants one action on one resource and checks it through REST is-allowed, as the official SDK does', async () => {
    const user = await newUserId();
    await expect(h.management.acl.allow(user, 'books:1', 'books:read', ns)).resolves.toMatchObject({ code: 200 });
    const allowRequest = h.requests.at(-1);
    expect(allowRequest?.body).toContain('mutation allow');
    await expect(h.management.acl.isAllowed(user, 'books:1', 'books:read', { namespace: ns })).resolves.toBe(true);
    const check = h.requests.at(-1);
    expect(check?.url).toMatch(/\/api\/v2\/acl\/is-allowed$/);
    expect(JSON.parse(check?.body ?? '{}')).toEqual({ userId: user, resource: 'books:1', action: 'books:read', namespace: ns });
    await expect(h.management.acl.isAllowed(user, 'books:1', 'books:edit', { namespace: ns })).resolves.toBe(false);
    await expect(h.management.acl.isAllowed(user, 'books:2', 'books:read', { namespace: ns })).resolves.toBe(false);
    // Namespaces do not leak, and the default namespace is `default`.
    await expect(h.management.acl.isAllowed(user, 'books:1', 'books:read')).resolves.toBe(false);
    await h.management.acl.allow(user, 'films:*', 'films:watch');
    await expect(h.management.acl.isAllowed(user, 'films:9', 'films:watch')).resolves.toBe(true);
    await expect(h.management.acl.isAllowed(user, 'films:9', 'films:watch', { namespace: 'default' })).resolves.toBe(true);
  });

  it('rejects a bare kind client-side, and an unknown namespace server-side', async () => {
    const user = await newUserId();
    const before = h.requests.length;
    const bare = await failure(h.management.acl.allow(user, 'books', 'books:read', ns));
    expect(bare).toBeInstanceOf(AuthingValidationError);
    expect(bare).toMatchObject({ argument: 'resource' });
    expect(h.requests.length).toBe(before);
    expect((await failure(h.management.acl.allow(user, 'books:1', 'read', uid('missing')))).code).toBe(3003);
    expect((await failure(h.management.acl.isAllowed(user, 'books:1', 'read', { namespace: uid('missing') }))).code).toBe(3003);
  });
});

describe('authorizeResource / revokeResource / listAuthorizedResources', () => {
  it('grants to every target type and lists direct grants per target', async () => {
    const user = await newUserId();
    const role = uid('role');
    const group = uid('group');
    await h.management.roles.create(role, undefined, undefined, ns);
    await h.management.groups.create(group, 'G');
    const org = await h.management.org.create(uid('org'));
    const account = await h.management.acl.createProgrammaticAccessAccount(h.server.appId);
    const answer = await h.management.acl.authorizeResource({
      namespace: ns,
      resource: 'rooms:1',
      resourceType: 'DATA',
      opts: [
        { targetType: 'USER', targetIdentifier: user, actions: ['enter'] },
        { targetType: 'ROLE', targetIdentifier: role, actions: ['enter', 'clean'] },
        { targetType: 'GROUP', targetIdentifier: group, actions: ['book'] },
        { targetType: 'ORG', targetIdentifier: org.rootNode.id, actions: ['lock'] },
        { targetType: 'AK_SK', targetIdentifier: account.id, actions: ['read'] },
      ],
    });
    expect(answer).toMatchObject({ code: 200 });
    const list = (targetType: 'USER' | 'ROLE' | 'GROUP' | 'ORG' | 'AK_SK', id: string) => h.management.acl.listAuthorizedResources(targetType, id, ns);
    expect(await list('USER', user)).toMatchObject({ totalCount: 1, list: [{ code: 'rooms:1', type: 'DATA', actions: ['enter'] }] });
    expect((await list('ROLE', role)).list[0]?.actions).toEqual(['enter', 'clean']);
    expect((await list('GROUP', group)).list[0]?.actions).toEqual(['book']);
    expect((await list('ORG', org.rootNode.id)).list[0]?.actions).toEqual(['lock']);
    expect((await list('AK_SK', account.id)).list[0]?.actions).toEqual(['read']);
    expect((await h.management.acl.listAuthorizedResources('USER', user, ns, { resourceType: 'API' })).totalCount).toBe(0);

    await expect(h.management.acl.revokeResource({ namespace: ns, resource: 'rooms:1', opts: [{ targetType: 'USER', targetIdentifier: user }] })).resolves.toBe(true);
    expect((await list('USER', user)).totalCount).toBe(0);
    expect((await list('ROLE', role)).totalCount).toBe(1);
  });

  it('revoking a kind removes instance grants; revoking an instance keeps the kind', async () => {
    const user = await newUserId();
    const grant = (resource: string) =>
      h.management.acl.authorizeResource({ namespace: ns, resource, opts: [{ targetType: 'USER', targetIdentifier: user, actions: ['read'] }] });
    await grant('docs');
    await grant('docs:1');
    await h.management.acl.revokeResource({ namespace: ns, resource: 'docs:1', opts: [{ targetType: 'USER', targetIdentifier: user }] });
    expect((await h.management.acl.listAuthorizedResources('USER', user, ns)).list.map((r) => r.code)).toEqual(['docs']);
    await grant('docs:2');
    await h.management.acl.revokeResource({ namespace: ns, resource: 'docs', opts: [{ targetType: 'USER', targetIdentifier: user }] });
    expect((await h.management.acl.listAuthorizedResources('USER', user, ns)).totalCount).toBe(0);
  });
});

describe('getAuthorizedTargets', () => {
  it('lists the targets of a resource, filtered by type and actions (AND / OR)', async () => {
    const [u1, u2] = [await newUserId(), await newUserId()];
    const role = uid('role');
    await h.management.roles.create(role, undefined, undefined, ns);
    const resource = uid('book');
    await h.management.acl.authorizeResource({
      namespace: ns,
      resource,
      opts: [
        { targetType: 'USER', targetIdentifier: u1, actions: ['read', 'write'] },
        { targetType: 'USER', targetIdentifier: u2, actions: ['write'] },
        { targetType: 'ROLE', targetIdentifier: role, actions: ['read'] },
      ],
    });
    const all = await h.management.acl.getAuthorizedTargets({ namespace: ns, resource, resourceType: 'DATA' });
    expect(all.totalCount).toBe(3);
    const users = await h.management.acl.getAuthorizedTargets({ namespace: ns, resource, resourceType: 'DATA', targetType: 'USER' });
    expect(users.list?.map((t) => t?.targetIdentifier).sort()).toEqual([u1, u2].sort());
    const both = await h.management.acl.getAuthorizedTargets({ namespace: ns, resource, resourceType: 'DATA', targetType: 'USER', actions: { op: 'AND', list: ['read', 'write'] } });
    expect(both).toMatchObject({ totalCount: 1, list: [{ targetType: 'USER', targetIdentifier: u1, actions: ['read', 'write'] }] });
    const either = await h.management.acl.getAuthorizedTargets({ namespace: ns, resource, resourceType: 'DATA', actions: { op: 'OR', list: ['read'] } });
    expect(either.list?.map((t) => t?.targetIdentifier).sort()).toEqual([u1, role].sort());
  });
});
