import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, codes, unique, useServer, type GqlAnswer } from './helpers.js';

const h = useServer();

/** Alice and Bob share a role, a group and an org node; Alice queries with her own token. */
const world = { alice: '', bob: '', bobName: '', token: '', role: '', group: '', orgId: '', nodeId: '' };

beforeAll(async () => {
  const aliceName = unique('alice');
  world.bobName = unique('bob');
  world.alice = await h.createUser({ username: aliceName, password: 'pw-1234567' });
  world.bob = await h.createUser({ username: world.bobName, password: 'pw-1234567', nickname: 'Secret Bob' });
  world.role = unique('role');
  world.group = unique('group');
  const admin = bearer(h.admin);
  const users = [world.alice, world.bob];
  await h.gql('mutation($c: String!) { createRole(code: $c) { code } }', { c: world.role }, admin);
  await h.gql('mutation($c: String!, $u: [String!]) { assignRole(roleCode: $c, userIds: $u) { code } }', { c: world.role, u: users }, admin);
  await h.gql('mutation($c: String!) { createGroup(code: $c, name: $c) { code } }', { c: world.group }, admin);
  await h.gql('mutation($c: String, $u: [String!]!) { addUserToGroup(code: $c, userIds: $u) { code } }', { c: world.group, u: users }, admin);
  const org = await h.gql<{ createOrg: { id: string; rootNode: { id: string } } }>('mutation { createOrg(name: "Org") { id rootNode { id } } }', {}, admin);
  world.orgId = org.data?.createOrg.id ?? '';
  world.nodeId = org.data?.createOrg.rootNode.id ?? '';
  await h.gql('mutation($n: String, $u: [String!]!) { addMember(nodeId: $n, userIds: $u) { id } }', { n: world.nodeId, u: users }, admin);
  await h.gql(
    'mutation($u: String) { allow(resource: "books:1", action: "read", userId: $u) { code } }',
    { u: world.bob },
    admin,
  );
  world.token = await h.login(aliceName, 'pw-1234567');
});

const asAlice = (query: string, variables: Record<string, unknown> = {}) => h.gql(query, variables, bearer(world.token));
const leaksBob = (answer: GqlAnswer<unknown>) => JSON.stringify(answer).includes(world.bob) || JSON.stringify(answer).includes(world.bobName);

describe('nested selections with an end-user token (hole 4)', () => {
  it("shows Alice her own roles, groups and departments, but no role's, group's or node's users", async () => {
    const answer = await asAlice(`{ user {
      id
      roles { list { code users { list { id username } } } }
      groups { list { code users { list { id username } } } }
      departments { list { department { id users { list { id username } } } } }
    } }`);
    expect(leaksBob(answer)).toBe(false);
    expect(codes(answer)).toEqual([403, 403, 403]);
    expect(answer.errors?.map((e) => e.path?.filter((p) => typeof p === 'string').join('.')).sort()).toEqual([
      'user.departments.list.department.users',
      'user.groups.list.users',
      'user.roles.list.users',
    ]);
  });

  it('keeps the scalar fields of her own roles, groups and departments readable', async () => {
    const answer = await asAlice('{ user { roles { list { code } } groups { list { code } } departments { list { department { id } } } } }');
    expect(answer.errors).toBeUndefined();
    expect(answer.data).toEqual({
      user: {
        roles: { list: [{ code: world.role }] },
        groups: { list: [{ code: world.group }] },
        departments: { list: [{ department: { id: world.nodeId } }] },
      },
    });
  });

  it("refuses the grants and roles hanging off roles, groups and nodes (pool data, not hers)", async () => {
    const answer = await asAlice(`{ user {
      roles { list { authorizedResources { totalCount } } }
      groups { list { authorizedResources { totalCount } } }
      departments { list { department { roles { totalCount } authorizedResources { totalCount } } } }
    } }`);
    expect(codes(answer)).toEqual([403, 403, 403, 403]);
  });

  it("refuses other users by id and every management root field that lists users or targets", async () => {
    for (const [query, variables] of [
      ['query($id: String) { user(id: $id) { id } }', { id: world.bob }],
      ['{ users { list { id } } }', {}],
      ['query($c: String!) { role(code: $c) { users { list { id } } } }', { c: world.role }],
      ['query($c: String!) { group(code: $c) { users { list { id } } } }', { c: world.group }],
      ['query($id: String!) { nodeById(id: $id) { users { list { id } } } }', { id: world.nodeId }],
      ['query($id: String!) { org(id: $id) { rootNode { users { list { id } } } } }', { id: world.orgId }],
      ['{ authorizedTargets(namespace: "default", resourceType: DATA, resource: "books:1") { list { targetIdentifier } } }', {}],
      ['query($u: String) { authorizedResources(targetType: USER, targetIdentifier: $u) { totalCount } }', { u: world.bob }],
    ] as const) {
      const answer = await asAlice(query, variables);
      expect(leaksBob(answer), query).toBe(false);
      expect(codes(answer), query).toEqual([403]);
    }
  });

  it('lets management read all of it', async () => {
    const answer = await h.gql(
      'query($id: String) { user(id: $id) { roles { list { users { list { id } } } } } }',
      { id: world.alice },
      bearer(h.admin),
    );
    expect(answer.errors).toBeUndefined();
    expect(leaksBob(answer)).toBe(true);
  });
});
